import { HyperFormula } from 'hyperformula';
import type { Model } from '../model/types';
import { assumptionExpression, modelSheets, toContent, type RawContent } from './cells';
import { crashed, outOfTime, tooSlow } from './guard';
import { cellKey, formulaCells, REFUSED_CONTENT } from './refusals';
import type { CellError, FormulaCell } from './types';

/*
 * Builds the HyperFormula workbook of a model with its refused formulas
 * (refusals.ts) held as refused. When HyperFormula still throws on some
 * formula, the formulas are added one at a time to find it.
 */

// smartRounding off: results keep full double precision (=8/30 stays 0.2666…67, not
// 0.26666666666667), so chains of conversions multiply out exactly.
const CONFIG = {
  licenseKey: 'gpl-v3',
  maxRows: 10_000,
  maxColumns: 64,
  smartRounding: false,
} as const;

/** A careful build: each formula added on its own, watched, and refused when slow. */
export interface CarefulBuild {
  /** Called before each formula is added, with its text (whoever watches then knows which one hangs). */
  onCell(cell: FormulaCell & { text: string }): void;
  /** A formula that takes longer than this, in ms, to add is refused. */
  slowMs: number;
  /** Once the formulas added took this long, in ms, together, the rest are refused. */
  budgetMs: number;
}

/** Called for each refusal a build finds: the cell with its text, and the error it shows. */
export type OnFound = (cell: FormulaCell & { text: string }, error: CellError) => void;

/** A built workbook and the error of each assumption's name (null: usable in formulas). */
export interface Workbook {
  hf: HyperFormula;
  nameErrors: (CellError | null)[];
}

/** Why an assumption's name cannot be used in formulas, or null when it can. */
function nameProblem(
  hf: HyperFormula,
  name: string,
  earlier: Set<string>,
  row: number,
): CellError | null {
  if (name === '') return null;
  if (earlier.has(name.toLowerCase())) {
    return {
      code: '#NAME?',
      explanation: `"${name}" is already the name of another assumption; names must be unique.`,
    };
  }
  if (!hf.isItPossibleToAddNamedExpression(name, assumptionExpression(row))) {
    return {
      code: '#NAME?',
      explanation: `"${name}" can't be used as a name in formulas: start with a letter or _, use letters, digits, _ and ., and don't write a cell address like AE1.`,
    };
  }
  return null;
}

/** A workbook of `model` with the `refused` cells (and, when `allFormulas`, every formula) refused. */
function buildWith(
  model: Model,
  refused: ReadonlyMap<string, CellError>,
  allFormulas: boolean,
): Workbook {
  const sheets = modelSheets(model);
  const rows = Object.values(sheets);
  for (const cell of formulaCells(model)) {
    if (allFormulas || refused.has(cellKey(cell))) {
      (rows[cell.sheet] as RawContent[][])[cell.row]![cell.col] = REFUSED_CONTENT;
    }
  }
  const hf = HyperFormula.buildFromSheets(sheets, CONFIG);
  try {
    const seen = new Set<string>();
    const nameErrors = model.assumptions.map((a, row) => {
      const name = a.name.trim();
      const problem = nameProblem(hf, name, seen, row);
      if (name !== '') seen.add(name.toLowerCase());
      if (problem === null && name !== '') hf.addNamedExpression(name, assumptionExpression(row));
      return problem;
    });
    return { hf, nameErrors };
  } catch (error) {
    hf.destroy();
    throw error;
  }
}

/**
 * Builds with every formula refused, then adds them one at a time: one that
 * throws (or, when careful, takes longer than `slowMs`) stays refused. After
 * a throw the workbook is built again (with the formulas not yet added
 * still refused), since HyperFormula may be left half-updated.
 */
function buildOneByOne(
  model: Model,
  refusals: Map<string, CellError>,
  careful: CarefulBuild | undefined,
  found: OnFound,
): Workbook {
  const refuse = (cell: FormulaCell & { text: string }, error: CellError) => {
    refusals.set(cellKey(cell), error);
    found(cell, error);
  };
  const cells = [...formulaCells(model)].filter((c) => !refusals.has(cellKey(c)));
  let built = buildWith(model, refusals, true);
  const start = performance.now();
  cells.forEach((cell, i) => {
    if (careful && performance.now() - start > careful.budgetMs) {
      // Not found guilty, only not tried: the next edit tries it again.
      refusals.set(cellKey(cell), outOfTime(careful.budgetMs / 1000));
      return;
    }
    careful?.onCell(cell);
    const started = performance.now();
    try {
      built.hf.setCellContents(cell, [[toContent(cell.text)]]);
    } catch (error) {
      refuse(cell, crashed(error));
      built.hf.destroy();
      const later = new Map(refusals);
      for (const c of cells.slice(i + 1)) later.set(cellKey(c), crashed(error));
      built = buildWith(model, later, false);
      return;
    }
    const took = performance.now() - started;
    if (careful && took > careful.slowMs) {
      refuse(cell, tooSlow(Math.round(took / 100) / 10));
      built.hf.setCellContents(cell, [[REFUSED_CONTENT]]);
    }
  });
  return built;
}

/**
 * The workbook of `model`, its `refusals` held as refused. A formula that
 * makes HyperFormula throw anyway is found and added to `refusals`, as is
 * one slower than `careful.slowMs` in a careful build.
 *
 * @param refusals the refused cells by cellKey; updated in place
 * @param found told of each refusal the build finds
 */
export function buildWorkbook(
  model: Model,
  refusals: Map<string, CellError>,
  careful: CarefulBuild | undefined,
  found: OnFound,
): Workbook {
  if (!careful) {
    try {
      return buildWith(model, refusals, false);
    } catch {
      // Some formula makes HyperFormula throw: add them one at a time to find it.
    }
  }
  return buildOneByOne(model, refusals, careful, found);
}
