import type { Constraint } from '../../analysis/constraint';
import type { StageFlow } from '../../analysis/steady';
import { STAGE_FIELD_KIND, STAGE_FIELD_LABELS } from '../../model/fields';
import { FUNNEL_COLUMNS, columnLetter } from '../../model/layout';
import {
  STAGE_NUMBER_FIELDS,
  type Model,
  type StageId,
  type StageNumberField,
} from '../../model/types';
import type { ComputeResult } from '../../state/compute/protocol';
import { formatCount, formatLoad } from '../format';
import { nextChoices } from '../../model/edits';
import type { Choice, GridCell, GridColumn, GridRow } from '../grid/types';
import { explainComputed, numberCell } from './cell-view';
import { unreachedStages } from './reach';

/**
 * A pasted "Feeds into" text that named no stage it could feed (see
 * pasteFunnel): the grid shows the text, flagged, while the stage's link is
 * still the one it kept.
 */
export interface UnlinkedPaste {
  /** The pasted text. */
  text: string;
  /** Why it was not applied, in plain words. */
  reason: string;
  /** The link the stage kept (a stage id, or null for the end of the funnel). */
  kept: StageId | null;
}

const HELP: Record<StageNumberField, string> = {
  arrivals: 'Items entering this stage from outside, per period (blank: 0).',
  conversion: 'Share of processed items that move on, 0–100 % (blank: 100 %).',
  capacity: 'Items the stage can process per period (blank: unlimited).',
  lag: 'Whole periods between processing here and arriving at the next stage (blank: 0).',
  cost_per_period: 'Operating expense of the stage per period (blank: 0).',
  cost_per_item: 'Money invested per item entering the stage — data, enrichment (blank: 0).',
  value: 'Revenue per item converted at this stage (blank: 0).',
  variable_cost: 'Truly variable cost per converted item, e.g. commission (blank: 0).',
};

const BLANK: Partial<Record<StageNumberField, string>> = { conversion: '100%', capacity: '∞' };

const WIDTH: Record<StageNumberField, number> = {
  arrivals: 78,
  conversion: 90,
  capacity: 80,
  lag: 46,
  cost_per_period: 78,
  cost_per_item: 84,
  value: 78,
  variable_cost: 78,
};

/** The computed (read-only) columns, after the input columns. */
export const COMPUTED = ['inflow', 'processed', 'pileup', 'out', 'load'] as const;

const COMPUTED_WIDTH: Record<(typeof COMPUTED)[number], number> = {
  inflow: 72,
  processed: 84,
  pileup: 70,
  out: 66,
  load: 80,
};

const COMPUTED_HELP: Record<(typeof COMPUTED)[number], string> = {
  inflow: 'Arrivals plus what feeding stages pass on, per period.',
  processed: 'The smaller of inflow and capacity, per period.',
  pileup: 'Inflow the stage cannot process: it piles up every period.',
  out: 'Processed × conversion: what moves on, per period.',
  load: 'Inflow ÷ capacity. Over 100 %: overloaded.',
};

/** The Funnel grid's columns: Stage, Feeds into, the number fields, then the computed ones. */
export function funnelColumns(): GridColumn[] {
  const inputs: GridColumn[] = FUNNEL_COLUMNS.map((key, i) => {
    const letter = columnLetter(i);
    if (key === 'name')
      return { key, header: 'Stage', kind: 'text', letter, width: 160, help: 'The stage’s name.' };
    if (key === 'next') {
      return {
        key,
        header: 'Feeds into',
        kind: 'choice',
        letter,
        width: 132,
        help: 'Where converted items go next.',
      };
    }
    return {
      key,
      header: STAGE_FIELD_LABELS[key],
      kind: 'cell',
      letter,
      numeric: true,
      width: WIDTH[key],
      help: HELP[key],
    };
  });
  const computed: GridColumn[] = COMPUTED.map((key) => ({
    key,
    header: key[0]?.toUpperCase() + key.slice(1),
    kind: 'computed',
    numeric: true,
    width: COMPUTED_WIDTH[key],
    help: COMPUTED_HELP[key],
  }));
  return [...inputs, ...computed];
}

function computedCells(flow: StageFlow | undefined): GridCell[] {
  if (!flow) return COMPUTED.map(() => ({ display: '', raw: '' }));
  return COMPUTED.map((key): GridCell => {
    if (key === 'load') {
      const over = flow.load !== null && flow.load > 1;
      return {
        display: formatLoad(flow.load),
        raw: '',
        copy: String(flow.load ?? ''),
        ...(over && { tone: 'alert' }),
      };
    }
    const value = flow[key];
    const tone = key === 'pileup' && value > 1e-9 ? { tone: 'alert' as const } : {};
    return { display: formatCount(value), raw: '', copy: String(value), ...tone };
  });
}

/**
 * The Funnel grid's rows from the model and its latest analysis. Cells whose
 * text changed since the analysis show their raw text until it catches up.
 * A stage nothing reaches has its name flagged (see {@link unreachedStages});
 * a "Feeds into" a paste could not set shows the pasted text, flagged.
 *
 * @param unlinked pasted "Feeds into" texts not applied, per stage id
 */
export function funnelRows(
  model: Pick<Model, 'stages' | 'currency' | 'loop'>,
  result: ComputeResult | null,
  unlinked: ReadonlyMap<StageId, UnlinkedPaste> = new Map(),
): GridRow[] {
  const computedRow = new Map(result?.model.stages.map((s, i) => [s.id, i]));
  const flowById = new Map(result?.analysis.flow.stages.map((f) => [f.id, f]));
  const constraint: Constraint | undefined = result?.analysis.constraint;
  const blocked = (result?.analysis.issues.length ?? 0) > 0;
  const nameOf = new Map(model.stages.map((s) => [s.id, s.name]));
  const byId = new Map(model.stages.map((s) => [s.id, s]));
  const unreached = unreachedStages(model, (id) => {
    const stage = byId.get(id);
    const j = computedRow.get(id);
    if (stage?.arrivals.trim() === '') return 0;
    if (j === undefined || result?.model.stages[j]?.arrivals !== stage?.arrivals) return null;
    const arrivals = result?.evaluated.stages[j]?.arrivals;
    return arrivals?.kind === 'number' ? arrivals.value : arrivals?.kind === 'blank' ? 0 : null;
  });
  return model.stages.map((stage) => {
    const j = computedRow.get(stage.id);
    const was = j === undefined ? undefined : result?.model.stages[j];
    const evaluated = j === undefined ? undefined : result?.evaluated.stages[j];

    const next = stage.next === null ? '' : (nameOf.get(stage.next) ?? '');
    const pasted = unlinked.get(stage.id);
    const warning = unreached.get(stage.id);
    const cells: GridCell[] = [
      { display: stage.name, raw: stage.name, ...(warning && { warning }) },
      pasted && pasted.kept === stage.next
        ? {
            display: pasted.text,
            raw: stage.next ?? '',
            copy: pasted.text,
            error: `${pasted.reason} Not pasted: it still ${next ? `feeds into ${next}` : 'ends the funnel'}.`,
          }
        : {
            display: next || '— end —',
            raw: stage.next ?? '',
            copy: next,
            placeholder: next === '',
          },
      ...STAGE_NUMBER_FIELDS.map((f) => {
        const current = was?.[f] === stage[f] ? evaluated?.[f] : undefined;
        const issue = result?.analysis.issues.find(
          (x) => x.stageId === stage.id && x.field === f && x.kind === 'range',
        );
        return numberCell(
          stage[f],
          current,
          issue,
          STAGE_FIELD_KIND[f],
          model.currency,
          BLANK[f] ?? '',
        );
      }),
      ...explainComputed(computedCells(flowById.get(stage.id)), COMPUTED, stage.id, result),
    ];
    const isConstraint = !blocked && constraint?.stages.some((s) => s === stage.id);
    return {
      key: stage.id,
      attr: stage.id,
      cells,
      ...(isConstraint && { highlight: 'Constraint' }),
    };
  });
}

/** The "Feeds into" options of a stage: the end of the funnel, or any stage that makes no circle. */
export function nextOptions(model: Model, row: number): Choice[] {
  return [
    { value: '', label: '— end of funnel —' },
    ...nextChoices(model, row).map((s) => ({ value: s.id, label: s.name })),
  ];
}
