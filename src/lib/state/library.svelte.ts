import { getContext, setContext } from 'svelte';
import { emptyModel, untitledName } from '../model/defaults';
import { FIRST_RUN_EXAMPLE } from '../model/examples';
import { serializeModel } from '../model/serialize';
import type { Model } from '../model/types';
import { openChangeChannel, type ChangeChannel } from '../persistence/channel';
import { cleanModelName, type Library, type LoadResult } from '../persistence/library';
import type { OpenLibraryResult } from '../persistence/open';
import { requestPersistentStorage } from '../persistence/persist';
import type { DeletedSummary, ModelSummary } from '../persistence/schema';
import { describeStorageError } from '../persistence/storage-errors';
import { CurrentModel } from './library/current.svelte';
import { LocalNotes, pageStorage, type Draft } from './library/local-notes';
import {
  loadShareLinks,
  openBrowserLibrary,
  pageFragment,
  takeSharedModel,
  type Fragment,
} from './library/start';
import type { Notice, Workspace } from './workspace.svelte';

export type { Conflict, Unsaved } from './library/current.svelte';

/** A model deleted a moment ago (now in "Recently deleted"), for the toast's Undo. */
export interface Removed {
  /** What was deleted, and when (its id restores it). */
  summary: DeletedSummary;
  /** True when it was the open model (Undo opens it again). */
  wasCurrent: boolean;
}

/** What the library needs from the page; defaults are the browser's (tests pass their own). */
export interface ModelLibraryOptions {
  /** Opens the database; default openLibrary, announcing changes on `channel`. */
  open?: (channel: ChangeChannel, onVersionChange: () => void) => Promise<OpenLibraryResult>;
  /** The change channel between tabs; default the app's BroadcastChannel. */
  channel?: () => ChangeChannel;
  /** localStorage for the last model and rescue drafts; default the page's (null: none). */
  local?: Storage | null;
  /** sessionStorage for this tab's last model; default the page's (null: none). */
  tab?: Storage | null;
  /** The URL fragment, read once at start and then cleared; default location.hash. */
  fragment?: Fragment;
  /** Quiet time after an edit before it is written, in ms (autosave's default when omitted). */
  autosaveDelayMs?: number;
}

const sameModel = (a: Model, b: Model) =>
  JSON.stringify(serializeModel(a)) === JSON.stringify(serializeModel(b));

/**
 * The saved-model library as the page sees it: the list for the Models menu,
 * the open model and its saving ({@link current}), a share link opened at
 * start, storage trouble. Create it beside the Workspace and call
 * {@link start} once. Open models only through it ({@link openAsNew} for an
 * import or an example), never with `workspace.open`, so an opened model
 * never lands on the one it replaced (one opened behind its back is added as
 * a new model all the same).
 */
export class ModelLibrary {
  /** False until the start-up model is open (the page shows a quiet loading state). */
  ready = $state(false);
  /** Where models are kept: IndexedDB, or this tab's memory only (storageMessage says why). */
  mode: 'loading' | 'library' | 'memory' = $state('loading');
  /** Why saving is off or paused, for a banner; null when all is well. */
  storageMessage: string | null = $state(null);
  /** Saved models, most recently updated first. */
  models: ModelSummary[] = $state.raw([]);
  /** Why the share link in the address could not be opened. */
  linkError: string | null = $state(null);
  /** The model just deleted, until Undo or dismissal. */
  removed: Removed | null = $state.raw(null);
  /** "Recently deleted": deleted models still restorable, most recently deleted first (see {@link refreshDeleted}). */
  deleted: DeletedSummary[] = $state.raw([]);
  /** The open model: its id, saving status, conflicts with other tabs. */
  readonly current: CurrentModel;

  readonly #workspace: Workspace;
  readonly #options: ModelLibraryOptions;
  readonly #notes: LocalNotes;
  #library: Library | null = null;
  #channel: ChangeChannel | null = null;
  #cleanup: (() => void)[] = [];

  /** @param workspace the page's workspace; it shows whatever model this opens */
  constructor(workspace: Workspace, options: ModelLibraryOptions = {}) {
    this.#workspace = workspace;
    this.#options = options;
    this.#notes = new LocalNotes(
      options.local === undefined ? pageStorage('localStorage') : options.local,
      options.tab === undefined ? pageStorage('sessionStorage') : options.tab,
    );
    this.current = new CurrentModel({
      workspace,
      notes: this.#notes,
      notice: (notice) => this.#notice(notice.kind, notice.text),
      onStored: () => void this.refresh(),
      delayMs: options.autosaveDelayMs,
    });
  }

  /**
   * Opens the library and the start-up model: a share link in the address (as
   * an unsaved copy), else the model open last, else the most recent, else
   * (first run) the seed example saved as a new model. Nothing is written
   * before the stored model has loaded. Without IndexedDB the app runs in memory.
   */
  async start(): Promise<void> {
    if (this.mode !== 'loading') return;
    const shared = await takeSharedModel(this.#options.fragment ?? pageFragment);
    this.linkError = shared.error ?? null;
    this.#cleanup.push(this.#workspace.subscribe(this.current.onChange));
    const channel = (this.#options.channel ?? openChangeChannel)();
    const opened = await (this.#options.open ?? openBrowserLibrary)(channel, () => {
      this.storageMessage =
        'A newer version of Bottleneck opened in another tab. Reload this tab to keep saving.';
    });
    if (!opened.ok) {
      channel.close();
      this.#inMemory(opened.message, shared.model);
    } else {
      this.#library = opened.library;
      this.#channel = channel;
      this.current.connect(opened.library);
      this.mode = 'library';
      this.#cleanup.push(
        channel.subscribe((change) => {
          void this.refresh();
          this.current.onRemote(change);
        }),
      );
      void requestPersistentStorage();
      void this.#guard(() => opened.library.purgeDeleted());
      try {
        if (shared.model) this.current.show(shared.model, null, 0, 'shared');
        else await this.#openHome(() => FIRST_RUN_EXAMPLE.model());
        await this.refresh();
      } catch (error) {
        this.#inMemory(`Saving is off: ${describeStorageError(error).message}`, shared.model);
      }
    }
    this.#listenForHide();
    this.ready = true;
    // Warm the share-link code after first paint, so Share answers at once.
    void loadShareLinks().catch(() => {});
  }

  /** Re-reads the list of saved models. */
  async refresh(): Promise<void> {
    const list = await this.#guard(() => this.#library!.list());
    if (list) this.models = list;
  }

  /** Re-reads "Recently deleted" (purging what is past its 30 days). */
  async refreshDeleted(): Promise<void> {
    const list = await this.#guard(() => this.#library!.listDeleted());
    if (list) this.deleted = list;
  }

  /** Opens saved model `id` (after writing the open model's last edits). */
  async open(id: string): Promise<void> {
    if (id === this.current.id || !(await this.current.leave())) return;
    if (!(await this.#openStored(id, false))) await this.refresh();
  }

  /**
   * Adds `model` to the library as a new model and opens it; the model open
   * before keeps its saved state. THE way to open an imported file or an
   * example. Without storage it simply opens, in memory.
   */
  async openAsNew(model: Model): Promise<void> {
    if (!(await this.current.leave())) return;
    this.current.show(model, null, 0, null);
    await this.current.add(model);
  }

  /** Opens a new empty model, named "Untitled model", or "Untitled model 2"… when that is taken. */
  newModel(): Promise<void> {
    return this.openAsNew(emptyModel(untitledName(this.models.map((m) => m.name))));
  }

  /** Adds the open unsaved model (a shared link's, or one the library refused) to the library. */
  async saveUnsaved(): Promise<void> {
    if (this.current.id === null && this.current.unsaved) {
      await this.current.add(this.#workspace.model);
    }
  }

  /** Copies saved model `id` as "… (copy)" and opens the copy. */
  async duplicate(id: string): Promise<void> {
    if (id === this.current.id) await this.current.flush();
    const copy = await this.#guard(() => this.#library!.duplicate(id));
    if (copy && 'id' in copy) await this.open(copy.id);
    else if (copy) this.#notice('error', `That model could not be copied (${copy.reason}).`);
    await this.refresh();
  }

  /** Renames saved model `id`; the open one through an edit, so it is one undo step. */
  async rename(id: string, name: string): Promise<void> {
    const clean = cleanModelName(name);
    if (id === this.current.id) {
      this.#workspace.edit((m) => (m.name === clean ? m : { ...m, name: clean }));
    } else {
      const result = await this.#guard(() => this.#library!.rename(id, clean));
      if (result && !result.ok)
        this.#notice('error', `It could not be renamed (${result.reason}).`);
    }
    await this.refresh();
  }

  /**
   * Deletes saved model `id`: it moves to "Recently deleted" (restorable for
   * 30 days), and the toast offers {@link undoRemove}; deleting the open model opens another.
   */
  async remove(id: string): Promise<void> {
    const wasCurrent = id === this.current.id;
    if (wasCurrent) {
      await this.current.flush();
      this.current.detach(false);
    }
    const summary = await this.#guard(() => this.#library!.remove(id));
    this.#notes.clearDraft(id);
    if (summary) this.removed = { summary, wasCurrent };
    if (wasCurrent) await this.#openHome(() => emptyModel());
    await Promise.all([this.refresh(), this.refreshDeleted()]);
  }

  /** Undo of the toast: restores the model deleted last, and opens it again if it was open. */
  async undoRemove(): Promise<void> {
    const removed = this.removed;
    this.removed = null;
    if (removed) await this.restore(removed.summary.id, removed.wasCurrent);
  }

  /**
   * Brings model `id` back from "Recently deleted" as it was, and opens it
   * when `open` (default: the Models menu's Restore opens what it restores).
   */
  async restore(id: string, open = true): Promise<void> {
    const back = await this.#guard(() => this.#library!.restore(id));
    if (back === false) this.#notice('error', 'That model is no longer in Recently deleted.');
    if (back && open) await this.open(id);
    await Promise.all([this.refresh(), this.refreshDeleted()]);
  }

  /** Conflict choice after a deletion elsewhere: let it go and open the most recent model. */
  async closeDeleted(): Promise<void> {
    this.current.detach(false);
    await this.#openHome(() => emptyModel());
    await this.refresh();
  }

  /** The share link of the open model: `base` (default this page), `#`, the model. */
  async shareLink(base: string = location.href): Promise<string> {
    const model = this.#workspace.model;
    return (await loadShareLinks()).shareUrl(base, model);
  }

  /** Stops listening; the last edit is written, then the database closes. */
  dispose(): void {
    for (const cleanup of this.#cleanup.splice(0)) cleanup();
    const library = this.#library;
    this.#channel?.close();
    void this.current.flush().finally(() => {
      this.current.detach(false);
      library?.close();
    });
  }

  #inMemory(message: string, shared: Model | undefined): void {
    this.mode = 'memory';
    this.storageMessage = message;
    this.#library = null;
    this.current.connect(null);
    this.current.show(shared ?? FIRST_RUN_EXAMPLE.model(), null, 0, null);
  }

  /** Opens the model open last, else the most recent one that opens, else a new `fallback()`. */
  async #openHome(fallback: () => Model): Promise<void> {
    const last = this.#notes.lastModel;
    const ids = (await this.#library!.list()).map((s) => s.id);
    for (const id of last && ids.includes(last) ? [last, ...ids] : ids) {
      if (await this.#openStored(id, true)) return;
    }
    await this.openAsNew(fallback());
  }

  /** Opens saved model `id`, with any rescue draft of it; false when it cannot be opened. */
  async #openStored(id: string, quiet: boolean): Promise<boolean> {
    const loaded = await this.#guard(() => this.#library!.get(id));
    if (!loaded?.ok) {
      if (loaded?.reason === 'corrupt') {
        const { name } = loaded.summary;
        this.#notice('error', `“${name}” could not be opened: ${loaded.error.message} It is kept.`);
      } else if (loaded && !quiet) {
        this.#notice('error', 'That model no longer exists (deleted in another tab?).');
      }
      return false;
    }
    const draft = this.#notes.readDraft(id);
    this.current.show(loaded.model, id, loaded.summary.revision, null);
    if (draft) await this.#recover(id, draft, loaded);
    return true;
  }

  /** Brings back edits a closed tab could not write: on top when nothing moved since, else as a copy. */
  async #recover(id: string, draft: Draft, stored: LoadResult & { ok: true }): Promise<void> {
    this.#notes.clearDraft(id);
    if (sameModel(draft.model, stored.model)) return;
    if (draft.base === stored.summary.revision) {
      this.#workspace.edit(() => draft.model);
      this.#notice('info', 'Your last changes, made just before the tab closed, are back.');
      return;
    }
    const copy = { ...draft.model, name: cleanModelName(`${draft.model.name} (recovered)`) };
    if (await this.#guard(() => this.#library!.create(copy))) {
      this.#notice('info', `Changes made in a closed tab were kept as “${copy.name}”.`);
    }
  }

  /** Writes on `visibilitychange` (hidden) and `pagehide`, leaving a rescue draft in case the tab dies first. */
  #listenForHide(): void {
    if (typeof document === 'undefined') return;
    const hide = () => this.current.hide();
    const visibility = () => {
      if (document.visibilityState === 'hidden') hide();
    };
    document.addEventListener('visibilitychange', visibility);
    addEventListener('pagehide', hide);
    this.#cleanup.push(() => {
      document.removeEventListener('visibilitychange', visibility);
      removeEventListener('pagehide', hide);
    });
  }

  /** Runs a library call; without a library it does nothing, and a storage failure becomes a notice. */
  async #guard<T>(call: () => Promise<T>): Promise<T | null> {
    if (!this.#library) return null;
    try {
      return await call();
    } catch (error) {
      this.#notice('error', describeStorageError(error).message);
      return null;
    }
  }

  #notice(kind: Notice['kind'], text: string): void {
    this.#workspace.notice = { kind, text };
  }
}

const KEY = Symbol('model-library');

/** Makes the library available to every component below. */
export function setLibrary(library: ModelLibrary): ModelLibrary {
  return setContext(KEY, library);
}

/** The library set by the page. */
export function getLibrary(): ModelLibrary {
  return getContext<ModelLibrary>(KEY);
}
