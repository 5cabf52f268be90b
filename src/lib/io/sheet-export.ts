import Papa from 'papaparse';
import type { SteadyState } from '../analysis/steady';
import type { CellResult, EvaluatedModel } from '../engine/types';
import { STAGE_FIELD_KIND, type FieldKind } from '../model/fields';
import { percentLiteral } from '../model/number';
import { STAGE_NUMBER_FIELDS, type Model } from '../model/types';
import { neutralizeCell } from './injection';
import {
  ASSUMPTION_HEADERS,
  COMPUTED,
  COMPUTED_HEADERS,
  computedRow,
  computedText,
  FUNNEL_HEADERS,
  ID_HEADER,
} from './sheet/grid';

/** The first header cell of the assumptions table in a grid CSV. */
export const CSV_ASSUMPTIONS_MARK = 'Assumption';

/**
 * A number cell's value as the grid shows it, for a values file: a rate as
 * a percentage (`35%`), any other number in full (12 significant digits,
 * no thousands separators, so spreadsheets read it as a number), blank as
 * blank, an error as its code (`#DIV/0!`).
 */
function valueText(result: CellResult | undefined, kind: FieldKind): string {
  if (!result || result.kind === 'blank') return '';
  if (result.kind === 'error') return result.error.code;
  return kind === 'rate' ? percentLiteral(result.value) : computedText(result.value);
}

/**
 * The grid's values as CSV — what the grid shows, not what was typed: a
 * header row, then one row per stage with its name, the name of the stage
 * it feeds into, every number field evaluated (`=AEs*50` is written as
 * `2000`; conversions as percentages, `35%`), the computed Inflow,
 * Processed, Pileup, Out and Load (load as a percentage, `1000%`, as the
 * grid's 1,000 %; blank where capacity is unlimited), and its id; then,
 * when there are assumptions, a blank row and an Assumption/Value/Note table
 * with each value evaluated. Formulas are not in this file: the XLSX keeps
 * them live. Every text cell that a spreadsheet would run as a formula
 * (starting with = + - @ tab or CR) gets a leading `'` (OWASP).
 * {@link importGridCsv} reads it back (as numbers).
 *
 * @param model the model
 * @param flow its steady state (analysis/steady.ts), stages in grid order
 * @param evaluated its cells evaluated by the formula engine, in grid order
 * @returns CSV text, comma-separated, CRLF line ends
 */
export function gridToCsv(model: Model, flow: SteadyState, evaluated: EvaluatedModel): string {
  const nameOf = new Map(model.stages.map((s) => [s.id, s.name]));
  const rows: string[][] = [[...FUNNEL_HEADERS, ...COMPUTED_HEADERS, ID_HEADER]];
  model.stages.forEach((s, i) => {
    const cells = evaluated.stages[i];
    rows.push([
      neutralizeCell(s.name),
      neutralizeCell(s.next === null ? '' : (nameOf.get(s.next) ?? '')),
      ...STAGE_NUMBER_FIELDS.map((f) =>
        neutralizeCell(valueText(cells?.[f], STAGE_FIELD_KIND[f]), true),
      ),
      ...computedRow(flow, i).map((v, j) =>
        neutralizeCell(
          COMPUTED[j] === 'load' && v !== null && Number.isFinite(v)
            ? percentLiteral(v)
            : computedText(v),
          true,
        ),
      ),
      neutralizeCell(s.id),
    ]);
  });
  if (model.assumptions.length > 0) {
    rows.push([]);
    rows.push([CSV_ASSUMPTIONS_MARK, ...ASSUMPTION_HEADERS.slice(1)]);
    model.assumptions.forEach((a, i) => {
      const kind: FieldKind = a.value.trim().endsWith('%') ? 'rate' : 'count';
      const value = valueText(evaluated.assumptions[i], kind);
      rows.push([neutralizeCell(a.name), neutralizeCell(value, true), neutralizeCell(a.note)]);
    });
  }
  return Papa.unparse(rows, { newline: '\r\n', quotes: false, skipEmptyLines: false }) + '\r\n';
}
