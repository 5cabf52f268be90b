import type { CellChange } from '../../analysis/trial';
import type { Model } from '../../model/types';
import type { ApplyPlan } from '../apply/plan';
import type { SlowCell } from '../../engine/types';
import {
  COMPUTE_LIMITS_MS,
  type ComputeRequest,
  type ComputeResponse,
  type ComputeResult,
  type FocusResult,
  type SheetChange,
} from './protocol';
import { noMark, storageMark, type UnfinishedMark } from './unfinished';
import { watchedSender, type Stopped } from './watchdog';

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
   * its result comes skips its focusing steps. An analysis the watchdog
   * stops is run again carefully, formula by formula, and the formulas that
   * hang are marked "too expensive to compute" in the result.
   *
   * @param options.skipFormulas evaluate no formula (a model opened safely)
   */
  analyze(model: Model, options?: { skipFormulas?: boolean }): Analyzing;
  /** True when `model`'s compute was still running when the app last stopped (open it safely). */
  stoppedLastTime(model: Model): boolean;
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
const messageOf = (response: ComputeResponse | Stopped, what: string): string =>
  response.type === 'failed'
    ? response.message
    : response.type === 'stopped'
      ? `${what} took longer than ${response.seconds} s and was stopped.`
      : UNEXPECTED;

/** What {@link createCompute} may be given besides its port. */
export interface ComputeOptions {
  /**
   * Resolves once a result just handed out is on screen: the focusing steps
   * are asked for only then, so that working them (most of the compute
   * time) and showing them do not delay the charts.
   */
  shown?: () => Promise<void>;
  /** The watchdog's limit for one request, in ms (COMPUTE_LIMITS_MS.request by default). */
  limitMs?: number;
  /** Where an analysis running longer than `markAfterMs` is remembered until it ends. */
  mark?: UnfinishedMark;
  /** How long, in ms, an analysis runs before it is marked (1 s by default). */
  markAfterMs?: number;
}

/**
 * A {@link Compute} over a port, with latest-wins queueing of analyses and
 * a watchdog. Given `connect` (a function opening a port), a request left
 * unanswered past the limit is abandoned and the port reopened; a plain
 * port cannot be reopened, so it is never stopped.
 *
 * @param port the compute worker as a port, or a function opening a new one (restartable)
 * @param options when results are shown, the watchdog's limit and the unfinished-compute mark
 */
export function createCompute(port: Port | (() => Port), options: ComputeOptions = {}): Compute {
  const {
    shown = () => Promise.resolve(),
    limitMs = COMPUTE_LIMITS_MS.request,
    mark = noMark,
    markAfterMs = 1_000,
  } = options;
  const sender =
    typeof port === 'function'
      ? watchedSender(port, limitMs)
      : watchedSender(() => port, Number.POSITIVE_INFINITY);
  const send = sender.send;
  /** Formulas the watchdog stopped: refused while their text is the same (protocol AnalyzeOptions). */
  const slow: SlowCell[] = [];

  /** Analyses `model`; when stopped, again carefully, each time refusing the formula it hung on. */
  const analyzeWatched = async (
    model: Model,
    skipFormulas: boolean,
  ): Promise<ComputeResponse | Stopped | null> => {
    const marking = skipFormulas ? undefined : setTimeout(() => mark.set(model), markAfterMs);
    try {
      for (let careful = false; ; careful = true) {
        const response = await send({
          type: 'analyze',
          model,
          slow: [...slow],
          careful,
          skipFormulas,
        });
        if (response.type !== 'stopped') return response;
        // Superseded meanwhile: the newer model runs next on the new worker.
        if (queued) return null;
        if (careful) {
          if (!response.last) return response;
          slow.push({ ...response.last, seconds: response.seconds });
        }
      }
    } finally {
      clearTimeout(marking);
      // Opened safely, the mark stays until its formulas have run once.
      if (!skipFormulas) mark.clear(model);
    }
  };

  let running = false;
  let queued: { model: Model; skipFormulas: boolean; answers: Answers } | null = null;
  const run = async (model: Model, skipFormulas: boolean, answers: Answers): Promise<void> => {
    running = true;
    try {
      const analyzed = await analyzeWatched(model, skipFormulas);
      if (analyzed === null) {
        answers.result.resolve(null);
        answers.focus.resolve(null);
        return;
      }
      if (analyzed.type !== 'analyzed') {
        answers.result.reject(new Error(messageOf(analyzed, 'Computing the formulas')));
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
      else answers.focus.reject(new Error(messageOf(focused, 'Working the focusing steps')));
    } finally {
      running = false;
      const next = queued;
      queued = null;
      if (next) void run(next.model, next.skipFormulas, next.answers);
    }
  };

  return {
    analyze(model, options = {}) {
      const skipFormulas = options.skipFormulas === true;
      const answers: Answers = { result: deferred(), focus: deferred() };
      if (!running) void run(model, skipFormulas, answers);
      else {
        queued?.answers.result.resolve(null);
        queued?.answers.focus.resolve(null);
        queued = { model, skipFormulas, answers };
      }
      return { result: answers.result.promise, focus: answers.focus.promise };
    },
    stoppedLastTime: (model) => mark.matches(model),
    async restructure(model, change) {
      const response = await send({ type: 'restructure', model, ...change });
      if (response.type === 'restructured') return response.model;
      throw new Error(messageOf(response, 'The row change'));
    },
    async plan(model, changes) {
      const response = await send({ type: 'plan', model, changes: [...changes] });
      if (response.type === 'planned') return response.plan;
      throw new Error(messageOf(response, 'Working out the change'));
    },
    dispose() {
      sender.close();
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

/** A new compute worker, as a port. */
function workerPort(): Port {
  const worker = new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module' });
  return {
    post: (request) => worker.postMessage(request),
    onResponse: (listener) =>
      worker.addEventListener('message', (e) => listener(e.data as ComputeResponse)),
    close: () => worker.terminate(),
  };
}

/**
 * The compute worker of the browser app, restarted by the watchdog, with a
 * long analysis remembered in localStorage until it ends (open it safely
 * next time if the app stopped meanwhile).
 */
export function createWorkerCompute(): Compute {
  return createCompute(workerPort, {
    shown: afterNextPaint,
    mark: storageMark(typeof localStorage === 'undefined' ? null : localStorage),
  });
}
