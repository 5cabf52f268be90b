import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';

/* The IndexedDB layout of the model library. These names are on every user's
   disk: changing DB_NAME, a store name or an index name orphans saved models
   unless an upgrade step (UPGRADES below, raising DB_VERSION) moves them. */

/** The database holding the model library. Never rename without a migration. */
export const DB_NAME = 'bottleneck';

/** Schema version of the database; raise it only together with a new entry in UPGRADES. */
export const DB_VERSION = 2;

/** Store of full model records, keyed by id. Never rename without a migration. */
export const MODELS_STORE = 'models';

/** Store of model summaries (no document), keyed by id, so listing never loads documents. Never rename without a migration. */
export const META_STORE = 'model-meta';

/** Index of {@link META_STORE} on `updatedAt`. Never rename without a migration. */
export const BY_UPDATED_INDEX = 'by-updated';

/** Store of deleted models ("Recently deleted"), full records keyed by id, kept for {@link DELETED_KEPT_DAYS}. Never rename without a migration. */
export const DELETED_STORE = 'deleted-models';

/** Index of {@link DELETED_STORE} on `deletedAt`. Never rename without a migration. */
export const BY_DELETED_INDEX = 'by-deleted';

/** Days a deleted model stays restorable in "Recently deleted" before it is purged. */
export const DELETED_KEPT_DAYS = 30;

/** {@link DELETED_KEPT_DAYS} in milliseconds: a model deleted at `t` is purged from `t + DELETED_KEPT_MS` on. */
export const DELETED_KEPT_MS = DELETED_KEPT_DAYS * 24 * 60 * 60 * 1000;

/** What the library shows of a model without loading it. */
export interface ModelSummary {
  /** Stable id of the saved model (not a stage id). */
  id: string;
  /** The model's name, as in its document. */
  name: string;
  /** Last write, in milliseconds since 1970 (Date.now()). */
  updatedAt: number;
  /** Counts writes, from 1; a write based on an older revision is refused (compare-and-set). */
  revision: number;
}

/**
 * A saved model: its summary and the document. `doc` is the serialized model
 * document (format-versioned, as written by serializeModel); reading it goes
 * through restoreModel like any file or link, so old documents migrate.
 */
export interface ModelRecord extends ModelSummary {
  doc: unknown;
}

/** A model in "Recently deleted": what it was when deleted, and when. */
export interface DeletedSummary extends ModelSummary {
  /** When it was deleted, in milliseconds since 1970; purged {@link DELETED_KEPT_DAYS} days later. */
  deletedAt: number;
}

/** A deleted model's record: the record as it was (same id, revision, document) and when it was deleted. */
export interface DeletedRecord extends ModelRecord {
  /** When it was deleted, in milliseconds since 1970. */
  deletedAt: number;
}

/** The typed shape of the database for idb. */
export interface LibrarySchema extends DBSchema {
  [MODELS_STORE]: { key: string; value: ModelRecord };
  [META_STORE]: { key: string; value: ModelSummary; indexes: { [BY_UPDATED_INDEX]: number } };
  [DELETED_STORE]: { key: string; value: DeletedRecord; indexes: { [BY_DELETED_INDEX]: number } };
}

/** An open library database. */
export type LibraryDB = IDBPDatabase<LibrarySchema>;

type UpgradeTransaction = IDBPTransaction<
  LibrarySchema,
  StoreNames<LibrarySchema>[],
  'versionchange'
>;

/**
 * Database upgrade steps, oldest first: step `i` brings a database from
 * version `i` to `i + 1`. Append a step (never edit an old one) when the
 * layout changes, and raise {@link DB_VERSION} to the new length.
 */
const UPGRADES: readonly ((db: LibraryDB, tx: UpgradeTransaction) => void)[] = [
  (db) => {
    db.createObjectStore(MODELS_STORE, { keyPath: 'id' });
    const meta = db.createObjectStore(META_STORE, { keyPath: 'id' });
    meta.createIndex(BY_UPDATED_INDEX, 'updatedAt');
  },
  // 1 → 2: deleting a model moves it to "Recently deleted" instead of erasing it.
  (db) => {
    const deleted = db.createObjectStore(DELETED_STORE, { keyPath: 'id' });
    deleted.createIndex(BY_DELETED_INDEX, 'deletedAt');
  },
];

/**
 * Brings the database from `oldVersion` to {@link DB_VERSION}, one step at a
 * time (idb's `upgrade` callback).
 */
export function upgradeLibrary(db: LibraryDB, oldVersion: number, tx: UpgradeTransaction): void {
  for (let version = oldVersion; version < DB_VERSION; version++) UPGRADES[version]?.(db, tx);
}
