import type { StageId } from '../model/types';
import type { FlowInputs } from './inputs';
import { steadyStateIn, type GrowthMode } from './loop';
import { applyChanges, cellChange, countDecimals, type CellChange } from './trial';

/** Steps tried past the boundary before giving up (each doubles the last). */
const TRIES = 8;

/** The rounding step of a capacity cell (see `countDecimals`): 1 from 100 up, else 0.01 or finer. */
const stepOf = (capacity: number) => 10 ** -countDecimals(capacity);

/** True when, with `changes`, no stage of `ids` is (part of) the constraint any more. */
function moved(
  inputs: FlowInputs,
  mode: GrowthMode,
  ids: readonly StageId[],
  changes: readonly CellChange[],
): boolean {
  const state = steadyStateIn(applyChanges(inputs, changes), mode);
  return state.kind === 'compounds' || !state.constraint.stages.some((id) => ids.includes(id));
}

/**
 * The capacities the Elevate what-if applies: Elevate's own (the boundary,
 * rounded up), stepped strictly past it when the old constraint would still
 * bind there (exactly at the boundary the old and the new constraint tie).
 * Steps are one cell-rounding step (1 item, or 0.01 below 100), then 2, 4, …
 *
 * @param ids the constraint stages being elevated
 * @param changes Elevate's capacity changes (one per stage of `ids`)
 * @returns changes after which the constraint has moved, or the last tried
 *   when it never moves within the tries (a what-if the UI still offers)
 */
export function elevatePast(
  inputs: FlowInputs,
  mode: GrowthMode,
  ids: readonly StageId[],
  changes: readonly CellChange[],
): CellChange[] {
  let current = [...changes];
  for (let k = 0; k < TRIES && current.length > 0; k++) {
    if (moved(inputs, mode, ids, current)) return current;
    current = changes.map((c) =>
      cellChange(c.stageId, 'capacity', c.value + stepOf(c.value) * 2 ** k, 'up'),
    );
  }
  return current;
}
