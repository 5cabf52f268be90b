import { STAGE_NUMBER_FIELDS, type Loop, type Model, type Stage, type StageId } from './types';
import { FORMAT_TAG, FORMAT_VERSION } from './version';

/** A stage with every cell blank. */
export function blankStage(id: StageId, name: string, next: StageId | null = null): Stage {
  const cells = Object.fromEntries(STAGE_NUMBER_FIELDS.map((f) => [f, ''])) as Record<
    (typeof STAGE_NUMBER_FIELDS)[number],
    string
  >;
  return { id, name, next, ...cells };
}

/** The loop switched off with every cell blank. */
export function blankLoop(): Loop {
  return {
    enabled: false,
    entry: null,
    referrals: '',
    lag: '',
    churn: '',
    market: '',
    customers: '',
  };
}

/** A new model with no stages (the empty state of the grid). */
export function emptyModel(name = UNTITLED): Model {
  return {
    format: FORMAT_TAG,
    version: FORMAT_VERSION as 1,
    name,
    period: 'month',
    horizon: 24,
    currency: 'USD',
    assumptions: [],
    stages: [],
    loop: blankLoop(),
    notes: { undesirable: '', conflict: '', assumption: '', category: 'throughput' },
  };
}

/** The name of a new model while no other is called that. */
const UNTITLED = 'Untitled model';

/**
 * A name for a new model that no model in `taken` has: "Untitled model",
 * then "Untitled model 2", "Untitled model 3"… (the lowest number free;
 * names compare case-insensitively, ignoring surrounding spaces).
 *
 * @param taken the names of the models there are
 */
export function untitledName(taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.trim().toLowerCase()));
  if (!used.has(UNTITLED.toLowerCase())) return UNTITLED;
  let n = 2;
  while (used.has(`${UNTITLED} ${n}`.toLowerCase())) n++;
  return `${UNTITLED} ${n}`;
}

/**
 * An id for a new stage, derived from its name and unique among `taken`.
 *
 * Accents are dropped (`Réunions` → `reunions`).
 *
 * @returns e.g. `closed_won`, or `closed_won_2` when that is taken
 */
export function uniqueStageId(name: string, taken: Iterable<string>): StageId {
  const used = new Set(taken);
  const base =
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'stage';
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
  return id as StageId;
}
