import { upstreamOf } from '../model/graph';
import type { StageId } from '../model/types';
import { findConstraint, withUnlimited, type Constraint } from './constraint';
import type { StageInputs } from './inputs';
import { rampFlow } from './ramp';
import { steadyState, type Funnel, type SteadyState } from './steady';

/** The funnel with one stage's capacity replaced (items per period). */
export function withCapacity(funnel: Funnel, id: StageId, capacity: number): Funnel {
  return { ...funnel, stages: funnel.stages.map((s) => (s.id === id ? { ...s, capacity } : s)) };
}

/**
 * Elevate (the fourth focusing step): how far a stage's capacity can rise
 * before another stage (or the market) binds, and which one.
 */
export interface Elevation {
  stage: StageId;
  /** Capacity (items per period) at which the constraint moves. */
  capacity: number;
  /** The constraint once this stage's capacity is lifted past `capacity`. */
  next: Constraint;
  /** Throughput at `capacity`, per period. */
  units: number;
  money: number;
}

/**
 * Finds the capacity at which the constraint moves away from a stage.
 *
 * While the stage processes P items per period, every stage downstream of it
 * on its path receives `inflow_j + (P − P₀) × Y_j`, Y_j being the product of
 * conversions from the stage to j. The constraint moves at the smallest P
 * where a downstream stage fills (`P₀ + (capacity_j − inflow_j) ÷ Y_j`) or
 * where the stage runs out of inflow (the stage upstream or the market binds).
 *
 * @returns null when the stage has unlimited capacity or is unknown
 */
export function elevation(funnel: Funnel, flow: SteadyState, id: StageId): Elevation | null {
  const index = new Map(funnel.stages.map((s, i) => [s.id, i]));
  const i = index.get(id);
  const stage = i === undefined ? undefined : funnel.stages[i];
  if (i === undefined || !stage || stage.capacity === Infinity) return null;
  const here = flow.stages[i];
  if (!here) return null;
  let capacity = here.inflow;
  let carry = stage.conversion;
  let at = stage.next === null ? undefined : index.get(stage.next);
  for (let guard = funnel.stages.length; at !== undefined && guard > 0; guard--) {
    const s = funnel.stages[at] as StageInputs;
    const f = flow.stages[at];
    if (s.capacity !== Infinity && carry > 0 && f) {
      capacity = Math.min(capacity, here.processed + Math.max(0, s.capacity - f.inflow) / carry);
    }
    carry *= s.conversion;
    at = s.next === null ? undefined : index.get(s.next);
  }
  const lifted = withUnlimited(funnel, new Set([id]));
  const liftedFlow = steadyState(lifted);
  const at_ = steadyState(withCapacity(funnel, id, capacity), undefined, false);
  return {
    stage: id,
    capacity,
    next: findConstraint(lifted, liftedFlow),
    units: at_.units,
    money: at_.money,
  };
}

/**
 * Subordinate (the third focusing step): the rope. Release work at the pace of
 * the constraint, so that nothing piles up ahead of it.
 */
export interface Rope {
  /** The constraint the rope is tied to. */
  stage: StageId;
  /** Arrivals per period for each source upstream of it (by id), scaled to feed it exactly. */
  release: Record<string, number>;
  /** The factor applied to those arrivals (constraint capacity ÷ its inflow, unless a stage upstream is saturated too). */
  factor: number;
  /** Pileup per period that disappears, in items. */
  pileupRemoved: number;
  /** Inventory money per period that is no longer tied up. */
  inventoryRemoved: number;
  /** Operating expense per period of the stages upstream of the constraint (what subordination can redeploy). */
  upstreamOperatingExpense: number;
  /** The steady state with the rope applied. */
  flow: SteadyState;
}

/**
 * The share of upstream arrivals that feeds stage `id` exactly: the smallest
 * factor f in 0–1 for which, with every arrival of the stage and the stages
 * upstream of it × f (extra arrivals kept), its inflow reaches its capacity.
 * Capacity ÷ inflow when nothing upstream is saturated; less when an upstream
 * stage piles up too (that pileup is overproduction, and goes as well). 0 when
 * the extra arrivals alone fill it.
 */
function ropeFactor(
  funnel: Funnel,
  i: number,
  feeding: ReadonlySet<StageId>,
  extraArrivals?: ReadonlyMap<StageId, number>,
): number {
  const capacity = (funnel.stages[i] as StageInputs).capacity;
  const base = funnel.stages.map(
    (s) => (extraArrivals?.get(s.id) ?? 0) + (feeding.has(s.id) ? 0 : s.arrivals),
  );
  const direction = funnel.stages.map((s) => (feeding.has(s.id) ? s.arrivals : 0));
  let f = 0;
  // Inflow grows piecewise linearly with f: walk kink to kink (each saturates one more stage).
  for (let guard = funnel.stages.length + 1; guard >= 0; guard--) {
    const ramp = rampFlow(
      funnel,
      base.map((b, j) => b + f * (direction[j] as number)),
      direction,
    );
    const gap = capacity - (ramp.inflow[i] as number);
    if (gap <= 0) return f;
    const slope = ramp.slope[i] as number;
    if (slope > 0 && gap / slope <= ramp.toKink) return Math.min(1, f + gap / slope);
    if (ramp.toKink === Infinity) break;
    f += ramp.toKink;
  }
  return Math.min(1, f);
}

/**
 * The rope for a constraint stage: every arrival upstream of it (and its own)
 * × the same factor, the smallest for which its inflow equals its capacity
 * (Goldratt's drum-buffer-rope). Throughput is unchanged; the pileup ahead of
 * it, and any overproduction upstream, goes.
 *
 * @param extraArrivals as given to {@link steadyState} (referred leads in pull);
 *   they are kept as they are, since throughput, and so referrals, do not change
 * @returns null when the stage has no pileup (there is nothing to subordinate)
 */
export function rope(
  funnel: Funnel,
  flow: SteadyState,
  id: StageId,
  extraArrivals?: ReadonlyMap<StageId, number>,
): Rope | null {
  const i = funnel.stages.findIndex((s) => s.id === id);
  const stage = funnel.stages[i];
  const here = flow.stages[i];
  if (!stage || !here || here.pileup <= 0 || stage.capacity === Infinity) return null;
  const feeding = upstreamOf(funnel.stages, id).add(id);
  const factor = ropeFactor(funnel, i, feeding, extraArrivals);
  const release: Record<string, number> = {};
  const stages = funnel.stages.map((s) => {
    if (!feeding.has(s.id) || s.arrivals === 0) return s;
    release[s.id] = s.arrivals * factor;
    return { ...s, arrivals: s.arrivals * factor };
  });
  const roped = steadyState({ ...funnel, stages }, extraArrivals);
  const pileupOf = (f: SteadyState) => f.stages.reduce((sum, s) => sum + s.pileup, 0);
  return {
    stage: id,
    release,
    factor,
    pileupRemoved: pileupOf(flow) - pileupOf(roped),
    inventoryRemoved: flow.inventoryMoney - roped.inventoryMoney,
    upstreamOperatingExpense: funnel.stages
      .filter((s) => feeding.has(s.id) && s.id !== id)
      .reduce((sum, s) => sum + s.cost_per_period, 0),
    flow: roped,
  };
}
