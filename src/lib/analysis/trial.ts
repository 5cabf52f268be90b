import type { StageId, StageNumberField } from '../model/types';
import { funnelOf } from './constraint';
import type { FlowInputs } from './inputs';
import { entryIndex, referredLeads, type GrowthMode } from './loop';
import { steadyState } from './steady';

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

/** Throughput per period: units won and money (Σ out × (value − variable_cost)). */
export interface Throughput {
  units: number;
  money: number;
}

/**
 * A what-if: the changes that apply it and the throughput they give in the
 * growth mode, and the gain over today. `after` and `gain` are `null` when,
 * with the changes, the loop compounds (pull has no steady state: growth is
 * limited by the market only).
 */
export interface WhatIf {
  changes: CellChange[];
  after: Throughput | null;
  gain: Throughput | null;
}

/** Rounds away float noise (1650.0000000000002) before rounding to a step. */
const clean = (x: number) => +x.toPrecision(12);

/**
 * The cell change setting a stage field to about `x`, rounded for a cell:
 * conversion to 0.0001 percentage point; counts of 100 or more to a whole
 * item, smaller ones to 0.01. `up` rounds counts up (a capacity that must
 * reach a level), else to the nearest.
 */
export function cellChange(
  stageId: StageId,
  field: StageNumberField,
  x: number,
  up = false,
): CellChange {
  if (field === 'conversion') {
    const points = Math.round(clean(x * 100) * 1e4) / 1e4;
    return { stageId, field, value: points / 100, text: `${points}%` };
  }
  const step = Math.abs(x) >= 100 ? 1 : 100;
  const value = (up ? Math.ceil(clean(x * step)) : Math.round(clean(x * step))) / step;
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

/**
 * The steady-state throughput in a growth mode: push's, or pull's with the
 * referred leads of {@link referredLeads}. O(stages) in push, O(stages²) at
 * worst in pull, and no constraint search: what-ifs call it often.
 *
 * @returns null when the loop compounds (pull, K ≥ 1 and nothing binds)
 */
export function throughputIn(inputs: FlowInputs, mode: GrowthMode): Throughput | null {
  const referred = mode === 'pull' ? referredLeads(inputs) : 0;
  if (referred === null) return null;
  const entry = inputs.stages[entryIndex(inputs)];
  const extra = entry && referred > 0 ? new Map([[entry.id, referred]]) : undefined;
  const flow = steadyState(funnelOf(inputs), extra, false);
  return { units: flow.units, money: flow.money };
}

/** Tries the changes in a mode against today's throughput. */
export function whatIf(
  inputs: FlowInputs,
  mode: GrowthMode,
  today: Throughput,
  changes: CellChange[],
): WhatIf {
  const after = throughputIn(applyChanges(inputs, changes), mode);
  const gain = after && { units: after.units - today.units, money: after.money - today.money };
  return { changes, after, gain };
}
