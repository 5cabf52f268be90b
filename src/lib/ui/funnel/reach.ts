import type { Model, StageId } from '../../model/types';

/*
 * Stages nothing reaches: no stage feeds into them, they have no arrivals,
 * and referred leads do not enter there. Such a stage always processes 0
 * items, which usually means a "Feeds into" was changed by mistake; the
 * Funnel grid flags its name with the reason.
 */

/**
 * Why nothing reaches each stage that nothing reaches, in plain words.
 *
 * @param arrivals a stage's arrivals in items per period, or null when not
 *   known yet (not computed, or an error): such a stage is never flagged
 * @returns the reason per stage id; stages something may reach are absent
 */
export function unreachedStages(
  model: Pick<Model, 'stages' | 'loop'>,
  arrivals: (id: StageId) => number | null,
): Map<StageId, string> {
  const fed = new Set(model.stages.map((s) => s.next).filter((next) => next !== null));
  const reasons = new Map<StageId, string>();
  for (const stage of model.stages) {
    const entry = model.loop.entry === stage.id;
    if (fed.has(stage.id) || arrivals(stage.id) !== 0 || (entry && model.loop.enabled)) continue;
    reasons.set(
      stage.id,
      entry
        ? 'Nothing reaches this stage: no stage feeds into it, it has no arrivals, and the referral loop that enters here is off.'
        : 'Nothing reaches this stage: no stage feeds into it and it has no arrivals.',
    );
  }
  return reasons;
}
