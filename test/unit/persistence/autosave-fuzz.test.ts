import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/lib/model/examples';
import type { Model } from '../../../src/lib/model/types';
import { Autosave } from '../../../src/lib/persistence/autosave';
import type { Library } from '../../../src/lib/persistence/library';
import { ManualClock } from './clock';
import { freshIndexedDB, library } from './setup';

/* A seeded random run of a tab's life — edits, time passing, failing writes,
   flushes, reloads with and without a flush (a crash) — against the real
   library on fake-indexeddb. After every step the stored model is the last
   one the store acknowledged, and whenever autosave says "saved" it is the
   model on screen. Add a failing seed's steps as a case below if one turns up. */

const SEED = 7_041_2026;

type Step =
  | { kind: 'edit'; value: number }
  /** An edit typed while a write is in flight. */
  | { kind: 'race'; value: number }
  | { kind: 'wait'; ms: number }
  | { kind: 'fail'; count: number; quota: boolean }
  | { kind: 'flush' }
  | { kind: 'reload'; flushFirst: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.integer({ min: 0, max: 1e6 }).map((value) => ({ kind: 'edit' as const, value })),
  },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(100, 399, 400, 1000, 5000, 40_000)
      .map((ms) => ({ kind: 'wait' as const, ms })),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('fail' as const),
      count: fc.integer({ min: 1, max: 4 }),
      quota: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.integer({ min: 0, max: 1e6 }).map((value) => ({ kind: 'race' as const, value })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'flush' as const }) },
  {
    weight: 1,
    arbitrary: fc.boolean().map((flushFirst) => ({ kind: 'reload' as const, flushFirst })),
  },
);

/** An edit: the model's name and first stage's arrivals change. */
const edited = (model: Model, value: number): Model => ({
  ...model,
  name: `Plan ${value}`,
  stages: model.stages.map((s, i) => (i === 0 ? { ...s, arrivals: String(value) } : s)),
});

/** One tab: a library connection, its autosave, the model on screen. */
class Tab {
  readonly clock = new ManualClock();
  failuresLeft = 0;
  quota = false;
  acknowledged: Model;
  current: Model;
  autosave!: Autosave;

  private constructor(
    readonly lib: Library,
    readonly id: string,
    model: Model,
    revision: number,
  ) {
    this.acknowledged = model;
    this.current = model;
    this.start(revision);
  }

  static async open(id: string | null): Promise<Tab> {
    const lib = await library();
    if (id === null) {
      const model = EXAMPLES[0]!.model();
      const { id: newId, revision } = await lib.create(model);
      return new Tab(lib, newId, model, revision);
    }
    const loaded = await lib.get(id);
    if (!loaded.ok) throw new Error(`stored model did not load: ${loaded.reason}`);
    return new Tab(lib, id, loaded.model, loaded.summary.revision);
  }

  private start(revision: number): void {
    this.autosave = new Autosave({
      timers: this.clock,
      save: async (model, base) => {
        if (this.failuresLeft > 0) {
          this.failuresLeft--;
          throw this.quota
            ? new DOMException('The quota has been exceeded.', 'QuotaExceededError')
            : new Error('UnknownError: disk I/O');
        }
        const result = await this.lib.save(this.id, model, base);
        if (result.ok) this.acknowledged = model;
        return result;
      },
    });
    this.autosave.loaded(revision);
  }

  async stored(): Promise<Model> {
    const loaded = await this.lib.get(this.id);
    if (!loaded.ok) throw new Error(`stored model did not load: ${loaded.reason}`);
    return loaded.model;
  }

  /** Closes the tab (after a flush, or as a crash would) and opens it again. */
  async reload(flushFirst: boolean): Promise<Tab> {
    if (flushFirst) await this.autosave.flush();
    await this.autosave.settled(); // a committed transaction outlives the tab; an unstarted one is lost
    this.autosave.dispose();
    this.lib.close();
    const next = await Tab.open(this.id);
    next.acknowledged = this.acknowledged;
    return next;
  }
}

async function run(steps: Step[]): Promise<void> {
  freshIndexedDB();
  let tab = await Tab.open(null);
  for (const s of steps) {
    if (s.kind === 'edit') {
      tab.current = edited(tab.current, s.value);
      tab.autosave.change(tab.current);
    } else if (s.kind === 'race') {
      const flushing = tab.autosave.flush();
      tab.current = edited(tab.current, s.value);
      tab.autosave.change(tab.current);
      await flushing;
    } else if (s.kind === 'wait') {
      tab.clock.advance(s.ms);
    } else if (s.kind === 'fail') {
      tab.failuresLeft = s.count;
      tab.quota = s.quota;
    } else if (s.kind === 'flush') {
      await tab.autosave.flush();
    } else {
      tab = await tab.reload(s.flushFirst);
      // The reopened tab shows the last acknowledged model, nothing older.
      expect(tab.current).toEqual(tab.acknowledged);
    }
    await tab.autosave.settled();
    expect(await tab.stored()).toEqual(tab.acknowledged);
    expect(tab.autosave.status.state).not.toBe('conflict');
    if (tab.autosave.status.state === 'saved') expect(tab.acknowledged).toEqual(tab.current);
  }
  // Once storage works again, nothing typed is lost.
  tab.failuresLeft = 0;
  await tab.autosave.flush();
  expect(tab.autosave.status.state).toBe('saved');
  expect(await tab.stored()).toEqual(tab.current);
  tab.autosave.dispose();
  tab.lib.close();
}

describe('autosave with the real library, seeded', () => {
  it('keeps the stored model equal to the last acknowledged one through edits, failures and reloads', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        await run(steps);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('keeps an edit made just before a crash only if it was acknowledged', async () => {
    await run([
      { kind: 'edit', value: 1 },
      { kind: 'wait', ms: 400 },
      { kind: 'edit', value: 2 },
      { kind: 'reload', flushFirst: false },
      { kind: 'fail', count: 2, quota: true },
      { kind: 'edit', value: 3 },
      { kind: 'flush' },
      { kind: 'reload', flushFirst: true },
    ]);
  });
});
