import { openDB } from 'idb';
import { Library, type LibraryOptions } from './library';
import { DB_NAME, DB_VERSION, upgradeLibrary, type LibraryDB, type LibrarySchema } from './schema';

/** Why the library could not be opened; in every case the app runs in memory. */
export type StorageUnavailable = 'unavailable' | 'blocked' | 'newer' | 'failed';

/** The library, or why there is none and what to tell the user. */
export type OpenLibraryResult =
  { ok: true; library: Library } | { ok: false; reason: StorageUnavailable; message: string };

/** Options of {@link openLibrary}. */
export interface OpenLibraryOptions extends LibraryOptions {
  /** Give up after this long (some private modes never answer); default 5,000 ms. */
  timeoutMs?: number;
  /** Called when another tab needs to upgrade the database: this connection has closed, so reload. */
  onVersionChange?: () => void;
}

const IN_MEMORY = 'Your model stays in this tab only — export it to keep a copy.';

const MESSAGES: Record<StorageUnavailable, string> = {
  unavailable: `Saving is off: this browser does not allow storage here (private browsing, or storage turned off). ${IN_MEMORY}`,
  blocked: `Saving is paused: another Bottleneck tab is using an older version of your saved models. Close other Bottleneck tabs and reload. ${IN_MEMORY}`,
  newer: `Saving is off: your saved models were written by a newer version of Bottleneck. Reload to update the app. ${IN_MEMORY}`,
  failed: `Saving is off: the browser's storage did not open. ${IN_MEMORY}`,
};

const failure = (reason: StorageUnavailable, detail?: string): OpenLibraryResult => ({
  ok: false,
  reason,
  message: detail ? `${MESSAGES[reason]} (${detail})` : MESSAGES[reason],
});

/** The global IndexedDB factory, or undefined where it is missing or access throws (sandboxed frames). */
function indexedDBFactory(): IDBFactory | undefined {
  try {
    return typeof indexedDB === 'undefined' ? undefined : indexedDB;
  } catch {
    return undefined;
  }
}

/**
 * Opens (creating or upgrading) the model library. Never rejects: when
 * IndexedDB is missing, refuses (private mode), is blocked by an older tab or
 * does not answer, the result says so and the app carries on in memory.
 */
export async function openLibrary(options: OpenLibraryOptions = {}): Promise<OpenLibraryResult> {
  if (!indexedDBFactory()) return failure('unavailable');
  const { timeoutMs = 5000, onVersionChange, ...libraryOptions } = options;
  let settled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const opening = new Promise<OpenLibraryResult>((resolve) => {
    const finish = (result: OpenLibraryResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    timer = setTimeout(
      () => finish(failure('unavailable', 'the storage did not answer')),
      timeoutMs,
    );
    let db: LibraryDB | undefined;
    let request: Promise<LibraryDB>;
    try {
      request = openDB<LibrarySchema>(DB_NAME, DB_VERSION, {
        upgrade: (database, oldVersion, _newVersion, tx) =>
          upgradeLibrary(database, oldVersion, tx),
        blocked: () => finish(failure('blocked')),
        // Never hold up another tab's upgrade: close, and let the app reload.
        blocking: () => {
          db?.close();
          onVersionChange?.();
        },
        terminated: () => onVersionChange?.(),
      });
    } catch (error) {
      finish(failure('unavailable', describe(error)));
      return;
    }
    request.then(
      (opened) => {
        db = opened;
        // Opened after we gave up (blocked, timed out): do not keep a stray connection.
        if (settled) opened.close();
        else finish({ ok: true, library: new Library(opened, libraryOptions) });
      },
      (error: unknown) => {
        finish(failure(reasonOf(error), describe(error)));
      },
    );
  });
  return opening;
}

/** Private modes refuse with InvalidStateError or SecurityError; a downgrade gives VersionError. */
function reasonOf(error: unknown): StorageUnavailable {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'VersionError') return 'newer';
  if (name === 'InvalidStateError' || name === 'SecurityError') return 'unavailable';
  return 'failed';
}

function describe(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException) return error.message || error.name;
  return String(error);
}
