import type { Analysis } from '../../analysis/analyze';
import type { Growth } from '../../analysis/growth';
import type { EvaluatedModel, SheetName } from '../../engine/types';
import type { RowChange } from '../../model/rows';
import type { Assumption, Model, Stage } from '../../model/types';

/** Everything computed from one version of the model. */
export interface ComputeResult {
  /** The model this was computed from (compare by identity to know if it is current). */
  model: Model;
  evaluated: EvaluatedModel;
  analysis: Analysis;
  /** Push and pull over the horizon, the loop factor, and the five focusing steps. */
  growth: Growth;
}

/** A row change of one grid. */
export type SheetChange =
  | { sheet: 'funnel'; change: RowChange<Stage> }
  | { sheet: 'assumptions'; change: RowChange<Assumption> };

/** Messages to the compute worker. */
export type ComputeRequest =
  | { id: number; type: 'analyze'; model: Model }
  | ({ id: number; type: 'restructure'; model: Model } & SheetChange);

/** Messages from the compute worker. */
export type ComputeResponse =
  | { id: number; type: 'analyzed'; result: Omit<ComputeResult, 'model'> }
  | { id: number; type: 'restructured'; model: Model }
  | { id: number; type: 'failed'; message: string };

export type { SheetName };
