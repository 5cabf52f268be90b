import type { IDBPTransaction } from 'idb';
import { ModelError } from '../model/errors';
import { LIMITS } from '../model/limits';
import { restoreModel } from '../model/restore';
import { serializeModel } from '../model/serialize';
import type { Model } from '../model/types';
import type { ChangeChannel } from './channel';
import {
  BY_DELETED_INDEX,
  BY_UPDATED_INDEX,
  DELETED_KEPT_MS,
  DELETED_STORE,
  META_STORE,
  MODELS_STORE,
  type DeletedRecord,
  type DeletedSummary,
  type LibraryDB,
  type LibrarySchema,
  type ModelRecord,
  type ModelSummary,
} from './schema';

/** Reading a saved model: the model, nothing there, or a document that does not restore. */
export type LoadResult =
  | { ok: true; summary: ModelSummary; model: Model }
  | { ok: false; reason: 'missing' }
  /** Reported, never dropped: `doc` is the stored document as it is, for an export. */
  | { ok: false; reason: 'corrupt'; summary: ModelSummary; error: ModelError; doc: unknown };

/** Why a saved model could not be read. */
export type LoadFailure = Exclude<LoadResult, { ok: true }>;

/** A write: done (with the new summary), or refused because the stored model moved on or is gone. */
export type WriteResult =
  | { ok: true; summary: ModelSummary }
  /** Another tab wrote a newer revision: `stored` is what is there now. Nothing was written. */
  | { ok: false; reason: 'conflict'; stored: ModelSummary }
  /** The model was deleted (perhaps in another tab). Nothing was written. */
  | { ok: false; reason: 'missing' };

/** Clock and id source, injectable for tests. */
export interface LibraryOptions {
  /** Milliseconds since 1970; defaults to Date.now. */
  now?: () => number;
  /** A new unique model id; defaults to 128 random bits in base 36. */
  newId?: () => string;
  /** Where changes are announced to other tabs, if anywhere. */
  channel?: ChangeChannel;
}

type WriteTx = IDBPTransaction<
  LibrarySchema,
  (typeof MODELS_STORE | typeof META_STORE | typeof DELETED_STORE)[],
  'readwrite'
>;

/** 128 random bits; crypto.getRandomValues works in insecure contexts too, unlike randomUUID. */
function randomId(): string {
  const words = crypto.getRandomValues(new Uint32Array(4));
  return Array.from(words, (w) => w.toString(36).padStart(7, '0')).join('');
}

/** A name fit for a model: trimmed, within the length limit, never blank. */
export function cleanModelName(name: string): string {
  const trimmed = name.replace(/\s+/g, ' ').trim().slice(0, LIMITS.name).trim();
  return trimmed === '' ? 'Untitled model' : trimmed;
}

const summaryOf = ({ id, name, updatedAt, revision }: ModelSummary): ModelSummary => ({
  id,
  name,
  updatedAt,
  revision,
});

/**
 * The model library in IndexedDB: one record per saved model plus a summary
 * for listing. Every write is one readwrite transaction over both stores, and
 * a write based on a revision checks it inside that transaction, so two tabs
 * never overwrite each other's newer work. Storage failures (quota, I/O) reject
 * the returned promise; see storage-errors.ts to classify them.
 */
export class Library {
  readonly #db: LibraryDB;
  readonly #now: () => number;
  readonly #newId: () => string;
  readonly #channel: ChangeChannel | undefined;

  /** @param db an open database (see openLibrary) */
  constructor(db: LibraryDB, options: LibraryOptions = {}) {
    this.#db = db;
    this.#now = options.now ?? Date.now;
    this.#newId = options.newId ?? randomId;
    this.#channel = options.channel;
  }

  /** Every saved model's summary, most recently updated first, without loading any document. */
  async list(): Promise<ModelSummary[]> {
    const all = await this.#db.getAllFromIndex(META_STORE, BY_UPDATED_INDEX);
    return all.reverse().map(summaryOf);
  }

  /** Reads a saved model through the one restore path (validate → migrate → defaults). */
  async get(id: string): Promise<LoadResult> {
    const record = await this.#db.get(MODELS_STORE, id);
    if (!record) return { ok: false, reason: 'missing' };
    return loadRecord(record);
  }

  /**
   * Saves `model` as a new library entry (revision 1).
   *
   * @returns the new entry's summary
   */
  async create(model: Model): Promise<ModelSummary> {
    const record = this.#record(this.#newId(), model, 1);
    await this.#transact(async (tx) => {
      await Promise.all([
        tx.objectStore(MODELS_STORE).add(record),
        tx.objectStore(META_STORE).add(summaryOf(record)),
      ]);
    });
    this.#announce(record, false);
    return summaryOf(record);
  }

  /**
   * Writes `model` over entry `id` if its stored revision is still
   * `baseRevision` (compare-and-set inside the transaction); the revision then
   * goes up by one.
   */
  async save(id: string, model: Model, baseRevision: number): Promise<WriteResult> {
    const result = await this.#transact(async (tx): Promise<WriteResult> => {
      const stored = await tx.objectStore(META_STORE).get(id);
      if (!stored) return { ok: false, reason: 'missing' };
      if (stored.revision !== baseRevision) {
        return { ok: false, reason: 'conflict', stored: summaryOf(stored) };
      }
      const record = this.#record(id, model, baseRevision + 1);
      await Promise.all([
        tx.objectStore(MODELS_STORE).put(record),
        tx.objectStore(META_STORE).put(summaryOf(record)),
      ]);
      return { ok: true, summary: summaryOf(record) };
    });
    if (result.ok) this.#announce(result.summary, false);
    return result;
  }

  /**
   * Renames entry `id` (its summary and its document), raising the revision.
   * A tab editing this model should rename through its own model and autosave
   * instead, or its next save will meet a revision conflict.
   *
   * @param name any text; cleaned by {@link cleanModelName}
   * @returns the write's result, or the load failure when the stored document does not restore
   */
  async rename(id: string, name: string): Promise<WriteResult | LoadFailure> {
    const loaded = await this.get(id);
    if (!loaded.ok) return loaded;
    return this.save(id, { ...loaded.model, name: cleanModelName(name) }, loaded.summary.revision);
  }

  /**
   * Copies entry `id` into a new entry named "… (copy)".
   *
   * @returns the copy's summary, or the load failure when the original does not restore
   */
  async duplicate(id: string): Promise<ModelSummary | LoadFailure> {
    const loaded = await this.get(id);
    if (!loaded.ok) return loaded;
    const base = loaded.model.name.slice(0, LIMITS.name - ' (copy)'.length).trim();
    return this.create({ ...loaded.model, name: cleanModelName(`${base} (copy)`) });
  }

  /**
   * Deletes entry `id`: it leaves the list and moves to "Recently deleted"
   * (same id, revision and document), restorable for DELETED_KEPT_DAYS (30) days.
   *
   * @returns what it was and when it was deleted; `null` when there was no such entry
   */
  async remove(id: string): Promise<DeletedSummary | null> {
    const deletedAt = this.#now();
    const removed = await this.#transact(async (tx) => {
      const record = await tx.objectStore(MODELS_STORE).get(id);
      if (!record) return null;
      const deleted: DeletedRecord = { ...record, deletedAt };
      await Promise.all([
        tx.objectStore(DELETED_STORE).put(deleted),
        tx.objectStore(MODELS_STORE).delete(id),
        tx.objectStore(META_STORE).delete(id),
      ]);
      return { ...summaryOf(record), deletedAt };
    });
    if (removed) this.#announce(removed, true);
    return removed;
  }

  /**
   * "Recently deleted": the deleted models still kept, most recently deleted
   * first. Those deleted DELETED_KEPT_DAYS (30) days ago or more are purged first.
   */
  async listDeleted(): Promise<DeletedSummary[]> {
    await this.purgeDeleted();
    const all = await this.#db.getAllFromIndex(DELETED_STORE, BY_DELETED_INDEX);
    return all.reverse().map((record) => ({ ...summaryOf(record), deletedAt: record.deletedAt }));
  }

  /**
   * Erases for good the models deleted DELETED_KEPT_DAYS (30) days ago or more.
   *
   * @returns how many were erased
   */
  async purgeDeleted(): Promise<number> {
    const before = IDBKeyRange.upperBound(this.#now() - DELETED_KEPT_MS);
    return this.#transact(async (tx) => {
      const store = tx.objectStore(DELETED_STORE);
      const expired = await store.index(BY_DELETED_INDEX).getAllKeys(before);
      await Promise.all(expired.map((id) => store.delete(id)));
      return expired.length;
    });
  }

  /**
   * Brings deleted model `id` back from "Recently deleted" exactly as it was
   * (same id, revision and document): Undo, or Restore in the Models menu.
   *
   * @returns false when it is not there (purged, restored already) or an entry with that id exists (nothing written)
   */
  async restore(id: string): Promise<boolean> {
    const restored = await this.#transact(async (tx) => {
      const deleted = await tx.objectStore(DELETED_STORE).get(id);
      if (!deleted || (await tx.objectStore(META_STORE).get(id))) return null;
      const { deletedAt: _deletedAt, ...record } = deleted;
      await Promise.all([
        tx.objectStore(MODELS_STORE).add(record),
        tx.objectStore(META_STORE).add(summaryOf(record)),
        tx.objectStore(DELETED_STORE).delete(id),
      ]);
      return record;
    });
    if (restored) this.#announce(restored, false);
    return restored !== null;
  }

  /** Closes the database connection; the library is unusable afterwards. */
  close(): void {
    this.#db.close();
  }

  #record(id: string, model: Model, revision: number): ModelRecord {
    return { id, name: model.name, updatedAt: this.#now(), revision, doc: serializeModel(model) };
  }

  #announce({ id, revision }: ModelSummary, deleted: boolean): void {
    this.#channel?.announce({ id, revision, deleted });
  }

  /**
   * The one write path: runs `body` in a readwrite transaction over every
   * store and resolves once the transaction has committed.
   *
   * @throws the request's or the transaction's error (e.g. QuotaExceededError); nothing is written then
   */
  async #transact<T>(body: (tx: WriteTx) => Promise<T>): Promise<T> {
    const tx = this.#db.transaction([MODELS_STORE, META_STORE, DELETED_STORE], 'readwrite');
    try {
      const result = await body(tx);
      await tx.done;
      return result;
    } catch (error) {
      tx.done.catch(() => {}); // the transaction's own rejection repeats `error`
      try {
        tx.abort();
      } catch {
        // already finished or aborted
      }
      throw error;
    }
  }
}

/** Restores a stored record's document; a document that fails is reported with the record. */
function loadRecord(record: ModelRecord): LoadResult {
  const summary = summaryOf(record);
  try {
    return { ok: true, summary, model: restoreModel(record.doc) };
  } catch (error) {
    const modelError =
      error instanceof ModelError ? error : new ModelError([{ message: String(error) }]);
    return { ok: false, reason: 'corrupt', summary, error: modelError, doc: record.doc };
  }
}
