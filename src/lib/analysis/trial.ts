import type { StageId, StageNumberField } from '../model/types';
import type { Throughput } from './constraint';
import type { FlowInputs } from './inputs';
import { throughputIn, type GrowthMode } from './loop';

export type { Throughput } from './constraint';

/**
 * One cell edit that applies a what-if: the new number (in the field's units:
 * items per period, a 0–1 conversion) and the cell text to write ("1600",
 * "6%"), rounded for a cell. The UI applies a what-if's changes as one
 * undoable edit.
 */
export interface CellChange {
  stageId: StageId;
  field: StageNumberField;
  value: number;
  text: string;
}

/**
 * A raise a what-if makes to one cell: from today's number to the one
 * written, and what was asked for. The what-if's gain is that of `to`, the
 * cell actually written.
 */
export interface Raise {
  stageId: StageId;
  field: 'conversion' | 'capacity';
  /** The cell's number today (0–1 for a conversion, items per period for a capacity). */
  from: number;
  /** The number written (`CellChange.value`). */
  to: number;
  /** What was asked: +1 point of conversion (from + 0.01) or +10 % of capacity (from × 1.1). */
  asked: number;
  /** True when `to` falls short of `asked` because the field caps (a conversion of 100 %: +0.5 point at 99.5 %). */
  capped: boolean;
}

/**
 * A what-if: the changes that apply it and the throughput they give in the
 * growth mode, and the gain over today. `after` and `gain` are `null` when,
 * with the changes, the loop compounds (pull has no steady state: growth is
 * limited by the market only). `raises`: the raises among the changes (the
 * exploit and "other stages" what-ifs), empty otherwise.
 */
export interface WhatIf {
  changes: CellChange[];
  after: Throughput | null;
  gain: Throughput | null;
  raises: Raise[];
}

/** Rounds away float noise (1650.0000000000002) before rounding to a step. */
const clean = (x: number) => +x.toPrecision(12);

/** How a count is rounded for a cell: up (a capacity that must reach a level), down (a release that must not overfill), or to the nearest. */
export type Rounding = 'up' | 'down' | 'nearest';

/**
 * Decimal places a count cell keeps: none from 100 up, 2 from 1 up, and below
 * 1 enough for 4 significant digits (0.044, 1.1e-9), so a small capacity's
 * +10 % is written as +10 %, not rounded to a 0.01 step (0.04 → 0.05 was +25 %).
 */
export function countDecimals(x: number): number {
  const size = Math.abs(x);
  if (size >= 100) return 0;
  if (size >= 1 || size === 0 || !Number.isFinite(size)) return 2;
  return 3 - Math.floor(Math.log10(size));
}

/**
 * The cell change setting a stage field to about `x`, rounded for a cell:
 * conversion to 0.0001 percentage point; counts as {@link countDecimals}
 * says, in the direction `round` asks.
 */
export function cellChange(
  stageId: StageId,
  field: StageNumberField,
  x: number,
  round: Rounding = 'nearest',
): CellChange {
  if (field === 'conversion') {
    const points = Math.round(clean(x * 100) * 1e4) / 1e4;
    return { stageId, field, value: points / 100, text: `${points}%` };
  }
  const scale = 10 ** countDecimals(x);
  const to = round === 'up' ? Math.ceil : round === 'down' ? Math.floor : Math.round;
  const value = to(clean(x * scale)) / scale;
  return { stageId, field, value, text: String(value) };
}

/** The inputs with the changes applied (values as the cells will hold them). */
export function applyChanges(inputs: FlowInputs, changes: readonly CellChange[]): FlowInputs {
  const stages = inputs.stages.map((s) => {
    const mine = changes.filter((c) => c.stageId === s.id);
    if (mine.length === 0) return s;
    const copy = { ...s };
    for (const c of mine) copy[c.field] = c.value;
    return copy;
  });
  return { ...inputs, stages };
}

/** Tries the changes in a mode against today's throughput (`raises`: what they raise, if they are raises). */
export function whatIf(
  inputs: FlowInputs,
  mode: GrowthMode,
  today: Throughput,
  changes: CellChange[],
  raises: Raise[] = [],
): WhatIf {
  const after = throughputIn(applyChanges(inputs, changes), mode);
  const gain = after && { units: after.units - today.units, money: after.money - today.money };
  return { changes, after, gain, raises };
}
