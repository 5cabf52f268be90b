import type { LoopNumberField, StageNumberField } from '../model/types';

/** The spreadsheet error codes a cell can show. */
export type CellErrorCode =
  '#DIV/0!' | '#NAME?' | '#CYCLE!' | '#VALUE!' | '#REF!' | '#NUM!' | '#N/A' | '#ERROR!' | '#SPILL!';

/** A cell that cannot give a number: its code and a plain explanation for the user. */
export interface CellError {
  code: CellErrorCode;
  /** One or two sentences saying what went wrong and how to fix it. */
  explanation: string;
}

/**
 * What a cell evaluates to. Blank cells stay `blank` so the analysis can
 * apply the field's default (PRODUCT.md: "blank means").
 */
export type CellResult =
  { kind: 'blank' } | { kind: 'number'; value: number } | { kind: 'error'; error: CellError };

/** Every number cell of one stage, evaluated. */
export type EvaluatedStage = Record<StageNumberField, CellResult>;

/**
 * The whole model evaluated by the formula engine: plain data (it crosses
 * from the Web Worker by structured clone). Arrays are in grid order.
 */
export interface EvaluatedModel {
  stages: EvaluatedStage[];
  /** The value cell of each assumption (an unusable name gives an error here). */
  assumptions: CellResult[];
  loop: Record<LoopNumberField, CellResult>;
}

/** Which grid a structural edit changes. */
export type SheetName = 'funnel' | 'assumptions';

/**
 * A formula cell of the workbook: `sheet` 0 Funnel, 1 Assumptions, 2 Loop;
 * `row` and `col` 0-based as HyperFormula counts them (row 0 is the header).
 */
export interface FormulaCell {
  sheet: number;
  row: number;
  col: number;
}

/** A formula the compute watchdog stopped: where, its text then, and after how many seconds. */
export interface SlowCell extends FormulaCell {
  text: string;
  seconds: number;
}
