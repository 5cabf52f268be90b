import { analyze, type Analysis } from '../../analysis/analyze';
import { focusOf, growthOf } from '../../analysis/growth';
import { FormulaEngine } from '../../engine/engine';
import type { Assumption, Model, Stage } from '../../model/types';
import type { RowChange } from '../../model/rows';
import { planApply } from '../apply/plan';
import { COMPUTE_LIMITS_MS, type ComputeRequest, type ComputeResponse } from './protocol';

type AnalyzeRequest = Extract<ComputeRequest, { type: 'analyze' }>;
type EvaluatingCell = Extract<ComputeResponse, { type: 'evaluating' }>['cell'];

/** What decides how the engine is built: a new value means a new engine. */
const buildKey = (r: AnalyzeRequest) =>
  JSON.stringify([
    r.skipFormulas === true,
    (r.slow ?? []).map((c) => [c.sheet, c.row, c.col, c.text]),
  ]);

/**
 * Answers compute requests with one long-lived formula engine. Runs inside
 * the Web Worker in the browser, and in-process in tests and the CLI.
 */
export class ComputeHandler {
  #engine: FormulaEngine | null = null;
  /** The analysis of the last `analyze`, for a `focus` after it; null when it failed. */
  #analysis: Analysis | null = null;
  /** The {@link buildKey} of the analysis the engine was built for. */
  #built = buildKey({ id: 0, type: 'analyze', model: null as never });

  /** A new engine when the request asks for another build (careful, other slow cells, formulas off). */
  #engineFor(
    request: AnalyzeRequest,
    progress: (response: ComputeResponse) => void,
  ): FormulaEngine {
    const key = buildKey(request);
    if (this.#engine && !request.careful && key === this.#built) return this.#engine;
    this.#engine?.destroy();
    this.#engine = null;
    this.#built = key;
    const careful = request.careful
      ? {
          onCell: (cell: EvaluatingCell) => progress({ id: request.id, type: 'evaluating', cell }),
          slowMs: COMPUTE_LIMITS_MS.formula,
          budgetMs: COMPUTE_LIMITS_MS.formulas,
        }
      : undefined;
    this.#engine = new FormulaEngine(request.model, {
      ...(request.slow && { slow: request.slow }),
      ...(careful && { careful }),
      skipFormulas: request.skipFormulas === true,
    });
    return this.#engine;
  }

  /**
   * Answers one request; failures come back as `failed`, never as exceptions.
   *
   * @param progress where a careful analysis announces each formula before adding it
   */
  handle(
    request: ComputeRequest,
    progress: (response: ComputeResponse) => void = () => {},
  ): ComputeResponse {
    try {
      if (request.type === 'focus') {
        if (!this.#analysis) throw new Error('No analysis to work the focusing steps from.');
        return { id: request.id, type: 'focused', focus: focusOf(this.#analysis) };
      }
      if (request.type === 'analyze') {
        this.#analysis = null;
        const engine = this.#engineFor(request, progress);
        engine.update(request.model);
        const evaluated = engine.evaluate();
        const analysis = analyze(request.model, evaluated);
        const growth = growthOf(request.model, evaluated, analysis);
        this.#analysis = analysis;
        return { id: request.id, type: 'analyzed', result: { evaluated, analysis, growth } };
      }
      if (!this.#engine) this.#engine = new FormulaEngine(request.model);
      const engine = this.#engine;
      if (request.type === 'plan') {
        const evaluate = (model: Model) => {
          engine.update(model);
          return engine.evaluate();
        };
        return {
          id: request.id,
          type: 'planned',
          plan: planApply(request.model, request.changes, evaluate),
        };
      }
      const model =
        request.sheet === 'funnel'
          ? engine.restructure(request.model, 'funnel', request.change as RowChange<Stage>)
          : engine.restructure(
              request.model,
              'assumptions',
              request.change as RowChange<Assumption>,
            );
      return { id: request.id, type: 'restructured', model };
    } catch (error) {
      // A broken engine state must not stick: the next request rebuilds it
      // (the focusing steps do not use the engine).
      if (request.type !== 'focus') {
        this.#engine?.destroy();
        this.#engine = null;
      }
      return {
        id: request.id,
        type: 'failed',
        message: error instanceof Error ? error.message : String(error),
      };
    }
  }
}
