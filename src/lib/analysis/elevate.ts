import type { StageId } from '../model/types';
import { funnelOf, objectiveOf, type Constraint } from './constraint';
import type { FlowInputs } from './inputs';
import type { GrowthMode, PullSteadyState } from './loop';
import { applyChanges, cellChange, throughputIn, type CellChange, type Throughput } from './trial';
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
    return (
      score(throughputIn(withCapacities(inputs, capacities), mode)) >=
      target - 1e-9 * Math.max(1, Math.abs(target))
    );
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
 * Elevates the constraint stages `ids` together.
 *
 * In push with one stage the capacity comes from {@link elevation} (exact:
 * where a stage downstream fills or the stage runs out of inflow). With a
 * tie, or in pull, where more won brings more referred leads and so moves
 * every stage's inflow, it is searched for (see `searchCapacities`).
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
  if (lifted.kind === 'compounds') return { changes: [], next: limitOf(lifted), after: null };
  const only = ids.length === 1 ? (ids[0] as StageId) : null;
  const exact =
    mode === 'push' && only !== null ? elevation(funnelOf(inputs), today.flow, only) : null;
  const capacities = exact ? [exact.capacity] : searchCapacities(inputs, mode, ids, lifted);
  const changes = ids.map((id, k) => cellChange(id, 'capacity', capacities[k] as number, true));
  return {
    changes,
    next: lifted.constraint,
    after: throughputIn(applyChanges(inputs, changes), mode),
  };
}
