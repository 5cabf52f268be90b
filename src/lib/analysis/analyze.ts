import type { EvaluatedModel } from '../engine/types';
import type { Model } from '../model/types';
import {
  findConstraint,
  funnelOf,
  objectiveOf,
  type Constraint,
  type Objective,
} from './constraint';
import { readInputs, type CellIssue, type FlowInputs } from './inputs';
import { entryIndex, pullSteadyState, pushSteadyState, type GrowthMode } from './loop';
import { marketShare, shareAtStart } from './market';
import { simulate } from './simulate';
import { steadyState, type SteadyState } from './steady';

/**
 * The steady-state analysis of a model: its flow, its constraint, and what
 * to fix first. In pull (the loop on) the flow and the constraint include the
 * referred leads entering the loop's entry stage.
 */
export interface Analysis {
  inputs: FlowInputs;
  /** Push when the loop is off, pull when it is on. */
  mode: GrowthMode;
  /** Items per period, stage by stage (pull: referred leads included). */
  flow: SteadyState;
  constraint: Constraint;
  /** Referred leads per period entering the loop's entry stage (0 in push). */
  referred: number;
  /**
   * In pull with no steady state (K ≥ 1 and no capacity on the loop's path
   * stops it: growth compounds until the market does), why; `flow` and
   * `constraint` are then the simulation's at the horizon (see `snapshot`),
   * never push's. `null` otherwise.
   */
  compounds: string | null;
  /**
   * With `compounds`: the simulated period `flow` and `constraint` come from
   * (the horizon) and the referred leads per period entering then, which
   * `flow` takes as extra arrivals (outbound arrivals × the market's share
   * left then). `null` otherwise.
   */
  snapshot: { period: number; referred: number } | null;
  /**
   * Share of the market left at period 0 (0–1): max(0, 1 − loop.customers ÷
   * market), 1 with a blank market. The steady state runs at it: arrivals and
   * referrals × this share (0: the market is full, nothing flows).
   */
  marketShare: number;
  /** What stages were ranked by. */
  objective: Objective;
  /** Cells to fix before trusting the numbers (empty when all is well). */
  issues: CellIssue[];
}

/**
 * The funnel at the end of a pull simulation that compounds: the steady state
 * with the period's referred leads as extra arrivals (outbound arrivals ×
 * the market's share left then), its constraint with the leads frozen, since
 * there is no steady state to re-solve (PRODUCT.md "The loop": the constraint
 * then comes from the simulation).
 */
function snapshotAt(
  inputs: FlowInputs,
  horizon: number,
): { flow: SteadyState; constraint: Constraint; period: number; referred: number } {
  const periods = simulate(inputs, horizon, 'pull').periods;
  const last = periods[periods.length - 1];
  const before = periods[periods.length - 2]?.customers ?? inputs.loop.customers;
  const share = marketShare(before, inputs.loop.market);
  const funnel = {
    ...funnelOf(inputs),
    stages: inputs.stages.map((s) => ({ ...s, arrivals: s.arrivals * share })),
  };
  const referred = last?.referred_leads ?? 0;
  const entry = inputs.stages[entryIndex(inputs)];
  const extraArrivals = new Map(entry && referred > 0 ? [[entry.id, referred]] : []);
  const flow = steadyState(funnel, extraArrivals);
  const constraint = findConstraint(funnel, flow, { extraArrivals });
  return { flow, constraint, period: last?.t ?? 0, referred };
}

/**
 * Analyses an evaluated model in the steady state of its growth mode
 * (PRODUCT.md "Steady state", "The constraint" and "The loop"), at the
 * market's share left at period 0; in pull with no steady state, the funnel
 * at the simulation's horizon.
 *
 * @param model the model (structure, names, horizon)
 * @param evaluated its cells as the formula engine evaluated them
 * @throws RangeError when the loop compounds and the horizon is not a whole number ≥ 0 (see `simulate`)
 */
export function analyze(model: Model, evaluated: EvaluatedModel): Analysis {
  const inputs = readInputs(model, evaluated);
  const mode: GrowthMode = model.loop.enabled ? 'pull' : 'push';
  const base = {
    inputs,
    mode,
    objective: objectiveOf(inputs.stages),
    issues: inputs.issues,
    marketShare: shareAtStart(inputs),
  };
  const state = mode === 'pull' ? pullSteadyState(inputs) : pushSteadyState(inputs);
  if (state.kind === 'steady') {
    const { flow, constraint, referred } = state;
    return { ...base, flow, constraint, referred, compounds: null, snapshot: null };
  }
  const { flow, constraint, period, referred } = snapshotAt(inputs, model.horizon);
  return {
    ...base,
    flow,
    constraint,
    referred,
    compounds: state.message,
    snapshot: { period, referred },
  };
}
