import type { Model } from '../../model/types';
import type { AutosaveStatus } from '../../persistence/autosave';
import type { LibraryChange } from '../../persistence/channel';
import { cleanModelName, type Library } from '../../persistence/library';
import { describeStorageError } from '../../persistence/storage-errors';
import type { ChangeCause, Notice, Workspace } from '../workspace.svelte';
import type { LocalNotes } from './local-notes';
import { ModelSaver } from './saver';

/** Another tab changed the open model: it wrote newer work (`newer`) or deleted it (`deleted`). */
export interface Conflict {
  reason: 'newer' | 'deleted';
  /** What happened, in plain words, for the banner. */
  message: string;
}

/** Why the open model is not in the library: opened from a share link, or the library refused it. */
export type Unsaved = 'shared' | 'refused' | null;

/** What {@link CurrentModel} needs from the library around it. */
export interface CurrentModelOptions {
  workspace: Workspace;
  notes: LocalNotes;
  /** Tells the user something (the workspace's notice toast). */
  notice(notice: Notice): void;
  /** Called after the open model was written or added (the list of models needs refreshing). */
  onStored(): void;
  /** Autosave's quiet time, in ms; its default when undefined. */
  delayMs?: number | undefined;
}

const NEWER = 'This model was changed in another tab while you were editing it here.';
const DELETED = 'This model was deleted in another tab. Your version is still here.';
const conflictOf = (reason: Conflict['reason']): Conflict => ({
  reason,
  message: reason === 'newer' ? NEWER : DELETED,
});

/**
 * The open model as stored: which saved model it is (or why it is not stored),
 * its autosave, and what other tabs did to it. Every edit in the workspace is
 * saved; another tab's newer work replaces it while this tab has no unsaved
 * edits of its own, and otherwise becomes a {@link Conflict} for the user to settle.
 */
export class CurrentModel {
  /** Id of the open model in the library, or null when it is not stored. */
  id: string | null = $state(null);
  /** Why the open model is not stored, when it is not (memory mode aside). */
  unsaved: Unsaved = $state(null);
  /** Its autosave status (`waiting` when it is not stored). */
  status: AutosaveStatus = $state.raw({ state: 'waiting' });
  /** Another tab's change to it that needs the user's choice. */
  conflict: Conflict | null = $state.raw(null);

  readonly #options: CurrentModelOptions;
  #library: Library | null = null;
  #saver: ModelSaver | null = null;
  #opening = false;

  constructor(options: CurrentModelOptions) {
    this.#options = options;
  }

  /** From now on, models are stored in `library` (null: memory only). */
  connect(library: Library | null): void {
    this.#library = library;
  }

  /** True while an edit of a stored model is not yet written. */
  get dirty(): boolean {
    return this.#saver?.dirty ?? false;
  }

  /** Shows `model` with a fresh history; saves it as `id` stored at `revision` (null: not stored). */
  show(model: Model, id: string | null, revision: number, unsaved: Unsaved): void {
    this.#opening = true;
    try {
      this.#options.workspace.open(model, 'open');
    } finally {
      this.#opening = false;
    }
    this.#attach(id, revision, model);
    this.unsaved = unsaved;
  }

  /** Adds `model`, already shown, to the library as a new model and starts saving it. */
  async add(model: Model): Promise<void> {
    const library = this.#library;
    if (!library) return;
    try {
      const summary = await library.create(model);
      this.#attach(summary.id, summary.revision, model);
    } catch (error) {
      this.unsaved = 'refused';
      this.#options.notice({ kind: 'error', text: describeStorageError(error).message });
    }
  }

  /** Stops saving the open model; `keep` writes its pending edits first, in the background. */
  detach(keep: boolean): void {
    this.#saver?.retire(keep);
    this.#saver = null;
    this.id = null;
    this.conflict = null;
    this.status = { state: 'waiting' };
  }

  /** Writes the last edit now. */
  async flush(): Promise<void> {
    await this.#saver?.flush();
  }

  /**
   * Before another model opens: writes the last edits. Edits that will not
   * write (storage failing) are kept as a rescue draft; a conflict must be settled first.
   *
   * @returns false when the switch must not happen (the user is told why)
   */
  async leave(): Promise<boolean> {
    const saver = this.#saver;
    if (!saver) return true;
    await saver.flush();
    if (!saver.dirty) return true;
    const { workspace, notice } = this.#options;
    if (!this.conflict && saver.keepDraft(workspace.model)) {
      notice({
        kind: 'info',
        text: 'Your last changes are not saved yet: they come back when you reopen it.',
      });
      return true;
    }
    notice({
      kind: 'error',
      text: 'Your last changes are not saved: settle the warning or export first.',
    });
    return false;
  }

  /** The tab is being hidden or closed: keep a rescue draft of unwritten edits, and write them. */
  hide(): void {
    const saver = this.#saver;
    if (!saver?.dirty) return;
    saver.keepDraft(this.#options.workspace.model);
    void saver.flush();
  }

  /** Conflict choice: drop this tab's edits and show what the other tab saved. */
  async reloadTheirs(): Promise<void> {
    this.#saver?.discard();
    await this.#reloadStored(true);
  }

  /**
   * Conflict choice: keep this tab's version as a new model ("… (my copy)";
   * the same name when the original was deleted); the other tab's work stays.
   */
  async keepMineAsCopy(): Promise<void> {
    const model = this.#options.workspace.model;
    const copy =
      this.conflict?.reason === 'deleted'
        ? model
        : { ...model, name: cleanModelName(`${model.name} (my copy)`) };
    this.#saver?.discard();
    this.show(copy, null, 0, null);
    await this.add(copy);
  }

  /** Every model change in the workspace (subscribe it): edits are saved; a model opened behind our back is added. */
  readonly onChange = (model: Model, cause: ChangeCause): void => {
    if (cause === 'external' || this.#opening) return;
    if (cause === 'open') {
      this.detach(true);
      this.unsaved = null;
      void this.add(model);
    } else {
      this.#saver?.change(model);
    }
  };

  /** Another tab changed a model: for the open one, update or warn. */
  readonly onRemote = (change: LibraryChange): void => {
    const saver = this.#saver;
    if (!saver || change.id !== saver.id) return;
    if (change.deleted) this.conflict = conflictOf('deleted');
    else if (change.revision > saver.revision) {
      if (saver.dirty || this.conflict) this.conflict = conflictOf('newer');
      else void this.#reloadStored(false);
    }
  };

  /** Starts saving model `id` stored at `revision` as `stored`; edits made since then follow. */
  #attach(id: string | null, revision: number, stored: Model): void {
    this.detach(true);
    const library = this.#library;
    if (id === null || !library) return;
    const { workspace, notes, delayMs } = this.#options;
    this.id = id;
    this.unsaved = null;
    const saver: ModelSaver = new ModelSaver({
      id,
      revision,
      library,
      notes,
      delayMs,
      onStatus: (status) => {
        if (this.#saver !== saver) return;
        this.status = status;
        if (status.state === 'saved') this.#options.onStored();
        if (status.state === 'conflict') this.conflict = conflictOf(status.reason);
      },
    });
    this.#saver = saver;
    saver.start();
    notes.remember(id);
    if (workspace.model !== stored) saver.change(workspace.model);
  }

  /** Shows the stored version of the open model; unless `force`, only while this tab has no unsaved edits. */
  async #reloadStored(force: boolean): Promise<void> {
    const saver = this.#saver;
    if (!saver || !this.#library) return;
    let loaded;
    try {
      loaded = await this.#library.get(saver.id);
    } catch (error) {
      this.#options.notice({ kind: 'error', text: describeStorageError(error).message });
      return;
    }
    if (this.#saver !== saver) return;
    if (!loaded.ok || (!force && saver.dirty)) {
      this.conflict = conflictOf(loaded.ok ? 'newer' : 'deleted');
      return;
    }
    this.#options.workspace.open(loaded.model, 'external');
    this.conflict = null;
    saver.reloaded(loaded.summary.revision);
  }
}
