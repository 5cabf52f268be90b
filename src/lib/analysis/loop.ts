import type { StageId } from '../model/types';
import {
  findConstraint,
  funnelOf,
  type Constraint,
  type Solve,
  type Throughput,
} from './constraint';
import type { FlowInputs } from './inputs';
import { plainNumber } from './plain';
import { atMarket } from './market';
import { rampFlow } from './ramp';
import { carryToEnd, steadyState, type SteadyState } from './steady';

/** Push: the loop off (outbound arrivals only). Pull: the loop on, from the same funnel. */
export type GrowthMode = 'push' | 'pull';

/**
 * The loop factor K (PRODUCT.md "The loop"): how many more customers each
 * customer brings, capacity ignored.
 */
export interface LoopFactor {
  /** The stage referred leads enter; `null` when none is chosen or it no longer exists. */
  entry: StageId | null;
  /** Share of leads entering `entry` that end up won: the product of conversions from it to the end (0–1). */
  yield: number;
  /** K = referrals × yield (0 without an entry stage). */
  k: number;
  /** 1 ÷ (1 − K), what pull multiplies push by, when K < 1; `null` when K ≥ 1 (growth compounds). */
  multiplier: number | null;
}

/** Index of the loop's entry stage in `inputs.stages`, or -1. */
export function entryIndex(inputs: FlowInputs): number {
  const entry = inputs.loop.entry;
  return entry === null ? -1 : inputs.stages.findIndex((s) => s.id === entry);
}

/**
 * Computes the loop factor K = referrals × the product of conversions from
 * the entry stage to the end (capacity ignored). Source: PRODUCT.md "The loop".
 */
export function loopFactor(inputs: FlowInputs): LoopFactor {
  const i = entryIndex(inputs);
  if (i < 0) return { entry: null, yield: 0, k: 0, multiplier: 1 };
  const index = new Map(inputs.stages.map((s, j) => [s.id, j]));
  const k = carryToEnd(inputs.stages, index, i, inputs.loop.referrals);
  return {
    entry: inputs.stages[i]?.id ?? null,
    yield: carryToEnd(inputs.stages, index, i, 1),
    k,
    multiplier: k < 1 ? 1 / (1 - k) : null,
  };
}

/**
 * What the loop factor means, in one sentence: "Each customer brings 0.4
 * more: pull multiplies push by 1.67×", or for K ≥ 1 that growth compounds
 * until the market or the constraint stops it.
 */
export function describeLoop(factor: LoopFactor): string {
  const { k, multiplier } = factor;
  if (factor.entry === null) return 'Choose the stage referred leads enter to close the loop.';
  if (k === 0) return 'Customers bring no new customers (K = 0): pull equals push.';
  if (multiplier !== null)
    return `Each customer brings ${plainNumber(k)} more: pull multiplies push by ${plainNumber(multiplier)}×`;
  return `K = ${plainNumber(k)} (each customer brings ${plainNumber(k)} more): growth compounds until the market or the constraint stops it`;
}

/**
 * The pull steady state:
 * - `steady`: `referred` leads per period enter the entry stage, the flow is
 *   self-consistent (referred = referrals × throughput units), and `flow` and
 *   `constraint` include them (`extraArrivals` as handed to
 *   {@link steadyState} and {@link findConstraint}).
 * - `compounds`: K ≥ 1 and no capacity on the loop's path stops it, so there
 *   is no steady state; only the market does (`message` says so).
 *
 * The market: the steady state is the funnel at the share of the market
 * left at period 0 ({@link marketShare}): outbound arrivals and referrals
 * × max(0, 1 − loop.customers ÷ market), as the simulation's first period
 * has them (PRODUCT.md "The loop": the market caps push and pull alike). So
 * a market already full gives no flow at all, as the simulation does. It
 * does not fade further as customers accumulate: every finite market fills
 * in the long run (the long-run flow is 0), and the time simulation shows
 * that fade; this is the funnel as the market stands today.
 */
export type PullSteadyState =
  | {
      kind: 'steady';
      /** Referred leads entering the entry stage, items per period (0 without an entry stage). */
      referred: number;
      extraArrivals: ReadonlyMap<StageId, number>;
      flow: SteadyState;
      constraint: Constraint;
    }
  | { kind: 'compounds'; message: string };

/**
 * Referred leads per period in the pull steady state: the largest fixed point
 * of R = referrals × units(R), units(R) being the throughput with R extra
 * leads entering the entry stage (PRODUCT.md "The loop", capacity included).
 * units is concave and piecewise linear in R, so the walk goes from kink to
 * kink (a stage saturating) until the line through the current piece crosses
 * R; exact, no iteration to convergence. With no existing customers and
 * nothing won outbound (units(0) = 0) nobody ever refers anyone: 0, as the
 * simulation has it, even where K ≥ 1 would sustain a larger fixed point.
 *
 * @param inputs as the steady state sees them (see {@link atMarket})
 * @returns 0 without an entry stage or referrals; `null` when there is no
 *   fixed point (K ≥ 1 and nothing on the loop's path binds: growth compounds)
 */
export function referredLeads(inputs: FlowInputs): number | null {
  const entry = entryIndex(inputs);
  const referrals = inputs.loop.referrals;
  if (entry < 0 || referrals <= 0) return 0;
  const funnel = funnelOf(inputs);
  const arrivals = inputs.stages.map((s) => s.arrivals);
  const direction = inputs.stages.map((_, i) => (i === entry ? 1 : 0));
  const own = arrivals[entry] as number;
  let x = 0;
  // Each kink saturates one more stage, so the walk ends within stages + 1 pieces.
  for (let guard = inputs.stages.length + 1; guard >= 0; guard--) {
    arrivals[entry] = own + x;
    const ramp = rampFlow(funnel, arrivals, direction);
    if (x === 0 && ramp.units === 0 && !(inputs.loop.customers > 0)) return 0;
    const gap = referrals * ramp.units - x;
    const slope = referrals * ramp.unitsSlope;
    if (slope < 1) {
      const step = gap / (1 - slope);
      if (step <= ramp.toKink) return x + step;
    }
    if (ramp.toKink === Infinity) return null;
    x += ramp.toKink;
  }
  return x;
}

/** A steady state that exists. */
type Settled = Extract<PullSteadyState, { kind: 'steady' }>;

/** The referred leads as extra arrivals at the entry stage (empty when none). */
function extraOf(inputs: FlowInputs, referred: number): Map<StageId, number> {
  const stage = inputs.stages[entryIndex(inputs)];
  return new Map<StageId, number>(stage && referred > 0 ? [[stage.id, referred]] : []);
}

/**
 * Throughput of `inputs` as they stand (market share already applied) in a
 * growth mode, the loop re-solved in pull; `null` when it compounds.
 */
function solved(inputs: FlowInputs, mode: GrowthMode): Throughput | null {
  const referred = mode === 'pull' ? referredLeads(inputs) : 0;
  if (referred === null) return null;
  const flow = steadyState(funnelOf(inputs), extraOf(inputs, referred), false);
  return { units: flow.units, money: flow.money };
}

/** The {@link Solve} of a growth mode: a funnel variant's throughput, the loop re-solved in pull. */
const solverOf =
  (inputs: FlowInputs, mode: GrowthMode): Solve =>
  (funnel) =>
    solved({ ...inputs, stages: funnel.stages, order: funnel.order }, mode);

/** The steady state with `referred` leads per period entering the entry stage (inputs at their market share). */
function settle(inputs: FlowInputs, referred: number, mode: GrowthMode): Settled {
  const funnel = funnelOf(inputs);
  const extraArrivals = extraOf(inputs, referred);
  const flow = steadyState(funnel, extraArrivals);
  return {
    kind: 'steady',
    referred,
    extraArrivals,
    flow,
    constraint: findConstraint(funnel, flow, { solve: solverOf(inputs, mode), extraArrivals }),
  };
}

/**
 * Solves the pull steady state of the funnel (see {@link PullSteadyState}),
 * at the market's share left at period 0. Without an entry stage or with no
 * referrals it is push's steady state.
 */
export function pullSteadyState(inputs: FlowInputs): PullSteadyState {
  const at = atMarket(inputs);
  const referred = referredLeads(at);
  if (referred !== null) return settle(at, referred, 'pull');
  const entry = inputs.stages[entryIndex(inputs)]?.name ?? 'the entry stage';
  return {
    kind: 'compounds',
    message: `K = ${plainNumber(loopFactor(inputs).k)} and no stage from ${entry} to the end has a capacity that stops the loop: growth compounds until the market stops it, so pull has no steady state.`,
  };
}

/** Push's steady state: the loop off, no referred leads, at the market's share left at period 0 (it always exists). */
export function pushSteadyState(inputs: FlowInputs): Settled {
  return settle(atMarket(inputs), 0, 'push');
}

/** The steady state in a growth mode: {@link pushSteadyState} or {@link pullSteadyState}. */
export function steadyStateIn(inputs: FlowInputs, mode: GrowthMode): PullSteadyState {
  return mode === 'pull' ? pullSteadyState(inputs) : pushSteadyState(inputs);
}

/**
 * The steady-state throughput in a growth mode, at the market's share left
 * at period 0: push's, or pull's with the loop re-solved. O(stages) in push,
 * O(stages²) at worst in pull, and no constraint search: what-ifs call it often.
 *
 * @returns null when the loop compounds (pull, K ≥ 1 and nothing binds)
 */
export function throughputIn(inputs: FlowInputs, mode: GrowthMode): Throughput | null {
  return solved(atMarket(inputs), mode);
}
