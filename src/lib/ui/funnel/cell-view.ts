import type { CellIssue } from '../../analysis/inputs';
import type { CellResult } from '../../engine/types';
import type { FieldKind } from '../../model/fields';
import { isFormula } from '../../model/number';
import { formatByKind } from '../format';
import type { GridCell } from '../grid/types';

/** A plain value for other apps' clipboards: rates as percentages, other numbers unformatted. */
function plain(value: number, kind: FieldKind): string {
  return kind === 'rate' ? `${+(value * 100).toPrecision(12)}%` : String(+value.toPrecision(12));
}

/**
 * How a number cell shows: its evaluated value formatted by kind, its error,
 * or (while the analysis catches up with an edit) its raw text.
 *
 * @param raw the cell's text
 * @param result the engine's result for that text, or undefined when not computed yet
 * @param issue a range problem the analysis found in this cell
 * @param blank what a blank cell means, shown dim (e.g. "100%"), or '' for nothing
 */
export function numberCell(
  raw: string,
  result: CellResult | undefined,
  issue: CellIssue | undefined,
  kind: FieldKind,
  currency: string,
  blank: string,
): GridCell {
  const formula = isFormula(raw);
  if (raw.trim() === '') return { display: blank, raw: '', placeholder: blank !== '', copy: '' };
  if (!result) return { display: raw, raw, formula, copy: raw };
  if (result.kind === 'error') {
    return {
      display: formula ? result.error.code : raw,
      raw,
      formula,
      error: `${result.error.code} ${result.error.explanation}`,
      copy: result.error.code,
    };
  }
  if (result.kind === 'blank') return { display: blank, raw, placeholder: blank !== '', copy: '' };
  return {
    display: formatByKind(result.value, kind, currency),
    raw,
    formula,
    ...(issue && { warning: issue.message }),
    copy: plain(result.value, kind),
  };
}
