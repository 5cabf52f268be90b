import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/lib/model/examples';
import type { Model } from '../../../src/lib/model/types';
import { Autosave, type AutosaveStatus } from '../../../src/lib/persistence/autosave';
import type { WriteResult } from '../../../src/lib/persistence/library';
import { ManualClock } from './clock';

const named = (name: string): Model => ({ ...EXAMPLES[0]!.model(), name });

/** The failure each browser gives when storage is full. */
const QUOTA = new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/**
 * A scripted fake store: records writes, answers from a script of outcomes (a thrown
 * error, a conflict, or success), and keeps its own revision.
 */
function harness(script: (Error | 'conflict' | 'missing' | 'ok')[] = []) {
  const clock = new ManualClock();
  const writes: { name: string; base: number }[] = [];
  const statuses: AutosaveStatus[] = [];
  let revision = 1;
  const autosave = new Autosave({
    timers: clock,
    onStatus: (s) => statuses.push(s),
    async save(model, base): Promise<WriteResult> {
      writes.push({ name: model.name, base });
      const outcome = script.shift() ?? 'ok';
      if (outcome instanceof Error) throw outcome;
      const summary = { id: 'm', name: model.name, updatedAt: 0, revision };
      if (outcome === 'conflict')
        return { ok: false, reason: 'conflict', stored: { ...summary, revision: 99 } };
      if (outcome === 'missing') return { ok: false, reason: 'missing' };
      revision = base + 1;
      return { ok: true, summary: { ...summary, revision } };
    },
  });
  return { clock, writes, statuses, autosave, states: () => statuses.map((s) => s.state) };
}

describe('autosave', () => {
  it('writes nothing before the stored model has loaded', async () => {
    const { clock, writes, autosave } = harness();
    autosave.change(named('early'));
    clock.advance(60_000);
    await autosave.flush();
    expect(writes).toEqual([]);
    expect(autosave.status).toEqual({ state: 'waiting' });
    autosave.loaded(1);
    expect(autosave.status).toEqual({ state: 'pending' });
    clock.advance(400);
    await autosave.settled();
    expect(writes).toEqual([{ name: 'early', base: 1 }]);
  });

  it('debounces edits: one write 400 ms after the last', async () => {
    const { clock, writes, autosave, states } = harness();
    autosave.loaded(1);
    for (const name of ['a', 'ab', 'abc']) {
      autosave.change(named(name));
      clock.advance(399);
    }
    expect(writes).toEqual([]);
    clock.advance(1);
    await autosave.settled();
    expect(writes).toEqual([{ name: 'abc', base: 1 }]);
    expect(autosave.status).toEqual({ state: 'saved', revision: 2 });
    expect(states()).toEqual(['saved', 'pending', 'pending', 'pending', 'saving', 'saved']);
  });

  it('flushes at once, starting the write synchronously', async () => {
    const { writes, autosave, clock } = harness();
    autosave.loaded(4);
    autosave.change(named('hidden'));
    const flushed = autosave.flush();
    expect(writes).toEqual([{ name: 'hidden', base: 4 }]);
    await flushed;
    expect(autosave.status).toEqual({ state: 'saved', revision: 5 });
    expect(autosave.dirty).toBe(false);
    expect(clock.pending).toBe(0);
    await autosave.flush();
    expect(writes).toHaveLength(1);
  });

  it('writes an edit made during a write once that write is done, on the new revision', async () => {
    const { clock, writes, autosave } = harness();
    autosave.loaded(1);
    autosave.change(named('first'));
    clock.advance(400);
    autosave.change(named('second'));
    expect(autosave.status.state).toBe('saving');
    await autosave.settled();
    expect(autosave.status).toEqual({ state: 'pending' });
    clock.advance(400);
    await autosave.settled();
    expect(writes).toEqual([
      { name: 'first', base: 1 },
      { name: 'second', base: 2 },
    ]);
    expect(autosave.status).toEqual({ state: 'saved', revision: 3 });
  });

  it('retries a failed write with backoff and reports it', async () => {
    const failure = new Error('disk I/O error');
    const { clock, writes, autosave } = harness([failure, failure, failure]);
    autosave.loaded(1);
    autosave.change(named('x'));
    await autosave.flush();
    expect(autosave.status).toMatchObject({
      state: 'retrying',
      quota: false,
      attempt: 1,
      retryInMs: 1000,
    });
    expect((autosave.status as { message: string }).message).toMatch(
      /disk I\/O error.*kept in this tab.*1 s/,
    );
    clock.advance(999);
    expect(writes).toHaveLength(1);
    clock.advance(1);
    await autosave.settled();
    expect(autosave.status).toMatchObject({ state: 'retrying', attempt: 2, retryInMs: 2000 });
    clock.advance(2000);
    await autosave.settled();
    expect(autosave.status).toMatchObject({ state: 'error', attempt: 3, retryInMs: 5000 });
    expect((autosave.status as { message: string }).message).toMatch(/export the model/);
    clock.advance(5000);
    await autosave.settled();
    expect(writes).toHaveLength(4);
    expect(autosave.status).toEqual({ state: 'saved', revision: 2 });
  });

  it('keeps the newest edit when a write fails, and keeps the error showing while edits go on', async () => {
    const { clock, writes, autosave } = harness([QUOTA, QUOTA]);
    autosave.loaded(1);
    autosave.change(named('old'));
    clock.advance(400);
    autosave.change(named('new'));
    await autosave.settled();
    expect(autosave.status).toMatchObject({ state: 'error', quota: true });
    autosave.change(named('newer'));
    expect(autosave.status).toMatchObject({ state: 'error', quota: true });
    clock.advance(400);
    await autosave.settled();
    clock.advance(2000);
    await autosave.settled();
    expect(writes.map((w) => w.name)).toEqual(['old', 'newer', 'newer']);
    expect(autosave.status).toEqual({ state: 'saved', revision: 2 });
  });

  it.each([
    ['QuotaExceededError', new DOMException('x', 'QuotaExceededError')],
    [
      "Firefox's NS_ERROR_DOM_QUOTA_REACHED",
      Object.assign(new Error('x'), { name: 'NS_ERROR_DOM_QUOTA_REACHED' }),
    ],
    ['legacy code 22', Object.assign(new Error('x'), { code: 22 })],
    ['legacy code 1014', Object.assign(new Error('x'), { code: 1014 })],
    ['"quota" in the message', new Error('Transaction aborted: Quota limit reached')],
    [
      'an AbortError caused by the quota',
      Object.assign(new Error('aborted'), { name: 'AbortError', cause: QUOTA }),
    ],
  ])('reports a full disk at once: %s', async (_, quotaError) => {
    const { autosave } = harness([quotaError]);
    autosave.loaded(1);
    autosave.change(named('x'));
    await autosave.flush();
    expect(autosave.status).toMatchObject({ state: 'error', quota: true, attempt: 1 });
    expect((autosave.status as { message: string }).message).toMatch(
      /Storage is full.*kept in this tab.*export/,
    );
  });

  it('stops on a conflict without overwriting, and writes again when the user keeps their version', async () => {
    const { clock, writes, autosave } = harness(['conflict']);
    autosave.loaded(1);
    autosave.change(named('mine'));
    await autosave.flush();
    expect(autosave.status).toMatchObject({
      state: 'conflict',
      reason: 'newer',
      storedRevision: 99,
    });
    autosave.change(named('mine 2'));
    clock.advance(60_000);
    await autosave.flush();
    expect(writes).toHaveLength(1);
    expect(autosave.dirty).toBe(true);
    autosave.loaded(99);
    clock.advance(400);
    await autosave.settled();
    expect(writes.at(-1)).toEqual({ name: 'mine 2', base: 99 });
    expect(autosave.status).toEqual({ state: 'saved', revision: 100 });
  });

  it('stops when the model was deleted elsewhere; discard drops unwritten edits', async () => {
    const { clock, writes, autosave } = harness(['missing']);
    autosave.loaded(1);
    autosave.change(named('mine'));
    await autosave.flush();
    expect(autosave.status).toMatchObject({ state: 'conflict', reason: 'deleted' });
    autosave.discard();
    autosave.loaded(5);
    clock.advance(60_000);
    await autosave.flush();
    expect(writes).toHaveLength(1);
    expect(autosave.status).toEqual({ state: 'saved', revision: 5 });
  });

  it('does nothing after dispose', async () => {
    const { clock, writes, autosave } = harness();
    autosave.loaded(1);
    autosave.change(named('x'));
    autosave.dispose();
    autosave.change(named('y'));
    clock.advance(60_000);
    await autosave.flush();
    expect(writes).toEqual([]);
    expect(clock.pending).toBe(0);
  });
});
