/**
 * The model document, format 1 (see PRODUCT.md "The model file, format 1").
 *
 * One JSON document is the model everywhere: in IndexedDB, in files and in
 * share links. In memory every cell is kept as its raw text: `''` for blank,
 * a number literal (`2.5k`, `35%`) or a formula (`=AEs*50`). Numbers come
 * from the formula engine, never from these strings directly.
 */

/** A stage's stable identifier, unique within a model (1–64 characters). */
export type StageId = string & { readonly __brand: 'StageId' };

/** Raw text of a cell: `''` (blank), a number literal, or a formula starting with `=`. */
export type CellText = string;

/** The period every flow is counted in ("items per period"). */
export type Period = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** Every period, shortest first. */
export const PERIODS: readonly Period[] = ['day', 'week', 'month', 'quarter', 'year'];

/** Stage fields that hold a number cell, in grid column order. */
export const STAGE_NUMBER_FIELDS = [
  'arrivals',
  'conversion',
  'capacity',
  'lag',
  'cost_per_period',
  'cost_per_item',
  'value',
  'variable_cost',
] as const;

/** A stage field that holds a number cell. */
export type StageNumberField = (typeof STAGE_NUMBER_FIELDS)[number];

/**
 * One stage of the funnel: a row of the grid.
 *
 * Units: `arrivals` and `capacity` in items per period; `conversion` a 0–1
 * rate; `lag` whole periods; `cost_per_period` money per period;
 * `cost_per_item`, `value` and `variable_cost` money per item.
 */
export interface Stage extends Record<StageNumberField, CellText> {
  /** Stable id; `next` and `loop.entry` refer to it. */
  id: StageId;
  /** Label shown everywhere (plain text, never HTML). */
  name: string;
  /** The stage converted items flow into; `null` ends the funnel. */
  next: StageId | null;
}

/** A named assumption usable in any formula by its name (a HyperFormula named expression). */
export interface Assumption {
  /** Formula name: a letter or `_` first, then letters, digits, `_` or `.`. */
  name: string;
  /** The value cell: a number literal or a formula. */
  value: CellText;
  /** Free text shown beside it. */
  note: string;
}

/** Loop fields that hold a number cell. */
export const LOOP_NUMBER_FIELDS = ['referrals', 'lag', 'churn', 'market', 'customers'] as const;

/** A loop field that holds a number cell. */
export type LoopNumberField = (typeof LOOP_NUMBER_FIELDS)[number];

/**
 * The referral loop (pull growth). Units: `referrals` leads per customer won;
 * `lag` whole periods (≥ 1); `churn` a 0–1 rate per period; `market` and
 * `customers` a count of customers (blank market: no limit).
 */
export interface Loop extends Record<LoopNumberField, CellText> {
  /** Pull mode on (true) or push (false). */
  enabled: boolean;
  /** The stage referred leads enter; `null` when not chosen. */
  entry: StageId | null;
}

/** Thinking-process notes kept with the model (free text). */
export interface Notes {
  /** The undesirable effect the founder sees. */
  undesirable: string;
  /** The conflict behind it. */
  conflict: string;
  /** The assumption that keeps the conflict in place. */
  assumption: string;
  /** Which measure the constraint hurts most: throughput, inventory or operating expense. */
  category: string;
}

/** The whole model document as held in memory (format 1, defaults filled in). */
export interface Model {
  format: 'bottleneck-model';
  version: 1;
  /** Shown in the library and the title bar. */
  name: string;
  /** The unit of time every flow is counted in. */
  period: Period;
  /** How many periods the time simulation runs (1–520). */
  horizon: number;
  /** ISO 4217 currency code for money values. */
  currency: string;
  assumptions: Assumption[];
  stages: Stage[];
  loop: Loop;
  notes: Notes;
}
