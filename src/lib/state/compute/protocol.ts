import type { Analysis } from '../../analysis/analyze';
import type { CellChange } from '../../analysis/trial';
import type { Focus, Growth } from '../../analysis/growth';
import type { EvaluatedModel, FormulaCell, SheetName, SlowCell } from '../../engine/types';
import type { RowChange } from '../../model/rows';
import type { Assumption, Model, Stage } from '../../model/types';
import type { ApplyPlan } from '../apply/plan';

/** Everything the grids and charts show for one version of the model. */
export interface ComputeResult {
  /** The model this was computed from (compare by identity to know if it is current). */
  model: Model;
  evaluated: EvaluatedModel;
  analysis: Analysis;
  /** Push and pull over the horizon, and the loop factor. */
  growth: Growth;
}

/**
 * The five focusing steps for one version of the model, with the analysis
 * they were worked from (their sentences name its stages and numbers).
 * They come a little after the {@link ComputeResult} of the same model.
 */
export interface FocusResult extends Focus {
  /** The model they were worked from (compare by identity to know if they are current). */
  model: Model;
  analysis: Analysis;
}

/** A row change of one grid. */
export type SheetChange =
  | { sheet: 'funnel'; change: RowChange<Stage> }
  | { sheet: 'assumptions'; change: RowChange<Assumption> };

/** How long, in ms, compute may take before its watchdog acts (see client.ts and handler.ts). */
export const COMPUTE_LIMITS_MS = {
  /** A request unanswered this long is abandoned and the worker restarted. */
  request: 5_000,
  /** In a careful analysis, a formula taking longer than this is refused as too expensive. */
  formula: 1_000,
  /** In a careful analysis, once the formulas took this long together, the rest are not run. */
  formulas: 4_000,
} as const;

/**
 * How to analyse: `slow` formulas the watchdog stopped are refused while
 * their text is the same; `careful` adds the formulas one at a time,
 * announcing each (`evaluating`), after the watchdog stopped a compute;
 * `skipFormulas` evaluates none (a model opened safely).
 */
export interface AnalyzeOptions {
  slow?: SlowCell[];
  careful?: boolean;
  skipFormulas?: boolean;
}

/**
 * Messages to the compute worker. `focus` asks for the five focusing steps
 * of the model of the last `analyze`, which must have succeeded; `plan`
 * works out how to apply a what-if's changes (state/apply/plan.ts).
 */
export type ComputeRequest =
  | ({ id: number; type: 'analyze'; model: Model } & AnalyzeOptions)
  | { id: number; type: 'focus' }
  | { id: number; type: 'plan'; model: Model; changes: CellChange[] }
  | ({ id: number; type: 'restructure'; model: Model } & SheetChange);

/**
 * Messages from the compute worker, one answer for each request, with its
 * id; before it, a careful `analyze` sends `evaluating` for each formula.
 */
export type ComputeResponse =
  | { id: number; type: 'evaluating'; cell: FormulaCell & { text: string } }
  | { id: number; type: 'analyzed'; result: Omit<ComputeResult, 'model'> }
  | { id: number; type: 'focused'; focus: Focus }
  | { id: number; type: 'restructured'; model: Model }
  | { id: number; type: 'planned'; plan: ApplyPlan }
  | { id: number; type: 'failed'; message: string };

export type { SheetName };
