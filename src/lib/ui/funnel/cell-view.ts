import type { CellIssue } from '../../analysis/inputs';
import type { CellResult } from '../../engine/types';
import type { FieldKind } from '../../model/fields';
import { isFormula } from '../../model/number';
import type { StageId } from '../../model/types';
import type { ComputeResult } from '../../state/compute/protocol';
import { formatByKind, formatCount, formatLoad, formatRate } from '../format';
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

/** A number cell's value for an explanation, or `fallback` when it is blank or an error. */
function valueOf(cell: CellResult | undefined, fallback: number): number {
  return cell?.kind === 'number' ? cell.value : fallback;
}

/**
 * Each computed cell of one stage explained with that stage's own numbers,
 * the way a spreadsheet's formula bar shows a cell's formula: Inflow
 * "Arrivals 2,000 + 1,800 from Enrich = 3,800", Processed "min(inflow 1,800,
 * capacity 1,500) = 1,500", Pileup "Inflow 1,800 − processed 1,500 = 300 a
 * period", Out "Processed 1,500 × conversion 5% = 75", Load "Inflow 2,000 ÷
 * capacity 200 = 1,000%". Numbers are formatted as the grid shows them.
 *
 * @param cells the stage's computed cells, in `keys` order
 * @param keys the computed columns (inflow, processed, pileup, out, load)
 * @param result the analysis the cells show (their flow and evaluated inputs)
 * @returns the cells with `explain` set (unchanged while there is no analysis of the stage)
 */
export function explainComputed(
  cells: GridCell[],
  keys: readonly string[],
  stageId: StageId,
  result: ComputeResult | null,
): GridCell[] {
  const row = result?.model.stages.findIndex((s) => s.id === stageId) ?? -1;
  const flow = result?.analysis.flow.stages[row];
  const inputs = result?.evaluated.stages[row];
  if (!result || !flow || !inputs) return cells;
  const arrivals = valueOf(inputs.arrivals, 0);
  const capacity = valueOf(inputs.capacity, Infinity);
  const conversion = valueOf(inputs.conversion, 1);
  const feeders = result.model.stages.flatMap((s, i) => {
    const out = result.analysis.flow.stages[i]?.out ?? 0;
    return s.next === stageId && out > 0 ? [`${formatCount(out)} from ${s.name}`] : [];
  });
  const fed = result.model.stages.reduce(
    (sum, s, i) => sum + (s.next === stageId ? (result.analysis.flow.stages[i]?.out ?? 0) : 0),
    0,
  );
  // Stages that feed it but send nothing (out 0): named, since "no stage feeds it" would be false.
  const dry = result.model.stages.filter(
    (s, i) => s.next === stageId && !((result.analysis.flow.stages[i]?.out ?? 0) > 0),
  );
  const unfed =
    dry.length > 0
      ? `nothing comes from ${dry.map((s) => s.name).join(', ')}`
      : 'no stage feeds it';
  // What neither arrivals nor feeders account for: referred leads entering here (pull).
  const referred = flow.inflow - arrivals - fed;
  const parts = [
    ...(arrivals > 0 ? [`Arrivals ${formatCount(arrivals)}`] : []),
    ...feeders,
    ...(referred > 1e-9 * flow.inflow ? [`${formatCount(referred)} referred`] : []),
  ];
  const inflow = formatCount(flow.inflow);
  const unlimited = !Number.isFinite(capacity);
  const explain: Record<string, string> = {
    inflow:
      parts.length === 0
        ? `Nothing arrives: no arrivals, and ${unfed}.`
        : parts.length === 1
          ? `${parts[0]}; ${arrivals > 0 ? unfed : 'no arrivals'}`
          : `${parts.join(' + ')} = ${inflow}`,
    processed: unlimited
      ? `Capacity unlimited: all of the inflow, ${inflow}`
      : `min(inflow ${inflow}, capacity ${formatCount(capacity)}) = ${formatCount(flow.processed)}`,
    pileup: `Inflow ${inflow} − processed ${formatCount(flow.processed)} = ${formatCount(flow.pileup)} a period`,
    out: `Processed ${formatCount(flow.processed)} × conversion ${formatRate(conversion)} = ${formatCount(flow.out)}`,
    load:
      flow.load === null
        ? 'Capacity unlimited: no load.'
        : flow.load === Infinity
          ? `Inflow ${inflow} ÷ capacity 0: overloaded (∞)`
          : `Inflow ${inflow} ÷ capacity ${formatCount(capacity)} = ${formatLoad(flow.load)}`,
  };
  return cells.map((cell, k) => {
    const text = explain[keys[k] ?? ''];
    return text ? { ...cell, explain: text } : cell;
  });
}
