import type { StageId } from '../model/types';
import { bindsFirst, funnelOf, objectiveOf, type Constraint } from './constraint';
import type { FlowInputs } from './inputs';
import { throughputIn, type GrowthMode, type PullSteadyState } from './loop';
import { atMarket } from './market';
import { rises } from './ties';
import { applyChanges, cellChange, type CellChange, type Throughput } from './trial';
import { elevation } from './whatif';

/** A steady state that exists. */
export type Steady = Extract<PullSteadyState, { kind: 'steady' }>;

/** What limits growth: a constraint (stage, tie or market), or nothing but the market while the loop compounds (pull). */
export type Limit = Constraint | { kind: 'compounds'; stages: [] };

/** The limit in a steady state: its constraint, or `compounds`. */
export const limitOf = (state: PullSteadyState): Limit =>
  state.kind === 'steady' ? state.constraint : { kind: 'compounds', stages: [] };

/**
 * Elevate (the fourth focusing step): the capacities at which the
 * constraint moves, as cell changes (rounded up, never short of it), where it
 * moves, and the throughput at those capacities. At exactly those capacities
 * the old and the new constraint bind together (a tie); any more and the new
 * one binds alone.
 */
export interface Elevate {
  /** One capacity change per constraint stage (none when lifting lets the loop compound). */
  changes: CellChange[];
  /** The limit once the constraint's capacity is lifted past `changes`. */
  next: Limit;
  /** Throughput with `changes` applied (`null` when the loop compounds). */
  after: Throughput | null;
  /**
   * When the constraint is tied with demand (`withDemand`): raising its
   * capacity gains only if arrivals rise too. The demand multiple at which
   * the next stage binds with `changes` in place, every source's arrivals ×
   * that factor, and the throughput with both. `null` otherwise.
   */
  demand: DemandRise | null;
}

/** Arrivals rising with an elevated constraint that was tied with demand. */
export interface DemandRise {
  /** Every source's arrivals × this (1.25 = 25 % more) until the next stage binds. */
  factor: number;
  /** The arrivals cells: each source's arrivals × `factor`, rounded down. */
  changes: CellChange[];
  /** Throughput with the capacity changes and these arrivals (`null` when the loop compounds). */
  after: Throughput | null;
}

/** The inputs with the listed stages' capacity set (`Infinity` = unlimited). */
export function withCapacities(
  inputs: FlowInputs,
  capacities: ReadonlyMap<StageId, number>,
): FlowInputs {
  const stages = inputs.stages.map((s) => {
    const capacity = capacities.get(s.id);
    return capacity === undefined ? s : { ...s, capacity };
  });
  return { ...inputs, stages };
}

/** Halvings of the search in 0–1: far below any capacity a cell shows. */
const STEPS = 60;

/**
 * The smallest capacities, on the straight line from today's to the inflow
 * each stage sees with all of them unlimited, at which throughput reaches
 * what unlimited capacity gives. Throughput never falls as capacity rises
 * (in pull too: the largest fixed point of a larger map is larger), so a
 * bisection finds it.
 */
function searchCapacities(
  inputs: FlowInputs,
  mode: GrowthMode,
  ids: readonly StageId[],
  lifted: Steady,
): number[] {
  const objective = objectiveOf(inputs.stages);
  const score = (t: Throughput | null) =>
    t === null ? Infinity : objective === 'money' ? t.money : t.units;
  const target = score({ units: lifted.flow.units, money: lifted.flow.money });
  const from = ids.map((id) => inputs.stages.find((s) => s.id === id)?.capacity ?? 0);
  const to = ids.map((id, k) =>
    Math.max(from[k] as number, lifted.flow.stages.find((s) => s.id === id)?.inflow ?? 0),
  );
  const at = (x: number) =>
    ids.map((_, k) => (from[k] as number) + x * ((to[k] as number) - (from[k] as number)));
  const reaches = (x: number) => {
    const capacities = new Map(ids.map((id, k) => [id, at(x)[k] as number]));
    return !rises(target, score(throughputIn(withCapacities(inputs, capacities), mode)));
  };
  let lo = 0;
  let hi = 1;
  for (let k = 0; k < STEPS; k++) {
    const mid = (lo + hi) / 2;
    if (reaches(mid)) hi = mid;
    else lo = mid;
  }
  return at(hi);
}

/**
 * Elevating a constraint tied with demand: with its stages unlimited, the
 * next stage binds when every arrival × `bindsFirst.factor`; the stages then
 * need their inflow × that factor. Throughput in pull scales with outbound
 * arrivals too while no stage binds (K < 1: the loop is linear there).
 */
function demandRise(
  inputs: FlowInputs,
  mode: GrowthMode,
  ids: readonly StageId[],
  lifted: Steady,
): Elevate {
  const unlimited = withCapacities(inputs, new Map(ids.map((id) => [id, Infinity])));
  const first = bindsFirst(funnelOf(atMarket(unlimited)), lifted.flow);
  if (!first) return { changes: [], next: lifted.constraint, after: null, demand: null };
  const changes = ids.map((id) => {
    const inflow = lifted.flow.stages.find((f) => f.id === id)?.inflow ?? 0;
    return cellChange(id, 'capacity', inflow * first.factor, 'up');
  });
  const arrivals = inputs.stages
    .filter((s) => s.arrivals > 0)
    .map((s) => cellChange(s.id, 'arrivals', s.arrivals * first.factor, 'down'));
  return {
    changes,
    next: lifted.constraint,
    after: throughputIn(applyChanges(inputs, changes), mode),
    demand: {
      factor: first.factor,
      changes: arrivals,
      after: throughputIn(applyChanges(inputs, [...changes, ...arrivals]), mode),
    },
  };
}

/**
 * Elevates the constraint stages `ids` together.
 *
 * In push with one stage the capacity comes from {@link elevation} (exact:
 * where a stage downstream fills or the stage runs out of inflow). With a
 * tie, or in pull, where more won brings more referred leads and so moves
 * every stage's inflow, it is searched for (see `searchCapacities`). A
 * constraint tied with demand is elevated with the arrivals (see `demandRise`).
 *
 * @param today the steady state in `mode`
 * @param lifted the steady state in `mode` with every stage of `ids` unlimited
 */
export function elevate(
  inputs: FlowInputs,
  mode: GrowthMode,
  ids: readonly StageId[],
  today: Steady,
  lifted: PullSteadyState,
): Elevate {
  if (lifted.kind === 'compounds')
    return { changes: [], next: limitOf(lifted), after: null, demand: null };
  const c = today.constraint;
  if (c.kind !== 'market' && c.withDemand) return demandRise(inputs, mode, ids, lifted);
  const only = ids.length === 1 ? (ids[0] as StageId) : null;
  const exact =
    mode === 'push' && only !== null
      ? elevation(funnelOf(atMarket(inputs)), today.flow, only)
      : null;
  const capacities = exact ? [exact.capacity] : searchCapacities(inputs, mode, ids, lifted);
  const changes = ids.map((id, k) => cellChange(id, 'capacity', capacities[k] as number, 'up'));
  return {
    changes,
    next: lifted.constraint,
    after: throughputIn(applyChanges(inputs, changes), mode),
    demand: null,
  };
}
