/// <reference lib="webworker" />
import { ComputeHandler } from './handler';
import type { ComputeRequest } from './protocol';

// The formula engine (HyperFormula, ~170 KB gzip) and the analysis run here,
// off the main thread and after first paint.
const handler = new ComputeHandler();
self.onmessage = (event: MessageEvent<ComputeRequest>) => {
  self.postMessage(handler.handle(event.data));
};
