import * as v from 'valibot';
import { cleanName, cleanNote } from './clean-text';
import { LIMITS } from './limits';
import { FORMAT_TAG } from './version';
import { PERIODS, type Model } from './types';

/* Valibot schemas of format 1. Optional fields carry their defaults, so a
   document that passes comes out complete ("validate → defaults"). */

const NO_CONTROL_CHARS = /^\P{Cc}*$/u;

/** A cell: text, or a finite JSON number (kept as its decimal text). */
const cell = v.optional(
  v.union(
    [
      v.pipe(
        v.string(),
        v.maxLength(LIMITS.cellText, `is longer than ${LIMITS.cellText} characters`),
      ),
      v.pipe(v.number(), v.finite(), v.transform(String)),
    ],
    'must be a number or a formula written as text',
  ),
  '',
);

/** Free text (a note), cleaned of control characters (model/clean-text.ts). */
const text = (max: number, fallback: string) =>
  v.optional(
    v.pipe(
      v.string('must be text'),
      v.transform(cleanNote),
      v.maxLength(max, `is longer than ${max} characters`),
    ),
    fallback,
  );

/** A name (of the model, a stage, an assumption, a category): one line, no control characters. */
const name = v.pipe(
  v.string('must be text'),
  v.transform(cleanName),
  v.trim(),
  v.maxLength(LIMITS.name, `is longer than ${LIMITS.name} characters`),
);

const stageId = v.pipe(
  v.string('must be text'),
  v.trim(),
  v.minLength(1, 'is empty'),
  v.maxLength(LIMITS.id, `is longer than ${LIMITS.id} characters`),
  v.regex(NO_CONTROL_CHARS, 'holds control characters'),
);

const optionalStageId = v.optional(v.nullable(stageId), null);

const stage = v.object(
  {
    id: stageId,
    name: v.pipe(
      v.string('is required (text)'),
      v.transform(cleanName),
      v.trim(),
      v.minLength(1, 'is required'),
      v.maxLength(LIMITS.name, `is longer than ${LIMITS.name} characters`),
    ),
    next: optionalStageId,
    arrivals: cell,
    conversion: cell,
    capacity: cell,
    lag: cell,
    cost_per_period: cell,
    cost_per_item: cell,
    value: cell,
    variable_cost: cell,
  },
  'must be an object',
);

const assumption = v.object(
  {
    name,
    value: cell,
    note: text(LIMITS.note, ''),
  },
  'must be an object',
);

const loop = v.optional(
  v.object(
    {
      enabled: v.optional(v.boolean('must be true or false'), false),
      entry: optionalStageId,
      referrals: cell,
      lag: cell,
      churn: cell,
      market: cell,
      customers: cell,
    },
    'must be an object',
  ),
  {},
);

const notes = v.optional(
  v.object(
    {
      undesirable: text(LIMITS.note, ''),
      conflict: text(LIMITS.note, ''),
      assumption: text(LIMITS.note, ''),
      category: v.optional(name, 'throughput'),
    },
    'must be an object',
  ),
  {},
);

/** What the horizon must be, whichever way it is not. */
const HORIZON = `must be 1–${LIMITS.horizon} periods (a whole number)`;

/** The whole format-1 document, with defaults for every optional field. */
export const ModelSchema = v.object(
  {
    format: v.literal(FORMAT_TAG, `must be "${FORMAT_TAG}"`),
    version: v.literal(1, 'must be 1'),
    name: v.optional(name, 'Untitled model'),
    period: v.optional(v.picklist(PERIODS, `must be one of ${PERIODS.join(', ')}`), 'month'),
    horizon: v.optional(
      v.pipe(
        v.number(HORIZON),
        v.check((n) => Number.isInteger(n) && n >= 1 && n <= LIMITS.horizon, HORIZON),
      ),
      24,
    ),
    currency: v.optional(
      v.pipe(
        v.string('must be text'),
        v.regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code like USD'),
      ),
      'USD',
    ),
    assumptions: v.optional(
      v.pipe(
        v.array(assumption, 'must be a list'),
        v.maxLength(LIMITS.assumptions, `has more than ${LIMITS.assumptions} entries`),
      ),
      [],
    ),
    stages: v.pipe(
      v.array(stage, 'must be a list'),
      v.maxLength(LIMITS.stages, `has more than ${LIMITS.stages} stages`),
    ),
    loop,
    notes,
  },
  'must be an object',
);

/** What the schema yields: a complete model whose ids are not yet branded. */
export type ParsedModel = v.InferOutput<typeof ModelSchema>;

/** Brands the parsed ids (they have been checked) so the result is a {@link Model}. */
export function asModel(parsed: ParsedModel): Model {
  return parsed as unknown as Model;
}
