import { downstreamOf, feedersOf, upstreamOf } from '../model/graph';
import type { StageId } from '../model/types';
import type { FlowInputs, StageInputs } from './inputs';
import { saturated } from './ramp';
import { chainTies, near, piles, rises } from './ties';
import { steadyState, type Funnel, type SteadyState } from './steady';

/** What throughput is measured in when stages are ranked: money when the model has any value, else units. */
export type Objective = 'money' | 'units';

/** Throughput per period: units won (items per period) and money (Σ out × (value − variable_cost)). */
export interface Throughput {
  units: number;
  money: number;
}

/**
 * What the funnel would gain per period from a change of capacity (units and
 * money; `Infinity` when, in pull, the change lets the loop compound).
 */
export type HeldBack = Throughput;

/**
 * The throughput of a variant of the funnel (same stages, some capacities or
 * arrivals changed), the loop re-solved with the change in place in pull:
 * what every what-if of the constraint search is measured with.
 * `null` when, with the change, the loop compounds (no steady state).
 */
export type Solve = (funnel: Funnel) => Throughput | null;

/** A {@link Solve} with fixed extra arrivals (push: none): referred leads frozen, so only for push or a snapshot. */
const frozenSolve =
  (extraArrivals?: ReadonlyMap<StageId, number>): Solve =>
  (funnel) => {
    const flow = steadyState(funnel, extraArrivals, false);
    return { units: flow.units, money: flow.money };
  };

/**
 * A stage whose capacity alone raises throughput (PRODUCT.md "The
 * constraint": it *binds*), or a chain tie: stages on one line that raise
 * throughput only together.
 */
export interface Binding {
  /** One stage, or the stages of a chain tie, in flow order. */
  stages: StageId[];
  /** What +10 % of capacity (at every stage of the group at once) adds per period: the marginal value of its capacity. */
  marginal: Throughput;
  /** What unlimited capacity there adds per period: what it holds back. */
  heldBack: Throughput;
  /** True when unlimited capacity there lets the loop compound (pull; `heldBack` is then `Infinity`). */
  compounds: boolean;
}

/**
 * What the constraint search found about every stage, whatever the kind of
 * constraint: the facts the summary's sentences stand on.
 */
export interface Verdicts {
  /**
   * Every binding stage (and chain tie), ranked by `marginal` in the objective,
   * then by `heldBack`; the first is *the* constraint. Empty when nothing binds
   * (the market, or a stage tied with demand).
   */
  binding: Binding[];
  /** Stages with a finite capacity in no binding group: raising their capacity alone adds nothing (grid order). */
  addsNothing: StageId[];
  /** Stages that pile up but are in no binding group: lifting them gains nothing, their pileup is overproduction (grid order). */
  overproduction: StageId[];
  /** Stages above 85 % load (over 100 % too): near capacity, where queues build with ordinary variability (grid order). */
  nearCapacity: StageId[];
  /**
   * True when "in a single chain the constraint is the stage with the smallest
   * capacity in output units" holds here: the stages form one chain, only its
   * first stage has arrivals, and no extra arrivals (referred leads) enter.
   */
  chainRule: boolean;
}

/**
 * The constraint (PRODUCT.md "The constraint"), with its {@link Verdicts}:
 * - `stage`: the top-ranked binding stage; `heldBack` and `marginal` are its
 *   own. `withDemand`: nothing binds, but this stage runs at exactly its
 *   capacity (100 % load, within a relative 1e-9): the constraint tied with
 *   demand (both gains 0; raising its capacity gains only if arrivals rise too).
 * - `tie`: several stages ranked equal (same marginal value and same held
 *   back), or one chain tie (`chain`: they raise throughput only together),
 *   or several stages tied with demand. `heldBack`, `marginal`: of one of the
 *   tied groups (a chain tie: all of it); `together`: of every tied stage at once.
 * - `market`: no stage's capacity holds throughput back and none runs at
 *   exactly its capacity; demand does. `bindsFirst` names the stage that would
 *   bind first if every arrival grew by the same factor (null: no stage with
 *   a finite capacity receives anything).
 */
export type Constraint =
  | ({
      kind: 'stage';
      stages: [StageId];
      heldBack: HeldBack;
      marginal: Throughput;
      withDemand: boolean;
    } & Verdicts)
  | ({
      kind: 'tie';
      stages: StageId[];
      chain: boolean;
      heldBack: HeldBack;
      marginal: Throughput;
      together: { heldBack: HeldBack; marginal: Throughput };
      withDemand: boolean;
    } & Verdicts)
  | ({ kind: 'market'; stages: []; bindsFirst: BindsFirst | null } & Verdicts);

/** The stage that binds first as demand grows. */
export interface BindsFirst {
  stage: StageId;
  /** Demand multiple at which it binds (1.25 = when arrivals are 25 % higher). */
  factor: number;
  /** Total arrivals per period at that point (Σ arrivals × factor). */
  arrivals: number;
}

/** Capacity used 10 % better: the marginal step of the ranking. */
export const BETTER = 1.1;

/** Loads above this are flagged near capacity (Factory Physics; Kingman's formula). */
export const NEAR_CAPACITY = 0.85;

/** The objective the model is ranked by. */
export function objectiveOf(stages: readonly StageInputs[]): Objective {
  return stages.some((s) => s.value !== 0 || s.variable_cost !== 0) ? 'money' : 'units';
}

/** The funnel with the listed stages given unlimited capacity. */
export function withUnlimited(funnel: Funnel, ids: ReadonlySet<StageId>): Funnel {
  return withCapacityOf(funnel, ids, () => Infinity);
}

/** The funnel with the listed stages' capacity replaced by `to(capacity)`. */
function withCapacityOf(
  funnel: Funnel,
  ids: ReadonlySet<StageId>,
  to: (capacity: number) => number,
): Funnel {
  return {
    ...funnel,
    stages: funnel.stages.map((s) => (ids.has(s.id) ? { ...s, capacity: to(s.capacity) } : s)),
  };
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

/** True when the stages form one chain fed only at its head and nothing else enters (see {@link Verdicts.chainRule}). */
function chainRuleHolds(funnel: Funnel, extraArrivals?: ReadonlyMap<StageId, number>): boolean {
  const { stages, order } = funnel;
  if ([...(extraArrivals?.values() ?? [])].some((x) => x > 0)) return false;
  const feeders = feedersOf(stages);
  if ([...feeders.values()].some((f) => f.length > 1)) return false;
  const head = stages[order[0] as number];
  if (!head || downstreamOf(stages, head.id).length !== stages.length - 1) return false;
  return stages.every((s) => s.id === head.id || s.arrivals === 0);
}

/** Options of {@link findConstraint}. */
export interface FindOptions {
  /** Measures each what-if; default: the steady state with `extraArrivals` frozen (push). */
  solve?: Solve;
  /** Items per period entering stages besides their arrivals (referred leads), as in `flow`. */
  extraArrivals?: ReadonlyMap<StageId, number>;
}

/**
 * Finds the constraint and the verdicts on every stage.
 *
 * Each full stage (at or over its capacity) is lifted alone to unlimited capacity
 * (it binds when that raises throughput) and to +10 % (its marginal value);
 * saturated stages that bind only together are lifted as a group (a chain
 * tie). Binding groups are ranked by marginal value in the objective, then by
 * what they hold back; "equal" is a relative 1e-9. Nothing binds: a stage at
 * exactly 100 % load is the constraint tied with demand, else the market.
 * Every what-if goes through `solve`, which in pull re-solves the loop.
 * Only full stages are tried (one with room processes all it receives), so
 * the cost is one or two solves per full stage and per chain tie.
 *
 * @param funnel stages and flow order
 * @param flow the steady state of `funnel` (same extra arrivals)
 */
export function findConstraint(
  funnel: Funnel,
  flow: SteadyState,
  options: FindOptions = {},
): Constraint {
  const solve = options.solve ?? frozenSolve(options.extraArrivals);
  const objective = objectiveOf(funnel.stages);
  const score = (x: Throughput | null) =>
    x === null ? Infinity : objective === 'money' ? x.money : x.units;
  const base = score(flow);
  const gainOf = (x: Throughput | null): Throughput =>
    x === null
      ? { units: Infinity, money: Infinity }
      : { units: x.units - flow.units, money: x.money - flow.money };
  const trial = (ids: StageId[], always = false): Binding | null => {
    const set = new Set(ids);
    const unlimited = solve(withUnlimited(funnel, set));
    if (!always && !rises(score(unlimited), base)) return null;
    return {
      stages: ids,
      marginal: gainOf(solve(withCapacityOf(funnel, set, (c) => c * BETTER))),
      heldBack: gainOf(unlimited),
      compounds: unlimited === null,
    };
  };
  const binding: Binding[] = [];
  const zeroGainSaturated: number[] = [];
  funnel.stages.forEach((s, i) => {
    const f = flow.stages[i];
    // A stage with room processes all it receives: raising its capacity changes nothing
    // (in pull too: the loop's largest fixed point only moves where a stage is full).
    if (!f || f.inflow <= 0 || !saturated(f.inflow, s.capacity)) return;
    const b = trial([s.id]);
    if (b) binding.push(b);
    else zeroGainSaturated.push(i);
  });
  for (const group of chainTies(funnel, flow, zeroGainSaturated)) {
    const b = trial(group);
    if (b) binding.push(b);
  }
  const rank = (b: Binding) => [score(b.marginal), score(b.heldBack)] as const;
  binding.sort((a, b) => {
    const [am, ah] = rank(a);
    const [bm, bh] = rank(b);
    if (!near(am, bm)) return bm - am;
    return near(ah, bh) ? 0 : bh - ah;
  });
  const verdicts = verdictsOf(funnel, flow, binding, options.extraArrivals);
  const first = binding[0];
  if (!first) return demandOrMarket(funnel, flow, verdicts);
  const [fm, fh] = rank(first);
  const winners = binding.filter((b) => {
    const [m, h] = rank(b);
    return near(m, fm) && near(h, fh);
  });
  const ids = inFlowOrder(
    funnel,
    winners.flatMap((b) => b.stages),
  );
  const { heldBack, marginal } = first;
  if (ids.length === 1)
    return {
      kind: 'stage',
      stages: [ids[0] as StageId],
      heldBack,
      marginal,
      withDemand: false,
      ...verdicts,
    };
  const all = winners.length === 1 ? first : (trial(ids, true) as Binding);
  return {
    kind: 'tie',
    stages: ids,
    chain: winners.length === 1,
    heldBack,
    marginal,
    together: { heldBack: all.heldBack, marginal: all.marginal },
    withDemand: false,
    ...verdicts,
  };
}

/** The ids sorted in flow order, each once. */
function inFlowOrder(funnel: Funnel, ids: readonly StageId[]): StageId[] {
  const at = new Map(funnel.order.map((i, k) => [funnel.stages[i]?.id, k]));
  return [...new Set(ids)].sort((a, b) => (at.get(a) ?? 0) - (at.get(b) ?? 0));
}

/** The verdicts on every stage, given the binding groups. */
function verdictsOf(
  funnel: Funnel,
  flow: SteadyState,
  binding: readonly Binding[],
  extraArrivals?: ReadonlyMap<StageId, number>,
): Verdicts {
  const binds = new Set(binding.flatMap((b) => b.stages));
  const ids = (keep: (s: StageInputs, i: number) => boolean) =>
    funnel.stages.filter(keep).map((s) => s.id);
  return {
    binding: [...binding],
    addsNothing: ids((s) => s.capacity !== Infinity && !binds.has(s.id)),
    overproduction: ids((s, i) => {
      const f = flow.stages[i];
      return !binds.has(s.id) && !!f && piles(f);
    }),
    nearCapacity: ids((_, i) => (flow.stages[i]?.load ?? 0) > NEAR_CAPACITY),
    chainRule: chainRuleHolds(funnel, extraArrivals),
  };
}

/**
 * Nothing binds: the stages at exactly 100 % load are the constraint tied
 * with demand; with none, the market.
 */
function demandOrMarket(funnel: Funnel, flow: SteadyState, verdicts: Verdicts): Constraint {
  const full = inFlowOrder(
    funnel,
    funnel.stages
      .filter((s, i) => {
        const inflow = flow.stages[i]?.inflow ?? 0;
        return s.capacity !== Infinity && inflow > 0 && near(inflow, s.capacity);
      })
      .map((s) => s.id),
  );
  const zero = { units: 0, money: 0 };
  if (full.length === 0)
    return { kind: 'market', stages: [], bindsFirst: bindsFirst(funnel, flow), ...verdicts };
  if (full.length === 1)
    return {
      kind: 'stage',
      stages: [full[0] as StageId],
      heldBack: zero,
      marginal: zero,
      withDemand: true,
      ...verdicts,
    };
  const chain = full.every(
    (id) => id === full[0] || upstreamOf(funnel.stages, id).has(full[0] as StageId),
  );
  return {
    kind: 'tie',
    stages: full,
    chain,
    heldBack: zero,
    marginal: zero,
    together: { heldBack: zero, marginal: zero },
    withDemand: true,
    ...verdicts,
  };
}

/** The inputs' funnel (a convenience for callers holding {@link FlowInputs}). */
export const funnelOf = (inputs: FlowInputs): Funnel => ({
  stages: inputs.stages,
  order: inputs.order,
});
