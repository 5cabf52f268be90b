import type { EvaluatedModel } from '../engine/types';
import type { Model } from '../model/types';
import { objectiveOf, type Constraint, type Objective } from './constraint';
import { readInputs, type CellIssue, type FlowInputs } from './inputs';
import { pullSteadyState, pushSteadyState, type GrowthMode } from './loop';
import type { SteadyState } from './steady';

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
   * `constraint` are then push's. `null` otherwise.
   */
  compounds: string | null;
  /** What stages were ranked by. */
  objective: Objective;
  /** Cells to fix before trusting the numbers (empty when all is well). */
  issues: CellIssue[];
}

/**
 * Analyses an evaluated model in the steady state of its growth mode
 * (PRODUCT.md "Steady state", "The constraint" and "The loop").
 *
 * @param model the model (structure, names)
 * @param evaluated its cells as the formula engine evaluated them
 */
export function analyze(model: Model, evaluated: EvaluatedModel): Analysis {
  const inputs = readInputs(model, evaluated);
  const mode: GrowthMode = model.loop.enabled ? 'pull' : 'push';
  const pull = mode === 'pull' ? pullSteadyState(inputs) : null;
  const state = pull?.kind === 'steady' ? pull : pushSteadyState(inputs);
  return {
    inputs,
    mode,
    flow: state.flow,
    constraint: state.constraint,
    referred: state.referred,
    compounds: pull?.kind === 'compounds' ? pull.message : null,
    objective: objectiveOf(inputs.stages),
    issues: inputs.issues,
  };
}
