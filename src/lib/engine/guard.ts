import { columnIndex } from '../model/layout';
import type { CellError } from './types';

/*
 * What a formula may ask of the engine, checked on its text before
 * HyperFormula sees it: HyperFormula's parser recurses once per bracket
 * (about 150 levels overflow the stack), and it links every cell a range
 * covers into its dependency graph before evaluating anything (a range of
 * 640,000 cells in 500 formulas kept it busy for half an hour). A refused
 * formula becomes an error in its own cell; the rest of the model computes.
 */

/** Deepest nesting of brackets a formula may have (Excel's limit for nested functions). */
export const MAX_DEPTH = 64;
/** Cells the ranges of one formula may cover together: five whole columns of the grid. */
const MAX_FORMULA_CELLS = 50_000;
/** Cells the ranges of all formulas of one model may cover together (a few tenths of a second of work). */
export const MAX_MODEL_CELLS = 500_000;

/** The grid's size for references: HyperFormula's maxRows and maxColumns (engine.ts CONFIG). */
const GRID = { rows: 10_000, columns: 64 } as const;

/** What a formula asks of the engine: how deep its brackets go and how many cells its ranges cover. */
export interface FormulaCost {
  /** The deepest nesting of brackets outside text, e.g. 3 for `=(1+(2*(3)))`. */
  depth: number;
  /** Cells covered by all its ranges (A1:B10, C:C, 2:3, OFFSET(…, height, width)), counted once per use. */
  cells: number;
  /** True when a range ends in OFFSET(…), whose size cannot be read from the text. */
  dynamicRange: boolean;
}

const format = (n: number) => n.toLocaleString('en-US');

/** The formula with its string literals blanked out ("A1:B2" in quotes is text, not a range). */
function withoutStrings(formula: string): string {
  return formula.replace(/"(?:[^"]|"")*"?/g, '""');
}

const SHEET = String.raw`(?:(?:'[^']*'|[A-Za-z_][\w.]*)!)?`;
const CELL = String.raw`\$?([A-Za-z]{1,3})\$?(\d+)`;
const CELL_RANGE = new RegExp(
  String.raw`(?<![\w.$])${SHEET}${CELL}\s*:\s*${SHEET}${CELL}(?![\w(])`,
  'g',
);
const COLUMN_RANGE = new RegExp(
  String.raw`(?<![\w.$])${SHEET}\$?([A-Za-z]{1,3})\s*:\s*${SHEET}\$?([A-Za-z]{1,3})(?![\w(!])`,
  'g',
);
const ROW_RANGE = new RegExp(
  String.raw`(?<![\w.$])${SHEET}\$?(\d+)\s*:\s*${SHEET}\$?(\d+)(?![\w(.])`,
  'g',
);
const OFFSET_CALL = /(?<![\w.])OFFSET\s*\(/gi;

const span = (a: number, b: number, max: number) => Math.min(Math.abs(a - b) + 1, max);

/** The arguments of the call whose opening bracket is at `open`, split at top-level commas. */
function callArguments(text: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) {
      args.push(text.slice(start, i));
      break;
    } else if (c === ',' && depth === 1) {
      args.push(text.slice(start, i));
      start = i + 1;
    }
  }
  return args;
}

/** Cells one OFFSET(reference, rows, cols, height, width) covers: height × width when given. */
function offsetCells(args: string[]): number {
  const size = (arg: string | undefined) => {
    const n = arg === undefined || arg.trim() === '' ? 1 : Number(arg.trim());
    return Number.isFinite(n) ? Math.min(Math.abs(Math.trunc(n)), GRID.rows) || 1 : 1;
  };
  return size(args[3]) * size(args[4]);
}

/**
 * Reads what a formula asks of the engine from its text alone.
 *
 * @param formula the cell's text, starting with `=`
 */
export function formulaCost(formula: string): FormulaCost {
  const text = withoutStrings(formula);
  let depth = 0;
  let deepest = 0;
  for (const c of text) {
    if (c === '(') deepest = Math.max(deepest, ++depth);
    else if (c === ')') depth = Math.max(0, depth - 1);
  }
  let cells = 0;
  // Cell ranges first, blanked out so their letters and digits are not read again as column or row ranges.
  const rest = text.replace(CELL_RANGE, (_all, c1: string, r1: string, c2: string, r2: string) => {
    cells +=
      span(Number(r1), Number(r2), GRID.rows) *
      span(columnIndex(c1), columnIndex(c2), GRID.columns);
    return ' ';
  });
  for (const [, c1, c2] of rest.matchAll(COLUMN_RANGE)) {
    cells += GRID.rows * span(columnIndex(c1 as string), columnIndex(c2 as string), GRID.columns);
  }
  for (const [, r1, r2] of rest.matchAll(ROW_RANGE)) {
    cells += GRID.columns * span(Number(r1), Number(r2), GRID.rows);
  }
  let dynamicRange = false;
  for (const match of text.matchAll(OFFSET_CALL)) {
    const open = match.index + match[0].length - 1;
    const args = callArguments(text, open);
    cells += offsetCells(args);
    const end = open + args.join(',').length + 1;
    dynamicRange ||= /:\s*$/.test(text.slice(0, match.index)) || /^\s*:/.test(text.slice(end + 1));
  }
  return { depth: deepest, cells, dynamicRange };
}

/** The error of a formula refused before it is evaluated. */
function refused(explanation: string): CellError {
  return { code: '#ERROR!', explanation };
}

/**
 * Why a formula must not be evaluated on its own terms, or null when it may be.
 *
 * @param cost its {@link formulaCost}
 */
export function formulaProblem(cost: FormulaCost): CellError | null {
  if (cost.depth > MAX_DEPTH) {
    return refused(
      `Too deeply nested: ${format(cost.depth)} levels of brackets, at most ${MAX_DEPTH}. Split it over several cells or assumptions.`,
    );
  }
  if (cost.dynamicRange) {
    return refused(
      'Covers too many cells to check: a range that ends in OFFSET(…). Write the range out, e.g. C2:C20.',
    );
  }
  if (cost.cells > MAX_FORMULA_CELLS) {
    return refused(
      `Covers too many cells: its ranges cover ${format(cost.cells)} cells, at most ${format(MAX_FORMULA_CELLS)}. Narrow them to the rows the model uses, e.g. Assumptions!B2:B20.`,
    );
  }
  return null;
}

/** The error of a formula that fits on its own but not in what is left of the model's budget. */
export function overBudget(cells: number): CellError {
  return refused(
    `Too expensive to compute: with the formulas before it, the model's ranges would cover more than ${format(MAX_MODEL_CELLS)} cells (this one covers ${format(cells)}). Narrow the ranges to the rows the model uses.`,
  );
}

/**
 * The error of a formula that made the engine throw, in plain words: a
 * stack overflow is nesting (or a chain of references) too deep, an invalid
 * string length is a text too long to hold.
 */
export function crashed(error: unknown): CellError {
  const message = error instanceof Error ? error.message : String(error);
  if (/call stack/i.test(message)) {
    return refused('Too deeply nested to compute: simplify it or split it over several cells.');
  }
  if (/string length|allocation failed|out of memory/i.test(message)) {
    return refused('Too long a text to compute: it builds a text of too many characters.');
  }
  return refused(`The formula could not be computed: ${message}.`);
}

/** The error of a formula stopped by the compute watchdog (it ran too long). */
export function tooSlow(seconds: number): CellError {
  return refused(
    `Too expensive to compute: it was stopped after ${seconds} s. Narrow its ranges or simplify it.`,
  );
}

/** The error of a formula not tried in a careful build: the formulas before it used up its time. */
export function outOfTime(seconds: number): CellError {
  return refused(
    `Too expensive to compute: the model's formulas took over ${seconds} s before reaching this one. Simplify the slow ones (they are marked).`,
  );
}

/** The error of every formula of a model opened safely: its formulas were not run. */
export function notRun(): CellError {
  return refused(
    'Not computed: this model stopped the app last time, so its formulas were not run. Choose "Open normally" to run them.',
  );
}
