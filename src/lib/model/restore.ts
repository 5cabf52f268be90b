import * as v from 'valibot';
import { ModelError, type ModelProblem } from './errors';
import { findCycle } from './graph';
import { LIMITS } from './limits';
import { migrate, type JsonObject } from './migrations';
import { asModel, ModelSchema } from './schema';
import type { Model } from './types';
import { FORMAT_TAG, FORMAT_VERSION } from './version';

/* The one restore path for every model document, wherever it comes from
   (file, share link, IndexedDB, CLI): check the envelope → migrate →
   validate with defaults → check references. */

const isObject = (x: unknown): x is JsonObject =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Reads the document's version, or explains why it is not a model. */
function readVersion(doc: unknown): number {
  if (!isObject(doc)) {
    throw new ModelError([{ message: 'This is not a Bottleneck model: expected a JSON object.' }]);
  }
  const { format, version } = doc;
  if (format === undefined && version === 0) return 0;
  if (format !== FORMAT_TAG) {
    throw new ModelError([
      {
        field: 'format',
        message: `This is not a Bottleneck model: "format" must be "${FORMAT_TAG}".`,
      },
    ]);
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new ModelError([{ field: 'version', message: 'must be a whole number.' }]);
  }
  if (version > FORMAT_VERSION) {
    throw new ModelError([
      {
        field: 'version',
        message: `This model was made by a newer Bottleneck (format ${version}); this app reads formats up to ${FORMAT_VERSION}. Update the app to open it.`,
      },
    ]);
  }
  return version;
}

/** Refuses oversized lists before validating them item by item. */
function checkSizes(doc: JsonObject): void {
  const { stages, assumptions } = doc;
  if (Array.isArray(stages) && stages.length > LIMITS.stages) {
    throw new ModelError([
      {
        field: 'stages',
        message: `holds ${stages.length}; a model holds at most ${LIMITS.stages} stages.`,
      },
    ]);
  }
  if (Array.isArray(assumptions) && assumptions.length > LIMITS.assumptions) {
    throw new ModelError([
      {
        field: 'assumptions',
        message: `holds ${assumptions.length}; a model holds at most ${LIMITS.assumptions} assumptions.`,
      },
    ]);
  }
}

/** Locates a schema issue: which stage (by the input's own id and name) and which field. */
function problemFromIssue(doc: JsonObject, issue: v.BaseIssue<unknown>): ModelProblem {
  const keys = (issue.path ?? []).map((p) => p.key as string | number);
  const [top, index, field, ...rest] = keys;
  // valibot reports a missing key with the enclosing object's message.
  const message = issue.received === 'undefined' ? 'is required' : issue.message;
  if (top === 'stages' && typeof index === 'number') {
    const raw = Array.isArray(doc.stages) ? doc.stages[index] : undefined;
    const id = isObject(raw) && typeof raw.id === 'string' ? raw.id : undefined;
    const name =
      isObject(raw) && typeof raw.name === 'string' && raw.name.trim() ? raw.name : undefined;
    return {
      stageRow: index + 1,
      ...(id !== undefined && { stageId: id }),
      ...(name !== undefined && { stageName: name }),
      ...(field !== undefined && { field: String(field) }),
      message,
    };
  }
  if (top === 'assumptions' && typeof index === 'number') {
    const where = `assumptions[${index + 1}]${field !== undefined ? `.${String(field)}` : ''}`;
    return { field: where, message };
  }
  const path = [top, index, field, ...rest].filter((k) => k !== undefined).join('.');
  return path ? { field: path, message } : { message };
}

/** Checks what the schema cannot: unique ids, `next` and `loop.entry` targets, no cycles. */
function checkReferences(model: Model): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const rowOf = new Map<string, number>();
  model.stages.forEach((s, i) => {
    const first = rowOf.get(s.id);
    if (first !== undefined) {
      problems.push({
        stageId: s.id,
        stageName: s.name,
        stageRow: i + 1,
        field: 'id',
        message: `"${s.id}" is already the id of stage #${first + 1}; ids must be unique.`,
      });
    } else {
      rowOf.set(s.id, i);
    }
  });
  model.stages.forEach((s, i) => {
    if (s.next !== null && !rowOf.has(s.next)) {
      problems.push({
        stageId: s.id,
        stageName: s.name,
        stageRow: i + 1,
        field: 'next',
        message: `no stage has the id "${s.next}".`,
      });
    }
  });
  if (problems.length === 0) {
    const cycle = findCycle(model.stages);
    if (cycle) {
      const first = model.stages.find((s) => s.id === cycle[0]);
      problems.push({
        ...(first && { stageId: first.id, stageName: first.name }),
        field: 'next',
        message: `"next" goes round in a circle (${[...cycle, cycle[0]].join(' → ')}); only the loop may feed back.`,
      });
    }
  }
  if (model.loop.entry !== null && !rowOf.has(model.loop.entry)) {
    problems.push({ field: 'loop.entry', message: `no stage has the id "${model.loop.entry}".` });
  }
  return problems;
}

/**
 * Opens a model document of any supported version.
 *
 * @param input the parsed JSON (untrusted)
 * @returns a complete format-1 model, defaults filled in
 * @throws ModelError naming the stage and field of every problem found
 */
export function restoreModel(input: unknown): Model {
  const version = readVersion(input);
  const doc = input as JsonObject;
  checkSizes(doc);
  const migrated = migrate(doc, version).doc;
  const parsed = v.safeParse(ModelSchema, migrated);
  if (!parsed.success) {
    throw new ModelError(parsed.issues.map((issue) => problemFromIssue(migrated, issue)));
  }
  const model = asModel(parsed.output);
  const problems = checkReferences(model);
  if (problems.length > 0) throw new ModelError(problems);
  return model;
}

/**
 * {@link restoreModel} without throwing.
 *
 * @returns `{ ok: true, model }` or `{ ok: false, error }`
 */
export function tryRestoreModel(
  input: unknown,
): { ok: true; model: Model } | { ok: false; error: ModelError } {
  try {
    return { ok: true, model: restoreModel(input) };
  } catch (error) {
    if (error instanceof ModelError) return { ok: false, error };
    return { ok: false, error: new ModelError([{ message: String(error) }]) };
  }
}
