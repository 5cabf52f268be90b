import { createCompute, type Compute } from '../../../src/lib/state/compute/client';
import { ComputeHandler } from '../../../src/lib/state/compute/handler';
import type { ComputeResponse } from '../../../src/lib/state/compute/protocol';

/** The compute worker's handler run in this thread, answering asynchronously like a Worker. */
export function localCompute(): Compute & { requests: number } {
  const handler = new ComputeHandler();
  let listener: ((r: ComputeResponse) => void) | null = null;
  const counter = { requests: 0 };
  const compute = createCompute({
    post: (request) => {
      counter.requests++;
      const response = handler.handle(structuredClone(request));
      setTimeout(() => listener?.(structuredClone(response)), 0);
    },
    onResponse: (l) => {
      listener = l;
    },
    close: () => {
      listener = null;
    },
  });
  return Object.assign(compute, {
    get requests() {
      return counter.requests;
    },
  });
}
