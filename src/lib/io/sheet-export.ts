import Papa from 'papaparse';
import type { SteadyState } from '../analysis/steady';
import { STAGE_NUMBER_FIELDS, type Model } from '../model/types';
import { neutralizeCell } from './injection';
import {
  ASSUMPTION_HEADERS,
  COMPUTED_HEADERS,
  computedRow,
  computedText,
  FUNNEL_HEADERS,
  ID_HEADER,
} from './sheet/grid';

/** The first header cell of the assumptions table in a grid CSV. */
export const CSV_ASSUMPTIONS_MARK = 'Assumption';

/**
 * The grid as CSV values: a header row, then one row per stage with its name,
 * the name of the stage it feeds into, every number field as typed (`35%`,
 * `2.5k`, `=AEs*50`), the computed Inflow, Processed, Pileup, Out and Load,
 * and its id; then, when there are assumptions, a blank row and an
 * Assumption/Value/Note table. Every text cell that a spreadsheet would run as
 * a formula (starting with = + - @ tab or CR) gets a leading `'` (OWASP);
 * formulas are therefore kept as text, and the computed columns carry their
 * values. {@link importGridCsv} reads it back.
 *
 * @param model the model
 * @param flow its steady state (analysis/steady.ts), stages in grid order
 * @returns CSV text, comma-separated, CRLF line ends
 */
export function gridToCsv(model: Model, flow: SteadyState): string {
  const nameOf = new Map(model.stages.map((s) => [s.id, s.name]));
  const rows: string[][] = [[...FUNNEL_HEADERS, ...COMPUTED_HEADERS, ID_HEADER]];
  model.stages.forEach((s, i) => {
    rows.push([
      neutralizeCell(s.name),
      neutralizeCell(s.next === null ? '' : (nameOf.get(s.next) ?? '')),
      ...STAGE_NUMBER_FIELDS.map((f) => neutralizeCell(s[f], true)),
      ...computedRow(flow, i).map((v) => neutralizeCell(computedText(v), true)),
      neutralizeCell(s.id),
    ]);
  });
  if (model.assumptions.length > 0) {
    rows.push([]);
    rows.push([CSV_ASSUMPTIONS_MARK, ...ASSUMPTION_HEADERS.slice(1)]);
    for (const a of model.assumptions) {
      rows.push([neutralizeCell(a.name), neutralizeCell(a.value, true), neutralizeCell(a.note)]);
    }
  }
  return Papa.unparse(rows, { newline: '\r\n', quotes: false, skipEmptyLines: false }) + '\r\n';
}
