import { cleanName, cleanNote } from './clean-text';
import { downstreamOf } from './graph';
import { LIMITS } from './limits';
import type { Assumption, LoopNumberField, Model, Stage, StageId, StageNumberField } from './types';

/*
 * Pure edits of a model: each returns a new model (or the same one when
 * nothing changes) and never mutates its input, so undo can keep snapshots.
 * Row insertions, deletions and moves go through the formula engine instead
 * (engine.restructure), because formulas that refer to rows must follow them.
 */

/** Raised when an edit would make the model invalid; the message is for the user. */
export class EditError extends Error {
  /** @param message what is wrong, in plain words */
  constructor(message: string) {
    super(message);
    this.name = 'EditError';
  }
}

const replaceAt = <T>(list: readonly T[], i: number, item: T): T[] =>
  list.map((x, j) => (j === i ? item : x));

/** Sets one number cell of a stage (raw text, kept as typed). */
export function setStageCell(
  model: Model,
  row: number,
  field: StageNumberField,
  text: string,
): Model {
  const stage = model.stages[row];
  if (!stage) throw new RangeError(`No stage at row ${row}.`);
  if (text.length > LIMITS.cellText)
    throw new EditError(`A cell holds at most ${LIMITS.cellText} characters.`);
  if (stage[field] === text) return model;
  return { ...model, stages: replaceAt(model.stages, row, { ...stage, [field]: text }) };
}

/**
 * Renames a stage.
 *
 * @throws EditError when the name is blank or too long
 */
export function setStageName(model: Model, row: number, name: string): Model {
  const stage = model.stages[row];
  if (!stage) throw new RangeError(`No stage at row ${row}.`);
  const trimmed = cleanName(name).trim();
  if (trimmed === '') throw new EditError('A stage needs a name.');
  if (trimmed.length > LIMITS.name)
    throw new EditError(`A name holds at most ${LIMITS.name} characters.`);
  if (stage.name === trimmed) return model;
  return { ...model, stages: replaceAt(model.stages, row, { ...stage, name: trimmed }) };
}

/** The stages a stage may feed into: any other stage that is not upstream of it (no cycles). */
export function nextChoices(model: Model, row: number): Stage[] {
  const stage = model.stages[row];
  if (!stage) return [];
  return model.stages.filter(
    (s) => s.id !== stage.id && !downstreamOf(model.stages, s.id).includes(stage.id),
  );
}

/**
 * Sets where a stage's converted items go.
 *
 * @param next a stage id, or null for the end of the funnel
 * @throws EditError when `next` is unknown or would make a cycle
 */
export function setStageNext(model: Model, row: number, next: StageId | null): Model {
  const stage = model.stages[row];
  if (!stage) throw new RangeError(`No stage at row ${row}.`);
  if (stage.next === next) return model;
  if (next !== null && !nextChoices(model, row).some((s) => s.id === next)) {
    const target = model.stages.find((s) => s.id === next);
    throw new EditError(
      target
        ? `"${stage.name}" can't feed into "${target.name}": that would make a circle. Only the loop may feed back.`
        : `No stage "${next}".`,
    );
  }
  return { ...model, stages: replaceAt(model.stages, row, { ...stage, next }) };
}

/** Sets one field of an assumption (name, value or note). */
export function setAssumptionField(
  model: Model,
  row: number,
  field: keyof Assumption,
  text: string,
): Model {
  const a = model.assumptions[row];
  if (!a) throw new RangeError(`No assumption at row ${row}.`);
  const value =
    field === 'name' ? cleanName(text).trim() : field === 'note' ? cleanNote(text) : text;
  if (
    value.length >
    (field === 'note' ? LIMITS.note : field === 'name' ? LIMITS.name : LIMITS.cellText)
  ) {
    throw new EditError('That text is too long for this cell.');
  }
  if (a[field] === value) return model;
  return { ...model, assumptions: replaceAt(model.assumptions, row, { ...a, [field]: value }) };
}

/** Sets one number cell of the loop. */
export function setLoopCell(model: Model, field: LoopNumberField, text: string): Model {
  if (model.loop[field] === text) return model;
  return { ...model, loop: { ...model.loop, [field]: text } };
}

/**
 * Links a stage just inserted at `at` into the chain the way a user expects
 * from inserting a row: the stage above now feeds it, and it feeds what the
 * stage above fed (or, at the top, the stage below).
 */
export function linkInserted(model: Model, at: number): Model {
  const stage = model.stages[at];
  if (!stage) return model;
  const above = model.stages[at - 1];
  const below = model.stages[at + 1];
  const stages = [...model.stages];
  if (above) {
    stages[at] = { ...stage, next: above.next };
    stages[at - 1] = { ...above, next: stage.id };
  } else if (below) {
    stages[at] = { ...stage, next: below.id };
  }
  return { ...model, stages };
}

/**
 * After deleting stages, reconnects what fed into them to where they fed
 * (so a deleted middle stage does not cut the funnel in two) and clears a
 * loop entry that pointed at them.
 */
export function reconnectAround(model: Model, deleted: readonly Stage[]): Model {
  const gone = new Map(deleted.map((s) => [s.id, s.next]));
  const resolve = (id: StageId | null): StageId | null => {
    let at = id;
    for (let guard = deleted.length; at !== null && gone.has(at) && guard >= 0; guard--)
      at = gone.get(at) ?? null;
    return at !== null && gone.has(at) ? null : at;
  };
  const stages = model.stages.map((s) =>
    s.next !== null && gone.has(s.next) ? { ...s, next: resolve(s.next) } : s,
  );
  const entry =
    model.loop.entry !== null && gone.has(model.loop.entry)
      ? resolve(model.loop.entry)
      : model.loop.entry;
  return {
    ...model,
    stages,
    loop: entry === model.loop.entry ? model.loop : { ...model.loop, entry },
  };
}
