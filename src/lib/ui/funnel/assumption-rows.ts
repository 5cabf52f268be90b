import type { Model } from '../../model/types';
import type { ComputeResult } from '../../state/compute/protocol';
import type { GridColumn, GridRow } from '../grid/types';
import { numberCell } from './cell-view';

/** The Assumptions grid's columns: Name (A), Value (B), Note (C). */
export function assumptionColumns(): GridColumn[] {
  return [
    {
      key: 'name',
      header: 'Name',
      kind: 'text',
      letter: 'A',
      width: 150,
      help: 'Use this name in any formula, e.g. =AEs*50.',
    },
    {
      key: 'value',
      header: 'Value',
      kind: 'cell',
      letter: 'B',
      numeric: true,
      width: 110,
      help: 'A number or a formula (refer to funnel cells as Funnel!C2).',
    },
    {
      key: 'note',
      header: 'Note',
      kind: 'text',
      letter: 'C',
      width: 260,
      help: 'What this assumption stands for.',
    },
  ];
}

/** The Assumptions grid's rows; a name that cannot be used in formulas is flagged on the name. */
export function assumptionRows(model: Model, result: ComputeResult | null): GridRow[] {
  return model.assumptions.map((a, i) => {
    const was = result?.model.assumptions[i];
    const current =
      was && was.name === a.name && was.value === a.value
        ? result?.evaluated.assumptions[i]
        : undefined;
    const nameError =
      current?.kind === 'error' &&
      current.error.code === '#NAME?' &&
      /name/.test(current.error.explanation);
    const value = numberCell(
      a.value,
      nameError ? undefined : current,
      undefined,
      'count',
      model.currency,
      '',
    );
    return {
      key: String(i),
      attr: a.name,
      cells: [
        {
          display: a.name || 'unnamed',
          raw: a.name,
          placeholder: a.name === '',
          ...(nameError && current?.kind === 'error' && { error: current.error.explanation }),
        },
        value,
        { display: a.note, raw: a.note },
      ],
    };
  });
}
