import type { CellChange } from '../../analysis/trial';
import type { EvaluatedModel } from '../../engine/types';
import { EditError, setAssumptionField } from '../../model/edits';
import { soleAssumption } from '../../model/formula-refs';
import { setStageCells } from '../../model/growth-edits';
import { funnelAddress } from '../../model/layout';
import { isFormula, percentLiteral } from '../../model/number';
import type { Model, StageId, StageNumberField } from '../../model/types';
import { solveInput } from './solve';

/*
 * How a what-if of the five focusing steps is applied without throwing the
 * user's formulas away (issue 9, item 12): a number cell gets the new
 * number; a formula that rests on one assumption (`=AEs*50`) keeps its
 * formula and the assumption is changed instead (AEs 4 → 40); any other
 * formula would be overwritten, which the user must confirm first.
 */

/** The stage cell one change is about. */
interface Target {
  stageId: StageId;
  field: StageNumberField;
  /** Its A1 address in the Funnel sheet today ("E3"). */
  address: string;
}

/** What one {@link CellChange} becomes. */
export type ApplyStep =
  /** A number (or blank) cell gets the new text. */
  | (Target & { kind: 'cell'; from: string; text: string })
  /** The cell keeps its formula; the assumption at `row` goes from `from` to `text` so that it evaluates to `target`. */
  | (Target & {
      kind: 'assumption';
      formula: string;
      /** The number the cell now gives, as the what-if wrote it ("2000", "6%"). */
      target: string;
      row: number;
      name: string;
      from: string;
      text: string;
    })
  /** The cell's formula is replaced by the number `text` (only after the user confirms). */
  | (Target & { kind: 'overwrite'; formula: string; text: string });

/** A what-if worked out against one version of the model. */
export interface ApplyPlan {
  /** The model with every step applied. */
  model: Model;
  /** One step per change, in the changes' order. */
  steps: ApplyStep[];
}

/** Writes an assumption's new value like its old text: `6%` for a percentage, else a plain number. */
function assumptionText(old: string, value: number): string {
  return old.trim().endsWith('%') ? percentLiteral(value) : String(value);
}

/**
 * Works out how to apply a what-if's cell changes: see {@link ApplyStep}.
 * An assumption is changed only when its own value is a number (not a
 * formula), no earlier change of the same what-if changed it, and a value
 * was found that makes the cell evaluate to the change's value (checked by
 * evaluating it); otherwise the formula is to be overwritten.
 *
 * @param evaluate evaluates a whole model (the compute worker's engine); called
 *   a few times per formula, up to about 90 for a curve
 * @throws EditError when a change's stage no longer exists (the what-if is out of date)
 */
export function planApply(
  model: Model,
  changes: readonly CellChange[],
  evaluate: (model: Model) => EvaluatedModel,
): ApplyPlan {
  let next = model;
  const steps: ApplyStep[] = [];
  const changed = new Set<number>();
  for (const change of changes) {
    const row = next.stages.findIndex((s) => s.id === change.stageId);
    const stage = next.stages[row];
    if (!stage)
      throw new EditError(
        `Stage "${change.stageId}" no longer exists: the suggestion is out of date.`,
      );
    const { stageId, field, text } = change;
    const target: Target = { stageId, field, address: funnelAddress(row, field) };
    const formula = stage[field];
    const write = () => setStageCells(next, [change]);
    if (!isFormula(formula)) {
      steps.push({ ...target, kind: 'cell', from: formula, text });
      next = write();
      continue;
    }
    const aRow = soleAssumption(next, formula);
    const assumption = aRow === null ? undefined : next.assumptions[aRow];
    const solved =
      aRow !== null && assumption && !isFormula(assumption.value) && !changed.has(aRow)
        ? solveAssumption(next, aRow, row, change, evaluate)
        : null;
    if (aRow !== null && assumption && solved !== null) {
      const newText = assumptionText(assumption.value, solved);
      steps.push({
        ...target,
        kind: 'assumption',
        formula,
        target: text,
        row: aRow,
        name: assumption.name,
        from: assumption.value,
        text: newText,
      });
      changed.add(aRow);
      next = setAssumptionField(next, aRow, 'value', newText);
    } else {
      steps.push({ ...target, kind: 'overwrite', formula, text });
      next = write();
    }
  }
  return { model: next, steps };
}

/** The value of assumption `aRow` that makes stage `row`'s cell evaluate to the change's value, or null. */
function solveAssumption(
  model: Model,
  aRow: number,
  row: number,
  change: CellChange,
  evaluate: (model: Model) => EvaluatedModel,
): number | null {
  const output = (x: number): number | null => {
    const trial = setAssumptionField(model, aRow, 'value', String(x));
    const cell = evaluate(trial).stages[row]?.[change.field];
    return cell?.kind === 'number' ? cell.value : null;
  };
  const today = evaluate(model).assumptions[aRow];
  const x0 = today?.kind === 'number' ? today.value : 0;
  return solveInput(output, change.value, x0);
}
