import { CellError as HfCellError, ErrorType, FunctionPlugin, HyperFormula } from 'hyperformula';
import { isFormula } from '../model/number';
import { FUNNEL_COLUMNS, HEADER_ROWS, LOOP_ROWS } from '../model/layout';
import { STAGE_NUMBER_FIELDS, type Model } from '../model/types';
import {
  formulaCost,
  formulaProblem,
  MAX_MODEL_CELLS,
  overBudget,
  type FormulaCost,
} from './guard';
import type { CellError, FormulaCell } from './types';

/*
 * Which formula cells of a model HyperFormula must not evaluate (guard.ts),
 * and what it holds in their place: `=BOTTLENECK.REFUSED()`, a function of
 * our own that gives #ERROR!, so a formula using a refused cell fails too
 * (saying so) instead of reading it as 0.
 */

const REFUSED_ID = 'BOTTLENECK.REFUSED';
/** HyperFormula's message for a refused cell's error; errors.ts explains it to the user. */
export const REFUSED_MESSAGE = 'bottleneck:refused';
/** What HyperFormula holds in a refused cell. */
export const REFUSED_CONTENT = `=${REFUSED_ID}()`;

/** The HyperFormula plugin of {@link REFUSED_CONTENT}. */
class RefusedPlugin extends FunctionPlugin {
  static override implementedFunctions = { [REFUSED_ID]: { method: 'refused', parameters: [] } };
  /** `=BOTTLENECK.REFUSED()`: always #ERROR!, with the message errors.ts explains. */
  refused(): HfCellError {
    return new HfCellError(ErrorType.ERROR, REFUSED_MESSAGE);
  }
}
HyperFormula.registerFunctionPlugin(RefusedPlugin, {
  enGB: { [REFUSED_ID]: REFUSED_ID },
  enUS: { [REFUSED_ID]: REFUSED_ID },
});

/** Sheet numbers of the workbook (the order of modelSheets). */
const SHEET_INDEX = { funnel: 0, assumptions: 1, loop: 2 } as const;
const VALUE_COLUMN = 1;

/** The key of a cell in maps: `sheet:row:col`. */
export const cellKey = (c: FormulaCell): string => `${c.sheet}:${c.row}:${c.col}`;

/** Every formula cell of a model with its text, in the order the budget is spent: Funnel, Assumptions, Loop. */
export function* formulaCells(model: Model): Generator<FormulaCell & { text: string }> {
  for (const [i, s] of model.stages.entries()) {
    for (const f of STAGE_NUMBER_FIELDS) {
      const col = FUNNEL_COLUMNS.indexOf(f);
      if (isFormula(s[f]))
        yield { sheet: SHEET_INDEX.funnel, row: i + HEADER_ROWS, col, text: s[f] };
    }
  }
  for (const [i, a] of model.assumptions.entries()) {
    if (isFormula(a.value)) {
      yield {
        sheet: SHEET_INDEX.assumptions,
        row: i + HEADER_ROWS,
        col: VALUE_COLUMN,
        text: a.value,
      };
    }
  }
  for (const [i, f] of LOOP_ROWS.entries()) {
    if (isFormula(model.loop[f])) {
      yield {
        sheet: SHEET_INDEX.loop,
        row: i + HEADER_ROWS,
        col: VALUE_COLUMN,
        text: model.loop[f],
      };
    }
  }
}

/** Remembers each formula text's cost, so an edit re-reads only the cells it changed. */
export class CostCache {
  #costs = new Map<string, FormulaCost>();

  /** The {@link formulaCost} of `text`. */
  of(text: string): FormulaCost {
    let cost = this.#costs.get(text);
    if (!cost) {
      if (this.#costs.size > 20_000) this.#costs.clear();
      cost = formulaCost(text);
      this.#costs.set(text, cost);
    }
    return cost;
  }
}

/** A refusal found earlier for a cell's text (it threw, or was too slow): it stands while the text is the same. */
export interface KnownRefusal {
  text: string;
  error: CellError;
}

/**
 * The formula cells of `model` that must not be evaluated, by {@link cellKey},
 * with the error each shows: found earlier with the same text (`known`), too
 * deep, too many cells, or over the model's budget (the first formulas in
 * grid order spend it). With `notRun`, every formula is refused with that error.
 */
export function refusalsOf(
  model: Model,
  costs: CostCache,
  known: ReadonlyMap<string, KnownRefusal>,
  notRun: CellError | null = null,
): Map<string, CellError> {
  const refusals = new Map<string, CellError>();
  let spent = 0;
  for (const cell of formulaCells(model)) {
    const key = cellKey(cell);
    if (notRun) {
      refusals.set(key, notRun);
      continue;
    }
    const before = known.get(key);
    if (before && before.text === cell.text) {
      refusals.set(key, before.error);
      continue;
    }
    const cost = costs.of(cell.text);
    const problem = formulaProblem(cost);
    if (problem) refusals.set(key, problem);
    else if (spent + cost.cells > MAX_MODEL_CELLS) refusals.set(key, overBudget(cost.cells));
    else spent += cost.cells;
  }
  return refusals;
}
