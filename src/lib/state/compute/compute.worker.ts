/// <reference lib="webworker" />
import { ComputeHandler } from './handler';
import type { ComputeRequest } from './protocol';

// The formula engine (HyperFormula, ~170 KB gzip) and the analysis run here,
// off the main thread and after first paint. A careful analysis announces
// each formula as it adds it, so the watchdog knows which one hangs.
const handler = new ComputeHandler();
self.onmessage = (event: MessageEvent<ComputeRequest>) => {
  self.postMessage(handler.handle(event.data, (progress) => self.postMessage(progress)));
};
