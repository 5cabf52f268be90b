import type { Model } from '../model/types';
import type { WriteResult } from './library';
import { describeStorageError } from './storage-errors';

/* Saves every edit without the user asking: debounced, flushed at once when
   the page is hidden, retried with backoff when a write fails, and never
   before the stored model has loaded (a write then would overwrite it with
   whatever the tab started from). The model itself stays in memory with the
   caller; this only decides when to write and reports how it went. */

/** Where saving stands, for the status line and banners. */
export type AutosaveStatus =
  /** The stored model has not loaded yet; nothing is written. */
  | { state: 'waiting' }
  /** The latest edit is stored, at `revision`. */
  | { state: 'saved'; revision: number }
  /** Edits not yet written; a write is scheduled. */
  | { state: 'pending' }
  /** A write is in progress. */
  | { state: 'saving' }
  /**
   * The last write failed and will be tried again in `retryInMs`: `retrying`
   * for the first failures, `error` once they persist or at once when storage
   * is full (`quota`: show a banner and offer an export). The model is kept.
   */
  | {
      state: 'retrying' | 'error';
      quota: boolean;
      attempt: number;
      retryInMs: number;
      message: string;
    }
  /**
   * Another tab wrote a newer revision (`newer`) or deleted the model
   * (`deleted`). Autosave stops so as not to overwrite it; the edits are kept.
   */
  | { state: 'conflict'; reason: 'newer'; storedRevision: number; message: string }
  | { state: 'conflict'; reason: 'deleted'; message: string };

/** setTimeout and clearTimeout, injectable so tests control time. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of {@link Autosave}. */
export interface AutosaveOptions {
  /** Writes `model` over the stored one if it is still at `baseRevision` (Library.save bound to the model's id). */
  save(model: Model, baseRevision: number): Promise<WriteResult>;
  /** Called whenever the status changes. */
  onStatus?(status: AutosaveStatus): void;
  /** Quiet time after the last edit before writing, in ms; default 400. */
  delayMs?: number;
  /** Waits before each retry, in ms; the last repeats. Default 1 s, 2 s, 5 s, 10 s, 30 s. */
  retryDelaysMs?: readonly number[];
  /** Failures reported as `retrying` before they become `error`; default 2. */
  quietFailures?: number;
  /** Timers; default the global ones. */
  timers?: Timers;
}

const DEFAULT_RETRY_DELAYS = [1000, 2000, 5000, 10_000, 30_000];

const CONFLICT_MESSAGES = {
  newer:
    'Another tab saved newer work of this model: your edits were not written over it, and are kept in this tab.',
  deleted:
    'This model was deleted in another tab: your edits were not written, and are kept in this tab.',
};

/**
 * The autosave controller for one saved model. Call {@link loaded} once the
 * stored model has been read, {@link change} after every edit, and
 * {@link flush} on `visibilitychange` (hidden) and `pagehide`.
 */
export class Autosave {
  readonly #save: AutosaveOptions['save'];
  readonly #onStatus: (status: AutosaveStatus) => void;
  readonly #delay: number;
  readonly #retryDelays: readonly number[];
  readonly #quietFailures: number;
  readonly #timers: Timers;
  #base: number | null = null;
  #pending: Model | null = null;
  #inflight: Promise<void> | null = null;
  #timer: unknown = null;
  #failures = 0;
  #conflict = false;
  #disposed = false;
  #status: AutosaveStatus = { state: 'waiting' };

  constructor(options: AutosaveOptions) {
    this.#save = options.save;
    this.#onStatus = options.onStatus ?? (() => {});
    this.#delay = options.delayMs ?? 400;
    this.#retryDelays = options.retryDelaysMs?.length
      ? options.retryDelaysMs
      : DEFAULT_RETRY_DELAYS;
    this.#quietFailures = options.quietFailures ?? 2;
    this.#timers = options.timers ?? {
      setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
      clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
  }

  /** The current status. */
  get status(): AutosaveStatus {
    return this.#status;
  }

  /** True while an edit is not yet stored. */
  get dirty(): boolean {
    return this.#pending !== null || this.#inflight !== null;
  }

  /**
   * The stored model is at `revision` and writing may start: call it once the
   * stored model has loaded, and after a conflict when the user keeps their
   * version (`storedRevision`: the kept edits are then written over it). Edits
   * not yet written are written after the usual delay.
   */
  loaded(revision: number): void {
    this.#base = revision;
    this.#conflict = false;
    if (this.#pending) this.#schedule(this.#delay, { state: 'pending' });
    else if (!this.#inflight) this.#setStatus({ state: 'saved', revision });
  }

  /** Drops edits not yet written (the tab is replacing its model with the stored one). */
  discard(): void {
    this.#pending = null;
    this.#clearTimer();
  }

  /** Records an edit: `model` is written after {@link AutosaveOptions.delayMs} of quiet. */
  change(model: Model): void {
    if (this.#disposed) return;
    this.#pending = model;
    if (this.#base === null || this.#conflict) return;
    // While a write is in flight or failing, its status stands until it settles.
    this.#schedule(this.#delay, this.#inflight || this.#failures > 0 ? null : { state: 'pending' });
  }

  /**
   * Writes the latest edit now (page hidden or closing). The write starts
   * synchronously when none is in flight, so its transaction is issued
   * before the page goes.
   *
   * @returns once the write has finished (check {@link status} for how)
   */
  async flush(): Promise<void> {
    if (this.#inflight) await this.#inflight;
    this.#run();
    if (this.#inflight) await this.#inflight;
  }

  /** Resolves once no write is in flight. */
  async settled(): Promise<void> {
    while (this.#inflight) await this.#inflight;
  }

  /** Stops all timers; later edits are ignored. Flush first to keep the last edit. */
  dispose(): void {
    this.#disposed = true;
    this.#clearTimer();
  }

  /** (Re)starts the write timer; `status`, unless null, becomes the status. */
  #schedule(ms: number, status: AutosaveStatus | null): void {
    if (this.#disposed) return;
    this.#clearTimer();
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      this.#run();
    }, ms);
    if (status) this.#setStatus(status);
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Starts a write of the pending edit, when one is allowed. */
  #run(): void {
    if (this.#disposed || this.#inflight || this.#base === null || this.#conflict) return;
    const model = this.#pending;
    if (!model) return;
    this.#clearTimer();
    this.#pending = null;
    this.#setStatus({ state: 'saving' });
    this.#inflight = this.#write(model, this.#base).finally(() => {
      this.#inflight = null;
    });
  }

  async #write(model: Model, base: number): Promise<void> {
    let result: WriteResult;
    try {
      result = await this.#save(model, base);
    } catch (error) {
      this.#pending ??= model; // a newer edit, if any, supersedes it
      this.#failures++;
      const failure = describeStorageError(error);
      const retryInMs = this.#retryDelays[Math.min(this.#failures, this.#retryDelays.length) - 1]!;
      const quota = failure.kind === 'quota';
      const state = quota || this.#failures > this.#quietFailures ? 'error' : 'retrying';
      const message = `${failure.message} Your changes are kept in this tab${quota || state === 'error' ? ' — export the model to keep a copy' : ''}; trying again in ${Math.round(retryInMs / 1000)} s.`;
      this.#schedule(retryInMs, { state, quota, attempt: this.#failures, retryInMs, message });
      return;
    }
    if (result.ok) {
      this.#base = result.summary.revision;
      this.#failures = 0;
      if (this.#pending) this.#schedule(this.#delay, { state: 'pending' });
      else this.#setStatus({ state: 'saved', revision: result.summary.revision });
      return;
    }
    this.#pending ??= model;
    this.#conflict = true;
    this.#clearTimer();
    this.#setStatus(
      result.reason === 'conflict'
        ? {
            state: 'conflict',
            reason: 'newer',
            storedRevision: result.stored.revision,
            message: CONFLICT_MESSAGES.newer,
          }
        : { state: 'conflict', reason: 'deleted', message: CONFLICT_MESSAGES.deleted },
    );
  }

  #setStatus(status: AutosaveStatus): void {
    this.#status = status;
    this.#onStatus(status);
  }
}
