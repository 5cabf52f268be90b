import type { CellChange } from '../../analysis/trial';
import type { Model } from '../../model/types';
import type { ApplyPlan } from '../apply/plan';
import type {
  ComputeRequest,
  ComputeResponse,
  ComputeResult,
  FocusResult,
  SheetChange,
} from './protocol';

/** The two answers to one analysis; each is null when a newer model superseded it first. */
export interface Analyzing {
  /** What the grids and charts show. Rejects when the analysis failed. */
  result: Promise<ComputeResult | null>;
  /**
   * The five focusing steps, asked for once `result` is on screen; null
   * when the analysis failed. Rejects when working the steps failed.
   */
  focus: Promise<FocusResult | null>;
}

/** The formula engine and analysis, wherever they run. */
export interface Compute {
  /**
   * Evaluates and analyses a model, then works its five focusing steps.
   * While one analysis runs, only the latest model asked for is queued:
   * superseded requests answer `null`, and a model already superseded when
   * its result comes skips its focusing steps.
   */
  analyze(model: Model): Analyzing;
  /** Inserts, deletes or moves rows, rewriting formulas that refer to them. @throws Error on failure */
  restructure(model: Model, change: SheetChange): Promise<Model>;
  /**
   * Works out how to apply a what-if's cell changes to a model (state/apply/plan.ts).
   *
   * @throws Error on failure (an EditError's message when the what-if is out of date)
   */
  plan(model: Model, changes: readonly CellChange[]): Promise<ApplyPlan>;
  /** Stops the worker. */
  dispose(): void;
}

/** Something that answers compute requests: a Worker, or a handler in this thread. */
export interface Port {
  post(request: ComputeRequest): void;
  onResponse(listener: (response: ComputeResponse) => void): void;
  close(): void;
}

/** A promise with its settlers, for answers that come later. */
interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** The settlers of one {@link Analyzing}. */
interface Answers {
  result: Deferred<ComputeResult | null>;
  focus: Deferred<FocusResult | null>;
}

const UNEXPECTED = 'Unexpected answer from the formula engine.';

/** A request before it is numbered: each kind of {@link ComputeRequest} without its `id`. */
type Unnumbered<R> = R extends unknown ? Omit<R, 'id'> : never;

/**
 * A {@link Compute} over a port, with latest-wins queueing of analyses.
 *
 * @param shown resolves once a result just handed out is on screen: the
 *   focusing steps are asked for only then, so that working them (most of
 *   the compute time) and showing them do not delay the charts
 */
export function createCompute(
  port: Port,
  shown: () => Promise<void> = () => Promise.resolve(),
): Compute {
  let nextId = 1;
  const waiting = new Map<number, (response: ComputeResponse) => void>();
  port.onResponse((response) => {
    waiting.get(response.id)?.(response);
    waiting.delete(response.id);
  });
  const send = (request: Unnumbered<ComputeRequest>): Promise<ComputeResponse> =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      port.post({ ...request, id } as ComputeRequest);
    });

  let running = false;
  let queued: { model: Model; answers: Answers } | null = null;
  const run = async (model: Model, answers: Answers): Promise<void> => {
    running = true;
    try {
      const analyzed = await send({ type: 'analyze', model });
      if (analyzed.type !== 'analyzed') {
        answers.result.reject(
          new Error(analyzed.type === 'failed' ? analyzed.message : UNEXPECTED),
        );
        answers.focus.resolve(null);
        return;
      }
      const result = { model, ...analyzed.result };
      answers.result.resolve(result);
      if (!queued) await shown();
      if (queued) {
        answers.focus.resolve(null);
        return;
      }
      const focused = await send({ type: 'focus' });
      if (focused.type === 'focused')
        answers.focus.resolve({ model, analysis: result.analysis, ...focused.focus });
      else
        answers.focus.reject(new Error(focused.type === 'failed' ? focused.message : UNEXPECTED));
    } finally {
      running = false;
      const next = queued;
      queued = null;
      if (next) void run(next.model, next.answers);
    }
  };

  return {
    analyze(model) {
      const answers: Answers = { result: deferred(), focus: deferred() };
      if (!running) void run(model, answers);
      else {
        queued?.answers.result.resolve(null);
        queued?.answers.focus.resolve(null);
        queued = { model, answers };
      }
      return { result: answers.result.promise, focus: answers.focus.promise };
    },
    async restructure(model, change) {
      const response = await send({ type: 'restructure', model, ...change });
      if (response.type === 'failed') throw new Error(response.message);
      if (response.type !== 'restructured') throw new Error(UNEXPECTED);
      return response.model;
    },
    async plan(model, changes) {
      const response = await send({ type: 'plan', model, changes: [...changes] });
      if (response.type === 'failed') throw new Error(response.message);
      if (response.type !== 'planned') throw new Error(UNEXPECTED);
      return response.plan;
    },
    dispose() {
      port.close();
    },
  };
}

/**
 * Resolves after the browser has painted its next frame, or after 100 ms
 * at the latest (a hidden tab paints no frames).
 */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const latest = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(latest);
        resolve();
      }, 0),
    );
  });
}

/** The compute worker of the browser app. */
export function createWorkerCompute(): Compute {
  const worker = new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module' });
  return createCompute(
    {
      post: (request) => worker.postMessage(request),
      onResponse: (listener) =>
        worker.addEventListener('message', (e) => listener(e.data as ComputeResponse)),
      close: () => worker.terminate(),
    },
    afterNextPaint,
  );
}
