import { EditError } from './edits';
import { LIMITS } from './limits';
import type { Model, StageId, StageNumberField } from './types';

/*
 * Pure edits behind the growth panels: the growth mode, the loop's entry
 * stage, the horizon, and a what-if's cell changes applied together. Each
 * returns a new model (or the same one when nothing changes), so the
 * workspace records it as one undo step.
 */

/**
 * Switches the growth mode: pull (the loop on) or push (the loop off).
 * The loop's cells are kept either way, so flipping back restores them.
 */
export function setLoopEnabled(model: Model, enabled: boolean): Model {
  if (model.loop.enabled === enabled) return model;
  return { ...model, loop: { ...model.loop, enabled } };
}

/**
 * Chooses the stage referred leads enter.
 *
 * @param entry a stage id, or null for none
 * @throws EditError when no stage has that id
 */
export function setLoopEntry(model: Model, entry: StageId | null): Model {
  if (model.loop.entry === entry) return model;
  if (entry !== null && !model.stages.some((s) => s.id === entry))
    throw new EditError(`No stage "${entry}" for referred leads to enter.`);
  return { ...model, loop: { ...model.loop, entry } };
}

/**
 * Sets how many periods the time simulation runs.
 *
 * @param text what the user typed: a whole number from 1 to 520
 * @throws EditError when it is not such a number
 */
export function setHorizon(model: Model, text: string): Model {
  const trimmed = text.trim();
  const horizon = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > LIMITS.horizon)
    throw new EditError(
      `The horizon is a whole number of periods from 1 to ${LIMITS.horizon} (got "${text}").`,
    );
  return horizon === model.horizon ? model : { ...model, horizon };
}

/** One stage cell to set: the stage by id, the field, and the cell text ("1601", "6%"). */
export interface StageCellText {
  stageId: StageId;
  field: StageNumberField;
  text: string;
}

/**
 * Sets several stage cells at once (a what-if of the five focusing steps),
 * as one edit. Stages are found by id, so rows moved since the what-if was
 * computed do not matter.
 *
 * @throws EditError when a stage no longer exists (nothing is changed) or a text is too long
 */
export function setStageCells(model: Model, changes: readonly StageCellText[]): Model {
  let stages = model.stages;
  for (const c of changes) {
    const row = stages.findIndex((s) => s.id === c.stageId);
    const stage = stages[row];
    if (!stage)
      throw new EditError(`Stage "${c.stageId}" no longer exists: the suggestion is out of date.`);
    if (c.text.length > LIMITS.cellText)
      throw new EditError(`A cell holds at most ${LIMITS.cellText} characters.`);
    if (stage[c.field] === c.text) continue;
    stages = stages.map((s, i) => (i === row ? { ...s, [c.field]: c.text } : s));
  }
  return stages === model.stages ? model : { ...model, stages };
}
