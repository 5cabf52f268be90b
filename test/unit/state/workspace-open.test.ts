import { describe, expect, it, vi } from 'vitest';
import { setFunnelCell } from '../../../src/lib/model/cell-edits';
import { EXAMPLES } from '../../../src/lib/model/examples';
import { createCompute } from '../../../src/lib/state/compute/client';
import { ComputeHandler } from '../../../src/lib/state/compute/handler';
import type { ComputeRequest, ComputeResponse } from '../../../src/lib/state/compute/protocol';
import { fingerprint, MARK_KEY, storageMark } from '../../../src/lib/state/compute/unfinished';
import { Workspace } from '../../../src/lib/state/workspace.svelte';

// Issue 9 items 22 and 24: what the workspace shows while the open model's
// analysis is pending or failed, and a model that stopped the app last time.

const example = (id: string) => EXAMPLES.find((e) => e.id === id)!.model();
/** A busy machine may take seconds to analyse; vi.waitFor gives up after 1 s by default. */
const WAIT = { timeout: 10_000 };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A port the test answers by hand, oldest request first (or fails). */
function manualPort() {
  const handler = new ComputeHandler();
  const asked: ComputeRequest[] = [];
  let listener: (r: ComputeResponse) => void = () => {};
  return {
    answer(failure?: string) {
      const request = asked.shift();
      if (!request) throw new Error('nothing to answer');
      listener(
        failure
          ? { id: request.id, type: 'failed', message: failure }
          : structuredClone(handler.handle(structuredClone(request))),
      );
    },
    port: {
      post: (r: ComputeRequest) => void asked.push(r),
      onResponse: (l: (r: ComputeResponse) => void) => {
        listener = l;
      },
      close: () => {},
    },
  };
}

describe('never another model’s numbers as the open model’s', () => {
  it('drops the placeholder’s late result when the stored model opens, and keeps none when it fails', async () => {
    const { port, answer } = manualPort();
    const placeholder = example('reference');
    const w = new Workspace(createCompute(port), placeholder);
    const stored = { ...setFunnelCell(example('reference'), 1, 'capacity', '900'), name: 'Mine' };
    w.open(stored);
    answer(); // the placeholder's analysis comes back late
    await settle();
    expect(w.result).toBeNull();
    answer('Maximum call stack size exceeded');
    await settle();
    expect(w.result).toBeNull();
    expect(w.computeError).toBe('Maximum call stack size exceeded');
  });

  it('clears the last model’s result on opening another, while its own is pending', async () => {
    const { port, answer } = manualPort();
    const w = new Workspace(createCompute(port), example('reference'));
    answer();
    await vi.waitFor(() => expect(w.result).not.toBeNull(), WAIT);
    answer(); // its focusing steps
    w.open({ ...example('reference'), name: 'Another' });
    expect(w.result).toBeNull();
    expect(w.focus).toBeNull();
  });
});

describe('a model whose compute never ended opens safely', () => {
  const model = () => setFunnelCell(example('reference'), 1, 'capacity', '=1500*1');

  const store = new Map<string, string>();
  function marked() {
    store.set(MARK_KEY, fingerprint(model()));
    return storageMark({
      getItem: (k) => store.get(k) ?? null,
      setItem: (k, v) => void store.set(k, v),
      removeItem: (k) => void store.delete(k),
    });
  }

  it('shows its cells without running a formula, then computes them on "open normally"', async () => {
    const handler = new ComputeHandler();
    let listener: (r: ComputeResponse) => void = () => {};
    const compute = createCompute(
      {
        post: (r) => setTimeout(() => listener(structuredClone(handler.handle(r))), 0),
        onResponse: (l) => {
          listener = l;
        },
        close: () => {},
      },
      { mark: marked() },
    );
    const w = new Workspace(compute, example('reference'));
    w.open(model());
    expect(w.openedSafely).toBe(true);
    await vi.waitFor(() => expect(w.pending).toBe(false), WAIT);
    const stages = w.result!.evaluated.stages;
    expect(stages[0]?.capacity).toEqual({ kind: 'number', value: 2500 });
    expect(stages[1]?.capacity).toMatchObject({
      kind: 'error',
      error: { explanation: expect.stringMatching(/^Not computed: this model stopped the app/) },
    });
    // Rows cannot move while no formula is in the engine (their references would not follow).
    const rows = { sheet: 'funnel', change: { kind: 'delete', at: 4, count: 1 } } as const;
    expect(await w.restructure(rows)).toBe(false);
    expect(w.notice?.text).toMatch(/^Open normally first/);
    expect(w.model.stages).toHaveLength(5);
    w.openNormally();
    expect(w.openedSafely).toBe(false);
    expect(store.has(MARK_KEY)).toBe(true);
    await vi.waitFor(
      () =>
        expect(w.result?.evaluated.stages[1]?.capacity).toEqual({ kind: 'number', value: 1500 }),
      WAIT,
    );
    // Its formulas ran to the end: the next start opens it normally.
    expect(store.has(MARK_KEY)).toBe(false);
  });
});
