import { readdirSync, readFileSync } from 'node:fs';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/lib/model/examples';
import { ModelError } from '../../../src/lib/model/errors';
import { serializeModel } from '../../../src/lib/model/serialize';
import type { Model } from '../../../src/lib/model/types';
import { cleanModelName } from '../../../src/lib/persistence/library';
import { openLibrary } from '../../../src/lib/persistence/open';
import {
  DB_NAME,
  DB_VERSION,
  DELETED_KEPT_MS,
  DELETED_STORE,
  META_STORE,
  MODELS_STORE,
  type ModelRecord,
} from '../../../src/lib/persistence/schema';
import { ManualClock } from './clock';
import { freshIndexedDB, library, putRawRecord, rawDoc, steppingClock } from './setup';

const STORAGE_DIR = new URL('../../fixtures/storage/', import.meta.url);
const seed = () => EXAMPLES[0]!.model();
const named = (name: string): Model => ({ ...seed(), name });

beforeEach(freshIndexedDB);

describe('opening the library', () => {
  it('creates the stores of every upgrade step on a fresh database', async () => {
    (await library()).close();
    const db = await openDB(DB_NAME);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(
      [DELETED_STORE, META_STORE, MODELS_STORE].sort(),
    );
    db.close();
  });

  it('upgrades a version 1 database to 2 keeping its models, with an empty Recently deleted', async () => {
    // Version 1 as the app of before "Recently deleted" created it.
    const v1 = await openDB(DB_NAME, 1, {
      upgrade(db) {
        db.createObjectStore(MODELS_STORE, { keyPath: 'id' });
        db.createObjectStore(META_STORE, { keyPath: 'id' }).createIndex('by-updated', 'updatedAt');
      },
    });
    const record: ModelRecord = {
      id: 'old',
      name: 'Kept',
      updatedAt: 5,
      revision: 3,
      doc: serializeModel(named('Kept')),
    };
    const { doc: _doc, ...summary } = record;
    await v1.put(MODELS_STORE, record);
    await v1.put(META_STORE, summary);
    v1.close();

    const lib = await library();
    expect(await lib.list()).toEqual([summary]);
    expect(await lib.get('old')).toMatchObject({ ok: true, model: named('Kept') });
    expect(await lib.listDeleted()).toEqual([]);
    await lib.remove('old');
    expect(await lib.listDeleted()).toMatchObject([{ id: 'old', name: 'Kept', revision: 3 }]);
    lib.close();
  });

  it('keeps saved models when opened again', async () => {
    const first = await library();
    const { id } = await first.create(seed());
    first.close();
    const second = await library();
    expect(await second.get(id)).toMatchObject({ ok: true, model: seed() });
    second.close();
  });

  it('runs in memory, and says so, where IndexedDB is missing', async () => {
    const saved = globalThis.indexedDB;
    // @ts-expect-error simulating a browser without IndexedDB
    delete globalThis.indexedDB;
    try {
      const result = await openLibrary();
      expect(result).toMatchObject({ ok: false, reason: 'unavailable' });
      expect(!result.ok && result.message).toMatch(/stays in this tab only/);
    } finally {
      globalThis.indexedDB = saved;
    }
  });

  it('runs in memory when open() is refused (private mode)', async () => {
    globalThis.indexedDB = {
      open() {
        throw new DOMException('A mutation operation was attempted', 'InvalidStateError');
      },
    } as unknown as IDBFactory;
    expect(await openLibrary()).toMatchObject({ ok: false, reason: 'unavailable' });
  });

  it('says so when the saved models come from a newer app version', async () => {
    (await openDB(DB_NAME, DB_VERSION + 1)).close();
    const result = await openLibrary();
    expect(result).toMatchObject({ ok: false, reason: 'newer' });
    expect(!result.ok && result.message).toMatch(/newer version of Bottleneck/);
  });

  it('says so when an older tab blocks the upgrade, or storage never answers', async () => {
    const hanging = () => {
      const request = new (globalThis.IDBOpenDBRequest as unknown as new () => IDBOpenDBRequest)();
      globalThis.indexedDB = { open: () => request } as unknown as IDBFactory;
      return request;
    };
    const request = hanging();
    const blocked = openLibrary();
    request.dispatchEvent(new IDBVersionChangeEvent('blocked', { oldVersion: 1, newVersion: 2 }));
    expect(await blocked).toMatchObject({ ok: false, reason: 'blocked' });
    hanging();
    expect(await openLibrary({ timeoutMs: 20 })).toMatchObject({
      ok: false,
      reason: 'unavailable',
      message: expect.stringMatching(/did not answer/),
    });
  });
});

describe('the model library', () => {
  it('creates and reads back a model', async () => {
    const lib = await library({ now: () => 1234 });
    const summary = await lib.create(seed());
    expect(summary).toEqual({ id: summary.id, name: seed().name, updatedAt: 1234, revision: 1 });
    expect(await lib.get(summary.id)).toEqual({ ok: true, summary, model: seed() });
    expect(await rawDoc(summary.id)).toEqual(serializeModel(seed()));
    expect(await lib.get('nope')).toEqual({ ok: false, reason: 'missing' });
  });

  it('gives every model its own id', async () => {
    const lib = await library();
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) ids.add((await lib.create(seed())).id);
    expect(ids.size).toBe(20);
  });

  it('lists summaries, most recently updated first', async () => {
    const lib = await library({ now: steppingClock() });
    const a = await lib.create(named('A'));
    const b = await lib.create(named('B'));
    const c = await lib.create(named('C'));
    expect((await lib.list()).map((s) => s.name)).toEqual(['C', 'B', 'A']);
    await lib.save(a.id, named('A2'), a.revision);
    const list = await lib.list();
    expect(list.map((s) => s.name)).toEqual(['A2', 'C', 'B']);
    expect(list[0]).toEqual({ id: a.id, name: 'A2', updatedAt: expect.any(Number), revision: 2 });
    expect(list.map((s) => s.id)).toEqual([a.id, c.id, b.id]);
  });

  it('renames a model in its summary and its document', async () => {
    const lib = await library();
    const { id } = await lib.create(seed());
    const result = await lib.rename(id, '  Q3   plan ');
    expect(result).toMatchObject({ ok: true, summary: { id, name: 'Q3 plan', revision: 2 } });
    expect(await lib.get(id)).toMatchObject({ ok: true, model: { ...seed(), name: 'Q3 plan' } });
    expect((await lib.list())[0]!.name).toBe('Q3 plan');
    expect(await lib.rename('nope', 'x')).toEqual({ ok: false, reason: 'missing' });
  });

  it('cleans names: trimmed, within the limit, never blank', () => {
    expect(cleanModelName('   ')).toBe('Untitled model');
    expect(cleanModelName('x'.repeat(500))).toHaveLength(200);
  });

  it('duplicates a model under a new id', async () => {
    const lib = await library({ now: steppingClock() });
    const original = await lib.create(seed());
    const copy = await lib.duplicate(original.id);
    expect(copy).toMatchObject({ name: `${seed().name} (copy)`, revision: 1 });
    const copyId = (copy as { id: string }).id;
    expect(copyId).not.toBe(original.id);
    expect(await lib.get(copyId)).toMatchObject({
      ok: true,
      model: named(`${seed().name} (copy)`),
    });
    expect(await lib.get(original.id)).toMatchObject({ ok: true, model: seed() });
    expect(await lib.duplicate('nope')).toEqual({ ok: false, reason: 'missing' });
  });

  it('deletes a model into Recently deleted and restores it exactly', async () => {
    const clock = new ManualClock();
    clock.now = 1_700_000_000_000;
    const lib = await library({ now: () => clock.now });
    const keep = await lib.create(named('Keep'));
    const gone = await lib.create(named('Gone'));
    clock.advance(1000);
    await lib.save(gone.id, named('Gone v2'), 1);
    clock.advance(1000);
    const removed = await lib.remove(gone.id);
    expect(removed).toEqual({
      id: gone.id,
      name: 'Gone v2',
      updatedAt: clock.now - 1000,
      revision: 2,
      deletedAt: clock.now,
    });
    expect(await lib.list()).toEqual([keep]);
    expect(await lib.get(gone.id)).toEqual({ ok: false, reason: 'missing' });
    expect(await lib.listDeleted()).toEqual([removed]);
    expect(await lib.save(gone.id, named('late write'), 2)).toEqual({
      ok: false,
      reason: 'missing',
    });
    expect(await lib.remove(gone.id)).toBeNull();

    expect(await lib.restore(gone.id)).toBe(true);
    expect(await lib.get(gone.id)).toMatchObject({
      ok: true,
      model: named('Gone v2'),
      summary: { revision: 2 },
    });
    expect((await lib.list()).map((s) => s.name)).toEqual(['Gone v2', 'Keep']);
    expect(await lib.listDeleted()).toEqual([]);
    expect(await lib.restore(gone.id)).toBe(false);
    // Restored at its revision: a tab that had it open writes on as before.
    expect(await lib.save(gone.id, named('Gone v3'), 2)).toMatchObject({ ok: true });
  });

  it('lists Recently deleted newest first, and purges what was deleted 30 days ago', async () => {
    const clock = new ManualClock();
    clock.now = 1_700_000_000_000;
    const lib = await library({ now: () => clock.now });
    const ids: Record<string, string> = {};
    for (const name of ['First', 'Second', 'Third']) {
      ids[name] = (await lib.create(named(name))).id;
      await lib.remove(ids[name]!);
      clock.advance(24 * 60 * 60 * 1000); // a day between deletions
    }
    expect((await lib.listDeleted()).map((s) => s.name)).toEqual(['Third', 'Second', 'First']);

    // "First" was deleted 3 days before now: move on to one millisecond short of its 30 days.
    clock.advance(DELETED_KEPT_MS - 3 * 24 * 60 * 60 * 1000 - 1);
    expect(await lib.purgeDeleted()).toBe(0);
    expect(await lib.listDeleted()).toHaveLength(3);
    clock.advance(1);
    expect((await lib.listDeleted()).map((s) => s.name)).toEqual(['Third', 'Second']);
    expect(await lib.restore(ids.First!)).toBe(false);
    clock.advance(24 * 60 * 60 * 1000);
    expect(await lib.purgeDeleted()).toBe(1);
    expect(await lib.restore(ids.Third!)).toBe(true);
    expect((await lib.list()).map((s) => s.name)).toEqual(['Third']);
    expect(await lib.listDeleted()).toEqual([]);
  });

  it('refuses a write based on an old revision (two tabs)', async () => {
    const tabA = await library();
    const tabB = await library();
    const { id } = await tabA.create(named('v1'));
    expect(await tabA.save(id, named('A'), 1)).toMatchObject({
      ok: true,
      summary: { revision: 2 },
    });
    const refused = await tabB.save(id, named('B'), 1);
    expect(refused).toMatchObject({
      ok: false,
      reason: 'conflict',
      stored: { id, name: 'A', revision: 2 },
    });
    expect(await tabB.get(id)).toMatchObject({ ok: true, model: named('A') });
    // Having seen revision 2, tab B may write.
    expect(await tabB.save(id, named('B'), 2)).toMatchObject({
      ok: true,
      summary: { revision: 3 },
    });
  });

  it('lets exactly one of two simultaneous writers win', async () => {
    const tabA = await library();
    const tabB = await library();
    const { id } = await tabA.create(named('v1'));
    const results = await Promise.all([tabA.save(id, named('A'), 1), tabB.save(id, named('B'), 1)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'conflict')).toHaveLength(1);
    const winner = results[0]!.ok ? 'A' : 'B';
    expect(await tabA.get(id)).toMatchObject({
      ok: true,
      model: named(winner),
      summary: { revision: 2 },
    });
  });
});

describe('stored documents from the past (fixtures kept forever)', () => {
  const fixture = (file: string) =>
    JSON.parse(readFileSync(new URL(file, STORAGE_DIR), 'utf8')) as {
      record: ModelRecord;
      expected?: unknown;
      problem?: object;
    };

  it('has fixtures', () => {
    expect(
      readdirSync(STORAGE_DIR).filter((f) => f.endsWith('.json')).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('migrates an old document on read', async () => {
    const { record, expected } = fixture('v1-db-record-holding-v0-document.json');
    const lib = await library();
    await putRawRecord(record);
    const loaded = await lib.get(record.id);
    expect(loaded.ok).toBe(true);
    expect(loaded.ok && serializeModel(loaded.model)).toEqual(expected);
    expect(loaded.ok && loaded.summary).toEqual({
      id: record.id,
      name: record.name,
      updatedAt: record.updatedAt,
      revision: 7,
    });
    // The next save writes the migrated document at the next revision.
    expect(await lib.save(record.id, loaded.ok ? loaded.model : seed(), 7)).toMatchObject({
      ok: true,
    });
    expect(await rawDoc(record.id)).toEqual(expected);
  });

  it('reports a document that does not restore, and keeps it', async () => {
    const { record, problem } = fixture('v1-db-record-corrupt-document.json');
    const lib = await library();
    await putRawRecord(record);
    const loaded = await lib.get(record.id);
    expect(loaded).toMatchObject({
      ok: false,
      reason: 'corrupt',
      doc: record.doc,
      summary: { id: record.id },
    });
    const error = !loaded.ok && loaded.reason === 'corrupt' ? loaded.error : undefined;
    expect(error).toBeInstanceOf(ModelError);
    expect(error!.problems[0]).toMatchObject(problem!);
    expect(error!.message).toMatch(/nowhere/);
    expect((await lib.list()).map((s) => s.id)).toEqual([record.id]);
    expect(await lib.duplicate(record.id)).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(await rawDoc(record.id)).toEqual(record.doc);
  });

  it('reports a document that is not even an object', async () => {
    const lib = await library();
    await putRawRecord({ id: 'x', name: 'x', updatedAt: 1, revision: 1, doc: 'garbage' });
    expect(await lib.get('x')).toMatchObject({ ok: false, reason: 'corrupt', doc: 'garbage' });
  });
});
