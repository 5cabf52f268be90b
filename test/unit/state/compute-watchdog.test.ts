import { describe, expect, it } from 'vitest';
import { setFunnelCell } from '../../../src/lib/model/cell-edits';
import { EXAMPLES } from '../../../src/lib/model/examples';
import type { Model } from '../../../src/lib/model/types';
import { createCompute, type Port } from '../../../src/lib/state/compute/client';
import { ComputeHandler } from '../../../src/lib/state/compute/handler';
import type { ComputeRequest, ComputeResponse } from '../../../src/lib/state/compute/protocol';
import { MARK_KEY, storageMark } from '../../../src/lib/state/compute/unfinished';
import { RESTARTED } from '../../../src/lib/state/compute/watchdog';

// Issue 9 item 22: a formula that keeps the worker busy must not freeze
// compute for good. The worker here is fake only in that it hangs: it runs
// the real handler, but meeting the formula SLOW (unless told it is slow)
// it stays busy for good, answering nothing more.
const SLOW = '=1500+0*ROWS(C2:C3)';
const LIMIT_MS = 1_000;

const reference = () => EXAMPLES.find((e) => e.id === 'reference')!.model();
/** The reference chain with Contact's capacity (E3) the slow formula. */
const slowModel = () => setFunnelCell(reference(), 1, 'capacity', SLOW);

/** Opens fake workers: each runs the real handler, and hangs on SLOW. */
function hangingWorkers() {
  const log = { opened: 0, closed: 0, careful: 0 };
  const connect = (): Port => {
    log.opened++;
    const handler = new ComputeHandler();
    let listener: (r: ComputeResponse) => void = () => {};
    let closed = false;
    let busy = false;
    const deliver = (r: ComputeResponse) =>
      setTimeout(() => closed || busy || listener(structuredClone(r)), 0);
    return {
      post(request: ComputeRequest) {
        if (busy) return;
        if (request.type === 'analyze' && request.careful) log.careful++;
        const known = request.type === 'analyze' && request.slow?.some((c) => c.text === SLOW);
        const formulas = request.type === 'analyze' ? JSON.stringify(request.model) : '';
        if (request.type === 'analyze' && !request.careful && !known && formulas.includes(SLOW)) {
          busy = true;
          return;
        }
        const response = handler.handle(structuredClone(request), (progress) => {
          if (busy) return;
          if (progress.type === 'evaluating' && progress.cell.text === SLOW) {
            listener(structuredClone(progress));
            busy = true;
          } else deliver(progress);
        });
        deliver(response);
      },
      onResponse: (l) => {
        listener = l;
      },
      close: () => {
        closed = true;
        log.closed++;
      },
    };
  };
  return { connect, log };
}

const capacityOf = (result: { evaluated: { stages: { capacity: unknown }[] } } | null, i: number) =>
  result?.evaluated.stages[i]?.capacity;

describe('compute watchdog: a hanging formula is stopped, the worker restarted, the cell marked', () => {
  it('marks the formula it hung on "too expensive to compute" and computes the rest', async () => {
    const { connect, log } = hangingWorkers();
    const compute = createCompute(connect, { limitMs: LIMIT_MS });
    const result = await compute.analyze(slowModel()).result;
    expect(capacityOf(result, 1)).toEqual({
      kind: 'error',
      error: {
        code: '#ERROR!',
        explanation: expect.stringMatching(/^Too expensive to compute: it was stopped after 1 s/),
      },
    });
    expect(capacityOf(result, 0)).toEqual({ kind: 'number', value: 2500 });
    // Stopped once plainly, once carefully (on SLOW itself): two restarts;
    // the second careful try, told SLOW is slow, answers.
    expect(log).toEqual({ opened: 3, closed: 2, careful: 2 });
    compute.dispose();
  });

  it('remembers the formula: the next edit does not wait for the watchdog again', async () => {
    const { connect, log } = hangingWorkers();
    const compute = createCompute(connect, { limitMs: LIMIT_MS });
    await compute.analyze(slowModel()).result;
    const edited = setFunnelCell(slowModel(), 0, 'capacity', '2000');
    const result = await compute.analyze(edited).result;
    expect(capacityOf(result, 0)).toEqual({ kind: 'number', value: 2000 });
    expect(capacityOf(result, 1)).toMatchObject({ kind: 'error' });
    expect(log.opened).toBe(3);
    compute.dispose();
  });

  it('runs a model asked for meanwhile (switching models) once the hanging one is stopped', async () => {
    const { connect, log } = hangingWorkers();
    const compute = createCompute(connect, { limitMs: LIMIT_MS });
    const first = compute.analyze(slowModel());
    const other: Model = { ...reference(), name: 'Another model' };
    const second = compute.analyze(other);
    expect(await first.result).toBeNull();
    expect((await second.result)?.model).toBe(other);
    expect(log.careful).toBe(0);
    compute.dispose();
  });

  it('fails a row change caught in flight by the restart, saying so', async () => {
    const { connect } = hangingWorkers();
    const compute = createCompute(connect, { limitMs: LIMIT_MS });
    const analyzing = compute.analyze(slowModel());
    const change = compute.restructure(slowModel(), {
      sheet: 'funnel',
      change: { kind: 'delete', at: 4, count: 1 },
    });
    await expect(change).rejects.toThrow(RESTARTED);
    await analyzing.result;
    compute.dispose();
  });
});

describe('the unfinished-compute mark (open safely next time)', () => {
  it('is set while an analysis runs long, and cleared once it ends', async () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    };
    const { connect } = hangingWorkers();
    const compute = createCompute(connect, {
      limitMs: LIMIT_MS,
      mark: storageMark(storage),
      markAfterMs: 50,
    });
    const model = slowModel();
    const { result } = compute.analyze(model);
    await new Promise((resolve) => setTimeout(resolve, 150));
    // A new start now (the tab died) would find the mark: this model, and only it.
    expect(store.has(MARK_KEY)).toBe(true);
    const nextStart = storageMark(storage);
    expect(nextStart.matches(structuredClone(model))).toBe(true);
    expect(nextStart.matches(reference())).toBe(false);
    await result;
    expect(store.has(MARK_KEY)).toBe(false);
    expect(compute.stoppedLastTime(model)).toBe(false);
    compute.dispose();
  });
});
