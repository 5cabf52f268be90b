import { isBlank, isFormula, parseNumberLiteral } from '../model/number';
import {
  SHEETS,
  ASSUMPTION_COLUMNS,
  FUNNEL_COLUMNS,
  HEADER_ROWS,
  LOOP_ROWS,
} from '../model/layout';
import { LOOP_FIELD_LABELS, STAGE_FIELD_LABELS } from '../model/fields';
import type { Model } from '../model/types';

/** What HyperFormula is given for one cell: a number, a formula, forced text or empty. */
export type RawContent = number | string | null;

/**
 * The content HyperFormula gets for a cell's text: number literals are read
 * here (HyperFormula does not know `2.5k`), formulas pass as they are, and any
 * other text is forced to stay text (a leading `'`), so HyperFormula never
 * guesses a date or a currency from it.
 */
export function toContent(text: string): RawContent {
  if (isBlank(text)) return null;
  if (isFormula(text)) return text.trim();
  const n = parseNumberLiteral(text);
  return n !== null ? n : `'${text}`;
}

const label = (text: string): RawContent => (text === '' ? null : `'${text}`);

/** The Funnel sheet of a model, header row first. */
export function funnelSheet(model: Model): RawContent[][] {
  const nameOf = new Map(model.stages.map((s) => [s.id, s.name]));
  const header = FUNNEL_COLUMNS.map((c) =>
    label(c === 'name' ? 'Stage' : c === 'next' ? 'Feeds into' : STAGE_FIELD_LABELS[c]),
  );
  const rows = model.stages.map((s) =>
    FUNNEL_COLUMNS.map((c) => {
      if (c === 'name') return label(s.name);
      if (c === 'next') return label(s.next === null ? '' : (nameOf.get(s.next) ?? ''));
      return toContent(s[c]);
    }),
  );
  return [header, ...rows];
}

/** The Assumptions sheet of a model, header row first. */
export function assumptionsSheet(model: Model): RawContent[][] {
  const header = ASSUMPTION_COLUMNS.map((c) => label(c[0]?.toUpperCase() + c.slice(1)));
  return [
    header,
    ...model.assumptions.map((a) => [label(a.name), toContent(a.value), label(a.note)]),
  ];
}

/** The Loop sheet of a model: one row per loop number field. */
export function loopSheet(model: Model): RawContent[][] {
  return [
    [label('Setting'), label('Value')],
    ...LOOP_ROWS.map((f) => [label(LOOP_FIELD_LABELS[f]), toContent(model.loop[f])]),
  ];
}

/** All three sheets, keyed by the names formulas use. */
export function modelSheets(model: Model): Record<string, RawContent[][]> {
  return {
    [SHEETS.funnel]: funnelSheet(model),
    [SHEETS.assumptions]: assumptionsSheet(model),
    [SHEETS.loop]: loopSheet(model),
  };
}

/** The expression behind an assumption's name: its value cell, absolutely. */
export function assumptionExpression(row: number): string {
  return `=${SHEETS.assumptions}!$B$${row + HEADER_ROWS + 1}`;
}
