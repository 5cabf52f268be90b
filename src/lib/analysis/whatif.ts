import { upstreamOf } from '../model/graph';
import type { StageId } from '../model/types';
import { findConstraint, withUnlimited, type Constraint } from './constraint';
import type { StageInputs } from './inputs';
import { rampFlow, saturated } from './ramp';
import { piles } from './ties';
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
 * a binding stage, so that nothing piles up ahead of it.
 */
export interface Rope {
  /** The binding stage the rope is tied to. */
  stage: StageId;
  /**
   * New arrivals per period for each source feeding it (by id, unrounded):
   * each source its own release (see {@link rope}).
   */
  release: Record<string, number>;
  /** The steady state with the rope applied (extra arrivals kept). */
  flow: SteadyState;
  /** True when the extra arrivals (referred leads) alone fill the stage: the rope cannot empty its queue. */
  referredOverload: boolean;
}

/**
 * The stages from `from` down to `to` (exclusive), following `next`: the
 * path a source's items take to the roped stage.
 */
function pathTo(funnel: Funnel, index: Map<StageId, number>, from: number, to: number): number[] {
  const path: number[] = [];
  let at: number | undefined = from;
  for (let guard = funnel.stages.length; at !== undefined && at !== to && guard > 0; guard--) {
    path.push(at);
    const next: StageId | null = (funnel.stages[at] as StageInputs).next;
    at = next === null ? undefined : index.get(next);
  }
  return path;
}

/**
 * Each source's factor (0–1) of its arrivals for the rope at stage `i`,
 * found by filling: every source's arrivals grow together from 0 (× f); a
 * source whose own path to the stage saturates stops there (more of it would
 * pile up on the way); the rest go on until the stage's inflow reaches its
 * capacity. Inflow is piecewise linear in f, so the walk goes kink to kink.
 */
function fill(
  funnel: Funnel,
  i: number,
  sources: readonly number[],
  extraArrivals?: ReadonlyMap<StageId, number>,
): Float64Array {
  const index = new Map(funnel.stages.map((s, k) => [s.id, k]));
  const capacity = (funnel.stages[i] as StageInputs).capacity;
  const paths = sources.map((src) => pathTo(funnel, index, src, i));
  const factor = new Float64Array(sources.length);
  const active = sources.map(() => true);
  const base = funnel.stages.map(
    (s, k) => (extraArrivals?.get(s.id) ?? 0) + (sources.includes(k) ? 0 : s.arrivals),
  );
  let f = 0;
  // Each round saturates (or freezes) one more stage: at most stages + sources rounds.
  for (let guard = funnel.stages.length + sources.length + 1; guard >= 0; guard--) {
    const arrivals = [...base];
    const direction = funnel.stages.map(() => 0);
    sources.forEach((src, k) => {
      const a = (funnel.stages[src] as StageInputs).arrivals;
      if (active[k]) factor[k] = f;
      arrivals[src] = (arrivals[src] as number) + (factor[k] as number) * a;
      if (active[k]) direction[src] = a;
    });
    const ramp = rampFlow(funnel, arrivals, direction);
    const gap = capacity - (ramp.inflow[i] as number);
    if (gap <= 0 || f >= 1) break;
    let froze = false;
    paths.forEach((path, k) => {
      if (!active[k]) return;
      const full = path.some((j) =>
        saturated(ramp.inflow[j] as number, (funnel.stages[j] as StageInputs).capacity),
      );
      if (full) [active[k], froze] = [false, true];
    });
    if (froze) continue;
    const slope = ramp.slope[i] as number;
    if (slope > 0 && gap / slope <= ramp.toKink) {
      f = Math.min(1, f + gap / slope);
      sources.forEach((_, k) => {
        if (active[k]) factor[k] = f;
      });
      break;
    }
    if (ramp.toKink === Infinity) break;
    f = Math.min(1, f + ramp.toKink);
  }
  return factor;
}

/**
 * The rope for a binding stage (Goldratt's drum-buffer-rope): each source
 * feeding it (itself, and every stage upstream with arrivals) gets its own
 * release, the largest for which nothing piles up on its way and the stage's
 * inflow equals its capacity (see `fill`). One factor for every source would
 * leave a channel whose own path is narrower piling up. Throughput is
 * unchanged; the pileup ahead of the stage, and any overproduction upstream,
 * goes.
 *
 * @param extraArrivals as given to {@link steadyState} (referred leads in pull);
 *   kept as they are, since throughput, and so referrals, do not change
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
  if (!stage || !here || stage.capacity === Infinity || !piles(here)) return null;
  const feeding = upstreamOf(funnel.stages, id).add(id);
  const sources = funnel.stages.flatMap((s, k) => (feeding.has(s.id) && s.arrivals > 0 ? [k] : []));
  const factor = fill(funnel, i, sources, extraArrivals);
  const release: Record<string, number> = {};
  const stages = [...funnel.stages];
  sources.forEach((src, k) => {
    const s = funnel.stages[src] as StageInputs;
    release[s.id] = s.arrivals * (factor[k] as number);
    stages[src] = { ...s, arrivals: release[s.id] as number };
  });
  const roped = steadyState({ ...funnel, stages }, extraArrivals);
  const left = roped.stages[i];
  return {
    stage: id,
    release,
    flow: roped,
    // With every source released to 0 if need be, only the extra arrivals can still overfill it.
    referredOverload: !!left && piles(left),
  };
}
