import { describe, expect, it } from 'vitest';
import { focusOf } from '../../../src/lib/analysis/growth';
import { setFunnelCell } from '../../../src/lib/model/cell-edits';
import { EXAMPLES } from '../../../src/lib/model/examples';
import type { Model } from '../../../src/lib/model/types';
import { createCompute } from '../../../src/lib/state/compute/client';
import { ComputeHandler } from '../../../src/lib/state/compute/handler';
import type { ComputeRequest, ComputeResponse } from '../../../src/lib/state/compute/protocol';

const reference = () => EXAMPLES.find((e) => e.id === 'reference')!.model();
const withCapacity = (capacity: string) => setFunnelCell(reference(), 1, 'capacity', capacity);

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A port answered by the real handler, but only when the test says so:
 * `answer()` answers the oldest request not yet answered, or fails it.
 */
function manualPort() {
  const handler = new ComputeHandler();
  const asked: ComputeRequest[] = [];
  let next = 0;
  let listener: (response: ComputeResponse) => void = () => {};
  return {
    asked,
    /** What was asked so far, as `type` or `type:capacity of stage 2`. */
    log: () =>
      asked.map((r) => (r.type === 'analyze' ? `analyze:${r.model.stages[1]?.capacity}` : r.type)),
    answer(failure?: string) {
      const request = asked[next++];
      if (!request) throw new Error('nothing to answer');
      const response: ComputeResponse = failure
        ? { id: request.id, type: 'failed', message: failure }
        : handler.handle(structuredClone(request));
      listener(structuredClone(response));
    },
    port: {
      post: (request: ComputeRequest) => void asked.push(request),
      onResponse: (l: (response: ComputeResponse) => void) => {
        listener = l;
      },
      close: () => {},
    },
  };
}

/** A `shown` the test releases by hand. */
function manualShown() {
  const waiting: (() => void)[] = [];
  return {
    shown: () => new Promise<void>((resolve) => void waiting.push(resolve)),
    release: () => waiting.splice(0).forEach((resolve) => resolve()),
    get count() {
      return waiting.length;
    },
  };
}

describe('compute client: the numbers first, the focusing steps once they are shown', () => {
  it('asks for the focusing steps only after the result is on screen, and pairs them with it', async () => {
    const { port, log, answer } = manualPort();
    const paint = manualShown();
    const compute = createCompute(port, { shown: paint.shown });
    const model = reference();
    const { result, focus } = compute.analyze(model);
    let focused: unknown = 'not yet';
    void focus.then((f) => (focused = f));

    answer();
    const r = await result;
    expect(r?.model).toBe(model);
    await settle();
    expect(log()).toEqual(['analyze:1500']);
    expect(paint.count).toBe(1);
    expect(focused).toBe('not yet');

    paint.release();
    await settle();
    expect(log()).toEqual(['analyze:1500', 'focus']);
    answer();
    const f = await focus;
    expect(f?.model).toBe(model);
    expect(f?.analysis).toBe(r?.analysis);
    expect({ focusing: f?.focusing, elevateChanges: f?.elevateChanges }).toEqual(
      focusOf(r!.analysis),
    );
  });

  it('analyses only the latest of several quick models, and skips the superseded steps', async () => {
    const { port, log, answer } = manualPort();
    const paint = manualShown();
    const compute = createCompute(port, { shown: paint.shown });
    const first = compute.analyze(withCapacity('1600'));
    const second = compute.analyze(withCapacity('1700'));
    const third = compute.analyze(withCapacity('1800'));
    expect(await second.result).toBeNull();
    expect(await second.focus).toBeNull();

    answer();
    expect((await first.result)?.model.stages[1]?.capacity).toBe('1600');
    // A newer model waits: no focusing steps for the first, no wait for the screen.
    expect(await first.focus).toBeNull();
    await settle();
    expect(paint.count).toBe(0);
    expect(log()).toEqual(['analyze:1600', 'analyze:1800']);

    answer();
    expect((await third.result)?.model.stages[1]?.capacity).toBe('1800');
    await settle();
    paint.release();
    await settle();
    answer();
    expect((await third.focus)?.model.stages[1]?.capacity).toBe('1800');
    expect(log()).toEqual(['analyze:1600', 'analyze:1800', 'focus']);
  });

  it('drops the focusing steps of a model superseded while its result was being shown', async () => {
    const { port, log, answer } = manualPort();
    const paint = manualShown();
    const compute = createCompute(port, { shown: paint.shown });
    const first = compute.analyze(withCapacity('1600'));
    answer();
    await first.result;
    await settle();
    const second = compute.analyze(withCapacity('1700'));
    paint.release();
    expect(await first.focus).toBeNull();
    await settle();
    expect(log()).toEqual(['analyze:1600', 'analyze:1700']);
    answer();
    expect((await second.result)?.model.stages[1]?.capacity).toBe('1700');
  });

  it('rejects a failed analysis without asking for its steps, and goes on with the next model', async () => {
    const { port, log, answer } = manualPort();
    const compute = createCompute(port);
    const failing = compute.analyze(withCapacity('1600'));
    const next = compute.analyze(withCapacity('1700'));
    answer('engine broke');
    await expect(failing.result).rejects.toThrow('engine broke');
    expect(await failing.focus).toBeNull();
    await settle();
    answer();
    expect((await next.result)?.model.stages[1]?.capacity).toBe('1700');
    await settle();
    answer('steps broke');
    await expect(next.focus).rejects.toThrow('steps broke');
    expect(log()).toEqual(['analyze:1600', 'analyze:1700', 'focus']);
  });
});

describe('compute handler: the focusing steps of the last analysis', () => {
  it('fails a focus request with no analysis before it, or after a failed one', () => {
    const handler = new ComputeHandler();
    expect(handler.handle({ id: 1, type: 'focus' })).toMatchObject({ id: 1, type: 'failed' });
    const good: Model = reference();
    expect(handler.handle({ id: 2, type: 'analyze', model: good }).type).toBe('analyzed');
    expect(handler.handle({ id: 3, type: 'focus' }).type).toBe('focused');
    const broken = { ...good, horizon: -1 };
    expect(handler.handle({ id: 4, type: 'analyze', model: broken }).type).toBe('failed');
    expect(handler.handle({ id: 5, type: 'focus' })).toMatchObject({ id: 5, type: 'failed' });
  });
});
