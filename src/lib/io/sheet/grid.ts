import type { SteadyState } from '../../analysis/steady';
import { STAGE_FIELD_LABELS } from '../../model/fields';
import { FUNNEL_COLUMNS } from '../../model/layout';

/*
 * The grid as exported to CSV and XLSX: the Funnel sheet's columns exactly
 * as model/layout.ts places them (A Stage, B Feeds into, C… the number
 * fields), then the computed columns, then the stage id (so a round trip
 * keeps ids). Assumptions follow as their own table.
 */

/** Header of each Funnel column A… (layout.ts order). */
export const FUNNEL_HEADERS: string[] = FUNNEL_COLUMNS.map((c) =>
  c === 'name' ? 'Stage' : c === 'next' ? 'Feeds into' : STAGE_FIELD_LABELS[c],
);

/** The computed columns after the number fields, as the grid shows them. */
export const COMPUTED = ['inflow', 'processed', 'pileup', 'out', 'load'] as const;

/** Headers of the computed columns. */
export const COMPUTED_HEADERS = ['Inflow', 'Processed', 'Pileup', 'Out', 'Load'];

/** Header of the stage-id column after the computed ones. */
export const ID_HEADER = 'Id';

/** Header row of the assumptions table. */
export const ASSUMPTION_HEADERS = ['Name', 'Value', 'Note'];

/** A computed number for a values export: full precision to 12 digits, unlimited load blank. */
export function computedText(value: number | null): string {
  if (value === null) return '';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '';
  return String(+value.toPrecision(12));
}

/** One stage's computed values from the steady state, in {@link COMPUTED} order. */
export function computedRow(flow: SteadyState, index: number): (number | null)[] {
  const f = flow.stages[index];
  return COMPUTED.map((c) => (f ? f[c] : null));
}
