import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { expect } from 'vitest';
import type { LibraryOptions } from '../../../src/lib/persistence/library';
import { openLibrary } from '../../../src/lib/persistence/open';
import {
  DB_NAME,
  DB_VERSION,
  META_STORE,
  MODELS_STORE,
  type LibrarySchema,
  type ModelRecord,
} from '../../../src/lib/persistence/schema';

/** Gives the test an empty IndexedDB of its own (call in beforeEach). */
export function freshIndexedDB(): void {
  globalThis.indexedDB = new IDBFactory();
}

/** Opens the library, failing the test if it does not open. */
export async function library(options: LibraryOptions = {}) {
  const result = await openLibrary(options);
  if (!result.ok) throw new Error(result.message);
  return result.library;
}

/** A clock that moves one second per reading, so list order is known. */
export function steppingClock(start = 1_700_000_000_000) {
  let now = start;
  return () => (now += 1000);
}

/** Writes a raw record into both stores, as an older app version or a damaged disk left it. */
export async function putRawRecord(record: ModelRecord): Promise<void> {
  const db = await openDB<LibrarySchema>(DB_NAME, DB_VERSION);
  const { doc: _doc, ...summary } = record;
  const tx = db.transaction([MODELS_STORE, META_STORE], 'readwrite');
  await Promise.all([
    tx.objectStore(MODELS_STORE).put(record),
    tx.objectStore(META_STORE).put(summary),
  ]);
  await tx.done;
  db.close();
}

/** The stored document of `id`, read without the library. */
export async function rawDoc(id: string): Promise<unknown> {
  const db = await openDB<LibrarySchema>(DB_NAME, DB_VERSION);
  const record = await db.get(MODELS_STORE, id);
  db.close();
  expect(record).toBeDefined();
  return record!.doc;
}
