import { downstreamOf } from '../model/graph';
import type { StageId } from '../model/types';
import type { Funnel, SteadyState } from './steady';

/** Relative tolerance for "equal" (PRODUCT.md: equal to a relative 1e-9, never an absolute one; rates of 1e-9 are real). */
export const EPS = 1e-9;

/** True when a and b are equal to a relative {@link EPS} (0 equals only 0, `Infinity` only `Infinity`). */
export const near = (a: number, b: number) =>
  a === b ||
  (Number.isFinite(a) &&
    Number.isFinite(b) &&
    Math.abs(a - b) <= EPS * Math.max(Math.abs(a), Math.abs(b)));

/** True when `after` is more than `before`, beyond a relative {@link EPS}. */
export const rises = (after: number, before: number) => after > before && !near(after, before);

/** True when a stage piles up: more arrives than it processes, beyond a relative {@link EPS}. */
export const piles = (flow: { inflow: number; processed: number }) =>
  rises(flow.inflow, flow.processed);

/**
 * Saturated stages that may only bind together: each zero-gain saturated
 * stage (flow order) with the zero-gain stages downstream of it that run
 * exactly full (load 1, nothing piling up), up to the first that piles up.
 * Lifting one alone gains nothing because the next one is exactly full;
 * the caller lifts the group to confirm. Judged by load rather than equal
 * capacity in output units, since arrivals (or referred leads, in pull)
 * entering between them fill the downstream stage at a different level.
 *
 * @param zeroGain indexes of saturated stages whose lifting alone gains nothing
 * @returns the groups of two or more, each in flow order
 */
export function chainTies(
  funnel: Funnel,
  flow: SteadyState,
  zeroGain: readonly number[],
): StageId[][] {
  const index = new Map(funnel.stages.map((s, i) => [s.id, i]));
  const candidates = new Set(zeroGain);
  const groups: StageId[][] = [];
  const used = new Set<number>();
  for (const i of funnel.order) {
    if (!candidates.has(i) || used.has(i)) continue;
    const group = [i];
    for (const id of downstreamOf(funnel.stages, funnel.stages[i]?.id as StageId)) {
      const j = index.get(id) as number;
      const load = flow.stages[j]?.load ?? 0;
      if (load > 1 && !near(load, 1)) break;
      if (candidates.has(j) && near(load, 1)) group.push(j);
    }
    if (group.length > 1) {
      group.forEach((g) => used.add(g));
      groups.push(group.map((g) => funnel.stages[g]?.id as StageId));
    }
  }
  return groups;
}
