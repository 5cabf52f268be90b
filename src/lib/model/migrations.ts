import { FORMAT_TAG, FORMAT_VERSION } from './version';

/** A plain JSON object, as documents are while they are migrated. */
export type JsonObject = Record<string, unknown>;

/**
 * One step from a document version to the next. `up` takes a document of
 * version `from` (already checked to be an object) and returns one of `to`;
 * it must not mutate its input and must tolerate missing optional fields.
 */
export interface Migration {
  from: number;
  to: number;
  /** Why the step exists, e.g. `snake-case-stage-fields`. */
  name: string;
  up(doc: JsonObject): JsonObject;
}

const isObject = (x: unknown): x is JsonObject =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Field renames of the pre-release draft (version 0), which used camelCase. */
const V0_STAGE_RENAMES: Record<string, string> = {
  costPerPeriod: 'cost_per_period',
  costPerItem: 'cost_per_item',
  variableCost: 'variable_cost',
};

function renameKeys(obj: JsonObject, renames: Record<string, string>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(obj)) out[renames[key] ?? key] = value;
  return out;
}

/**
 * Every migration, oldest first; `MIGRATIONS[i].to === MIGRATIONS[i + 1].from`
 * and the last one ends at {@link FORMAT_VERSION}. Add a step here (never edit
 * an old one) whenever the format changes, with a fixture in test/fixtures.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    from: 0,
    to: 1,
    name: 'snake-case-stage-fields',
    // Version 0 (pre-release drafts) had no `format` tag and camelCase cost fields.
    up(doc) {
      const stages = Array.isArray(doc.stages)
        ? doc.stages.map((s) => (isObject(s) ? renameKeys(s, V0_STAGE_RENAMES) : s))
        : doc.stages;
      return { ...doc, format: FORMAT_TAG, version: 1, stages };
    },
  },
];

/**
 * Brings a document up to {@link FORMAT_VERSION}, one step at a time.
 *
 * @param doc a document of version `from`
 * @param from its version (0 ≤ from ≤ FORMAT_VERSION)
 * @returns the migrated document and the names of the steps applied, in order
 * @throws Error when no migration path leads from `from` to the current version
 */
export function migrate(doc: JsonObject, from: number): { doc: JsonObject; applied: string[] } {
  let current = doc;
  let version = from;
  const applied: string[] = [];
  while (version < FORMAT_VERSION) {
    const step = MIGRATIONS.find((m) => m.from === version);
    if (!step) throw new Error(`No migration from format version ${version}.`);
    current = step.up(current);
    version = step.to;
    applied.push(step.name);
  }
  return { doc: current, applied };
}
