import type { Model } from '../../model/types';
import type { ComputeRequest, ComputeResponse, ComputeResult, SheetChange } from './protocol';

/** The formula engine and analysis, wherever they run. */
export interface Compute {
  /**
   * Evaluates and analyses a model. While one analysis runs, only the latest
   * model asked for is queued: superseded requests resolve with `null`.
   */
  analyze(model: Model): Promise<ComputeResult | null>;
  /** Inserts, deletes or moves rows, rewriting formulas that refer to them. @throws Error on failure */
  restructure(model: Model, change: SheetChange): Promise<Model>;
  /** Stops the worker. */
  dispose(): void;
}

/** Something that answers compute requests: a Worker, or a handler in this thread. */
export interface Port {
  post(request: ComputeRequest): void;
  onResponse(listener: (response: ComputeResponse) => void): void;
  close(): void;
}

/** A {@link Compute} over a port, with latest-wins queueing of analyses. */
export function createCompute(port: Port): Compute {
  let nextId = 1;
  const waiting = new Map<number, (response: ComputeResponse) => void>();
  port.onResponse((response) => {
    waiting.get(response.id)?.(response);
    waiting.delete(response.id);
  });
  const send = (request: Omit<ComputeRequest, 'id'>): Promise<ComputeResponse> =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      port.post({ ...request, id } as ComputeRequest);
    });

  let running = false;
  let queued: { model: Model; resolve: (r: ComputeResult | null) => void } | null = null;
  const run = async (model: Model): Promise<ComputeResult | null> => {
    running = true;
    const response = await send({ type: 'analyze', model });
    running = false;
    if (queued) {
      const next = queued;
      queued = null;
      void run(next.model).then(next.resolve);
    }
    if (response.type === 'failed') throw new Error(response.message);
    if (response.type !== 'analyzed') return null;
    return { model, ...response.result };
  };

  return {
    analyze(model) {
      if (!running) return run(model);
      queued?.resolve(null);
      return new Promise((resolve) => {
        queued = { model, resolve };
      });
    },
    async restructure(model, change) {
      const response = await send({ type: 'restructure', model, ...change });
      if (response.type === 'failed') throw new Error(response.message);
      if (response.type !== 'restructured')
        throw new Error('Unexpected answer from the formula engine.');
      return response.model;
    },
    dispose() {
      port.close();
    },
  };
}

/** The compute worker of the browser app. */
export function createWorkerCompute(): Compute {
  const worker = new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module' });
  return createCompute({
    post: (request) => worker.postMessage(request),
    onResponse: (listener) =>
      worker.addEventListener('message', (e) => listener(e.data as ComputeResponse)),
    close: () => worker.terminate(),
  });
}
