import { restoreModel } from '../../model/restore';
import { serializeModel } from '../../model/serialize';
import type { Model } from '../../model/types';

/* What the library keeps in localStorage besides IndexedDB: which model was
   open last, and the rescue draft of a tab that went away with edits not yet
   written. A closing tab cannot finish an IndexedDB write (the transaction
   dies with the page, as a read-then-write revision check needs a round trip),
   but a localStorage write made during `pagehide` is kept: the next start
   writes the draft through the library. Every access is guarded: storage may
   be missing, full or refused. */

const LAST_MODEL_KEY = 'bottleneck:last-model';
const DRAFT_PREFIX = 'bottleneck:draft:';

/** Edits of a saved model not yet written when its tab went away. */
export interface Draft {
  /** The stored revision the edits were made on. */
  base: number;
  /** The edited model, restored through the one restore path. */
  model: Model;
}

/** The localStorage notes of the library; a no-op without storage. */
export class LocalNotes {
  readonly #storage: Storage | null;
  readonly #tab: Storage | null;

  /**
   * @param storage localStorage, or null where it is missing or refused
   * @param tab sessionStorage (this tab's own), or null
   */
  constructor(storage: Storage | null, tab: Storage | null = null) {
    this.#storage = storage;
    this.#tab = tab;
  }

  /**
   * The id of the model open last: in this tab (a reload reopens the tab's
   * own model, whatever other tabs opened since), else in any tab.
   */
  get lastModel(): string | null {
    return this.#get(LAST_MODEL_KEY, this.#tab) ?? this.#get(LAST_MODEL_KEY);
  }

  /** Notes that model `id` is open now, for the next start (of this tab, or of any). */
  remember(id: string): void {
    this.#set(LAST_MODEL_KEY, id);
    this.#set(LAST_MODEL_KEY, id, this.#tab);
  }

  /**
   * Keeps `model`, edited on stored revision `base` of model `id`, for the next start.
   *
   * @returns false when it could not be kept (no storage, or it is full)
   */
  writeDraft(id: string, base: number, model: Model): boolean {
    return this.#set(DRAFT_PREFIX + id, JSON.stringify({ base, doc: serializeModel(model) }));
  }

  /** The draft kept for model `id`; a damaged draft is dropped. */
  readDraft(id: string): Draft | null {
    const text = this.#get(DRAFT_PREFIX + id);
    if (text === null) return null;
    try {
      const { base, doc } = JSON.parse(text) as { base: unknown; doc: unknown };
      if (typeof base !== 'number' || !Number.isInteger(base)) throw new Error('no base');
      return { base, model: restoreModel(doc) };
    } catch {
      this.clearDraft(id);
      return null;
    }
  }

  /** Forgets the draft of model `id` (it was written, or the model is gone). */
  clearDraft(id: string): void {
    this.#remove(DRAFT_PREFIX + id);
  }

  #get(key: string, storage = this.#storage): string | null {
    try {
      return storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  /** Writes an entry; false when there is no storage or it refused (full). */
  #set(key: string, value: string, storage = this.#storage): boolean {
    if (!storage) return false;
    try {
      storage.setItem(key, value);
      return true;
    } catch {
      return false;
    }
  }

  #remove(key: string): void {
    try {
      this.#storage?.removeItem(key);
    } catch {
      // refused: nothing to undo
    }
  }
}

/**
 * The page's localStorage or sessionStorage, or null where it is missing or
 * access throws (sandboxed frames, some private modes).
 */
export function pageStorage(kind: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    return globalThis[kind] ?? null;
  } catch {
    return null;
  }
}
