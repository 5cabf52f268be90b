import type { EvaluatedModel } from '../engine/types';
import type { Model } from '../model/types';
import type { Analysis } from './analyze';
import { elevatePast } from './elevate-past';
import { focusingSteps, type FocusingSteps } from './focusing';
import { readLoop, type CellIssue } from './inputs';
import { describeLoop, loopFactor, type GrowthMode, type LoopFactor } from './loop';
import { simulate, type Simulation } from './simulate';
import type { CellChange } from './trial';

/**
 * Push vs pull over time for one version of the model: what the growth
 * chart, the pileup chart and the Loop panel show. Plain data (it crosses
 * the Web Worker boundary by structured clone).
 */
export interface Growth {
  /** The model's growth mode: pull when the loop is on. */
  mode: GrowthMode;
  /** Periods simulated (the model's horizon). */
  horizon: number;
  /** The funnel with the loop off, periods 1…horizon. */
  push: Simulation;
  /** The same funnel with the loop on, periods 1…horizon. */
  pull: Simulation;
  /** The loop factor K and what pull multiplies push by. */
  loop: LoopFactor;
  /** The loop's cells to fix (errors, out-of-range values), in push too: the pull curve uses them. */
  loopIssues: CellIssue[];
  /** K in one sentence ("Each customer brings 0.4 more: pull multiplies push by 1.67×"). */
  loopText: string;
}

/**
 * The five focusing steps for one version of the model: what the
 * focusing-steps panel shows. Plain data, like {@link Growth}; worked apart
 * from it because the steps' what-ifs are most of the compute worker's time
 * (about three quarters for a 50-stage model), and the charts need not wait
 * for them.
 */
export interface Focus {
  /** The five focusing steps in the model's growth mode. */
  focusing: FocusingSteps;
  /**
   * What applying Elevate writes: its capacities stepped strictly past the
   * boundary, so that the constraint really moves instead of tying with the
   * next one (see `elevatePast`). Empty when Elevate does not apply.
   */
  elevateChanges: CellChange[];
}

/**
 * Simulates the analysed funnel in both growth modes over the model's
 * horizon. Both curves come from the same numbers (the loop's cells are
 * read whatever the mode), so flipping push ↔ pull only changes which one
 * is drawn strong.
 *
 * @param analysis `analyze(model, evaluated)`
 * @throws RangeError when the horizon is not a whole number ≥ 0 (see `simulate`)
 */
export function growthOf(model: Model, evaluated: EvaluatedModel, analysis: Analysis): Growth {
  const { inputs, mode } = analysis;
  const horizon = model.horizon;
  const loop = loopFactor(inputs);
  return {
    mode,
    horizon,
    push: simulate(inputs, horizon, 'push'),
    pull: simulate(inputs, horizon, 'pull'),
    loop,
    loopIssues: readLoop(model, evaluated).issues,
    loopText: describeLoop(loop),
  };
}

/**
 * Works the five focusing steps in the analysis's growth mode, and the
 * capacities applying Elevate writes.
 *
 * @param analysis `analyze(model, evaluated)`
 */
export function focusOf(analysis: Analysis): Focus {
  const { inputs, mode } = analysis;
  const focusing = focusingSteps(inputs, mode);
  const elevate =
    focusing.kind === 'steps' && focusing.elevate.applies ? focusing.elevate.changes : [];
  const ids = focusing.kind === 'steps' ? focusing.identify.constraint.stages : [];
  return {
    focusing,
    elevateChanges: elevate.length > 0 ? elevatePast(inputs, mode, ids, elevate) : [],
  };
}
