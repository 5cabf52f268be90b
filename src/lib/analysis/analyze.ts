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
import { steadyState, type SteadyState } from './steady';

/** The steady-state analysis of a model: its flow, its constraint, and what to fix first. */
export interface Analysis {
  inputs: FlowInputs;
  flow: SteadyState;
  constraint: Constraint;
  /** What stages were ranked by. */
  objective: Objective;
  /** Cells to fix before trusting the numbers (empty when all is well). */
  issues: CellIssue[];
}

/**
 * Analyses an evaluated model in the steady state.
 *
 * @param model the model (structure, names)
 * @param evaluated its cells as the formula engine evaluated them
 */
export function analyze(model: Model, evaluated: EvaluatedModel): Analysis {
  const inputs = readInputs(model, evaluated);
  const funnel = funnelOf(inputs);
  const flow = steadyState(funnel);
  return {
    inputs,
    flow,
    constraint: findConstraint(funnel, flow),
    objective: objectiveOf(inputs.stages),
    issues: inputs.issues,
  };
}
