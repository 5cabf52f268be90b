import type { Model } from '../../model/types';
import type { AutosaveStatus } from '../../persistence/autosave';
import type { LibraryChange } from '../../persistence/channel';
import { cleanModelName, type Library } from '../../persistence/library';
import { describeStorageError } from '../../persistence/storage-errors';
import type { ChangeCause, Notice, Workspace } from '../workspace.svelte';
import type { LocalNotes } from './local-notes';
import { ModelSaver } from './saver';

/**
 * Another tab changed the open model: it saved newer work (`newer`) or deleted
 * it (`deleted`). When this tab had edits of its own they are never dropped:
 * they are saved at once as a new model, the conflict copy (`copy`), which this
 * tab goes on editing and saving; the other tab's version stays as it is.
 */
export interface Conflict {
  reason: 'newer' | 'deleted';
  /** What happened and where this tab's edits are, in plain words, for the banner. */
  message: string;
  /** Name of the conflict copy holding this tab's edits; absent while this tab has none (deleted: keep or close). */
  copy?: string;
  /** Id of the model the other tab changed, to open its version (`newer` with a copy). */
  theirs?: string;
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

const DELETED =
  'This model was deleted in another tab (it is in Models › Recently deleted). Your version is still here: keep it as a new model, or close it. Edit on and your edits are kept as a copy.';

/** The conflict once this tab's edits of `name` are kept as `copy`. */
function copied(reason: Conflict['reason'], name: string, copy: string, theirs: string): Conflict {
  const elsewhere =
    reason === 'newer'
      ? `Another tab saved changes to “${name}” while you were editing it here.`
      : `Another tab deleted “${name}” while you were editing it here.`;
  const kept = `Your edits are kept as “${copy}”, and this tab goes on saving them there`;
  return reason === 'newer'
    ? {
        reason,
        copy,
        theirs,
        message: `${elsewhere} ${kept}; “${name}” keeps the other tab’s version.`,
      }
    : { reason, copy, message: `${elsewhere} ${kept}.` };
}

/**
 * The open model as stored: which saved model it is (or why it is not stored),
 * its autosave, and what other tabs did to it. Every edit in the workspace is
 * saved; another tab's newer work replaces it while this tab has no unsaved
 * edits of its own. Otherwise this tab's edits go into a conflict copy (a new
 * model, see {@link Conflict}) and are saved there, so no edit is ever dropped.
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
  #forking = false;

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
    const undecided = this.conflict !== null && !this.conflict.copy;
    if (!undecided && saver.keepDraft(workspace.model)) {
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

  /** Conflict choice after a deletion elsewhere (no edits here yet): keep this tab's version as a new model. */
  async keepMineAsNew(): Promise<void> {
    const model = this.#options.workspace.model;
    this.#saver?.discard();
    this.show(model, null, 0, null);
    await this.add(model);
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
      // Deleted elsewhere, and now edited here: keep the edits as a copy at once.
      if (this.conflict?.reason === 'deleted' && !this.conflict.copy) void this.#fork('deleted');
    }
  };

  /**
   * Another tab changed a model: for the open one, show its newer work while
   * this tab has no unwritten edits, else keep those edits as a conflict copy;
   * deleted, with no edits here, ask (keep or close).
   */
  readonly onRemote = (change: LibraryChange): void => {
    const saver = this.#saver;
    if (!saver || change.id !== saver.id) return;
    if (saver.dirty) void this.#fork(change.deleted ? 'deleted' : 'newer');
    else if (change.deleted) this.conflict = { reason: 'deleted', message: DELETED };
    else if (change.revision > saver.revision) void this.#reloadStored();
  };

  /**
   * This tab's edits met another tab's change (`reason`): they are saved now
   * as a new model "… (conflict copy)", which this tab goes on editing (its
   * undo history kept); the model the other tab changed is left alone.
   */
  async #fork(reason: Conflict['reason']): Promise<void> {
    const saver = this.#saver;
    if (this.#forking || !saver || !this.#library) return;
    this.#forking = true;
    try {
      const { workspace, notes } = this.#options;
      const name = workspace.model.name;
      const copy = cleanModelName(`${name} (conflict copy)`);
      this.detach(false);
      workspace.edit((m) => ({ ...m, name: copy }));
      await this.add(workspace.model);
      if (this.unsaved === 'refused') return; // the banner says so and offers an export
      notes.clearDraft(saver.id);
      this.conflict = copied(reason, name, copy, saver.id);
    } finally {
      this.#forking = false;
    }
  }

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
        // A write refused (the other tab's announcement missed): keep the edits as a copy.
        if (status.state === 'conflict') void this.#fork(status.reason);
      },
    });
    this.#saver = saver;
    saver.start();
    notes.remember(id);
    if (workspace.model !== stored) saver.change(workspace.model);
  }

  /** Shows the stored version of the open model (another tab's newer work) while this tab has no unwritten edits. */
  async #reloadStored(): Promise<void> {
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
    if (saver.dirty) {
      void this.#fork(loaded.ok ? 'newer' : 'deleted');
      return;
    }
    if (!loaded.ok) {
      this.conflict = { reason: 'deleted', message: DELETED };
      return;
    }
    this.#options.workspace.open(loaded.model, 'external');
    this.conflict = null;
    saver.reloaded(loaded.summary.revision);
  }
}
