import { downstreamOf } from '../model/graph';
import type { StageId } from '../model/types';
import type { FlowInputs, StageInputs } from './inputs';
import { steadyState, type Funnel, type SteadyState } from './steady';

/** What throughput is measured in when stages are ranked: money when the model has any value, else units. */
export type Objective = 'money' | 'units';

/** What the funnel would gain per period if the named stages had unlimited capacity. */
export interface HeldBack {
  units: number;
  money: number;
}

/**
 * The constraint (PRODUCT.md "The constraint"):
 * - `stage`: one stage whose capacity holds throughput back (the most, when
 *   channels merge); `heldBack` is what lifting its capacity would gain.
 * - `tie`: several stages hold back exactly the same throughput (or only
 *   together, when they bind at the same level in one chain).
 * - `market`: no stage's capacity holds throughput back; demand does.
 *   `bindsFirst` names the stage that would bind first if every arrival grew
 *   by the same factor, and at what demand (null: nothing ever binds).
 */
export type Constraint =
  | { kind: 'stage'; stages: [StageId]; heldBack: HeldBack }
  | { kind: 'tie'; stages: StageId[]; heldBack: HeldBack }
  | { kind: 'market'; stages: []; bindsFirst: BindsFirst | null };

/** The stage that binds first as demand grows. */
export interface BindsFirst {
  stage: StageId;
  /** Demand multiple at which it binds (1.25 = when arrivals are 25 % higher). */
  factor: number;
  /** Total arrivals per period at that point (Σ arrivals × factor). */
  arrivals: number;
}

/** Relative tolerance for "the same" throughput. */
const EPS = 1e-9;

const near = (a: number, b: number) =>
  Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b));

/** The objective the model is ranked by. */
export function objectiveOf(stages: readonly StageInputs[]): Objective {
  return stages.some((s) => s.value !== 0 || s.variable_cost !== 0) ? 'money' : 'units';
}

/** The funnel with the listed stages given unlimited capacity. */
export function withUnlimited(funnel: Funnel, ids: ReadonlySet<StageId>): Funnel {
  return {
    ...funnel,
    stages: funnel.stages.map((s) => (ids.has(s.id) ? { ...s, capacity: Infinity } : s)),
  };
}

interface Candidate {
  stages: StageId[];
  gain: number;
  heldBack: HeldBack;
}

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
 */
function chainTies(funnel: Funnel, flow: SteadyState, zeroGain: readonly number[]): StageId[][] {
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

/**
 * The stage that binds first as demand grows: every arrival × f; a stage
 * with capacity c and inflow x binds at f = c ÷ x.
 */
export function bindsFirst(funnel: Funnel, flow: SteadyState): BindsFirst | null {
  let best: BindsFirst | null = null;
  const total = funnel.stages.reduce((sum, s) => sum + s.arrivals, 0);
  funnel.stages.forEach((s, i) => {
    const inflow = flow.stages[i]?.inflow ?? 0;
    if (s.capacity === Infinity || inflow <= 0) return;
    const factor = s.capacity / inflow;
    if (best === null || factor < best.factor)
      best = { stage: s.id, factor, arrivals: total * factor };
  });
  return best;
}

/**
 * Finds the constraint.
 *
 * Each stage with a finite capacity is lifted to unlimited capacity alone, and
 * what the funnel gains (in the objective) ranks it; in a single chain this is
 * the stage with the smallest capacity in output units. Saturated stages that
 * bind only together (equal capacity in output units along one chain) are
 * lifted as a group and named as a tie. Nothing gains: the market.
 *
 * @param funnel stages and flow order
 * @param flow the steady state of `funnel` (same extra arrivals)
 * @param extraArrivals as given to {@link steadyState}
 */
export function findConstraint(
  funnel: Funnel,
  flow: SteadyState,
  extraArrivals?: ReadonlyMap<StageId, number>,
): Constraint {
  const objective = objectiveOf(funnel.stages);
  const score = (s: SteadyState) => (objective === 'money' ? s.money : s.units);
  const base = score(flow);
  const lift = (ids: StageId[]): Candidate => {
    const lifted = steadyState(withUnlimited(funnel, new Set(ids)), extraArrivals, false);
    return {
      stages: ids,
      gain: score(lifted) - base,
      heldBack: { units: lifted.units - flow.units, money: lifted.money - flow.money },
    };
  };
  const candidates: Candidate[] = [];
  const zeroGainSaturated: number[] = [];
  funnel.stages.forEach((s, i) => {
    if (s.capacity === Infinity) return;
    const c = lift([s.id]);
    if (c.gain > EPS * Math.max(1, Math.abs(base))) candidates.push(c);
    else if ((flow.stages[i]?.load ?? 0) >= 1 - EPS && (flow.stages[i]?.inflow ?? 0) > 0)
      zeroGainSaturated.push(i);
  });
  for (const group of chainTies(funnel, flow, zeroGainSaturated)) {
    const c = lift(group);
    if (c.gain > EPS * Math.max(1, Math.abs(base))) candidates.push(c);
  }
  if (candidates.length === 0)
    return { kind: 'market', stages: [], bindsFirst: bindsFirst(funnel, flow) };
  const best = Math.max(...candidates.map((c) => c.gain));
  const winners = candidates.filter((c) => near(c.gain, best));
  const flowIndex = new Map(funnel.order.map((i, k) => [funnel.stages[i]?.id, k]));
  const ids = [...new Set(winners.flatMap((c) => c.stages))].sort(
    (a, b) => (flowIndex.get(a) ?? 0) - (flowIndex.get(b) ?? 0),
  );
  const first = winners[0] as Candidate;
  if (ids.length === 1)
    return { kind: 'stage', stages: [ids[0] as StageId], heldBack: first.heldBack };
  // Tied stages hold back the same amount each (or, for a chain tie, together).
  return { kind: 'tie', stages: ids, heldBack: first.heldBack };
}

/** The inputs' funnel (a convenience for callers holding {@link FlowInputs}). */
export const funnelOf = (inputs: FlowInputs): Funnel => ({
  stages: inputs.stages,
  order: inputs.order,
});
