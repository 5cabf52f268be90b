import type { Model } from '../../model/types';
import { Autosave, type AutosaveStatus } from '../../persistence/autosave';
import type { Library } from '../../persistence/library';
import type { LocalNotes } from './local-notes';

/** What a {@link ModelSaver} needs. */
export interface ModelSaverOptions {
  /** Id of the saved model. */
  id: string;
  /** Its stored revision, as just loaded or created. */
  revision: number;
  library: Library;
  notes: LocalNotes;
  /** Every status change of its autosave. */
  onStatus(status: AutosaveStatus): void;
  /** Autosave's quiet time, in ms; its default when undefined. */
  delayMs?: number | undefined;
}

/**
 * Saves one open model: autosave bound to its id, the stored revision its
 * edits build on, and its rescue draft in localStorage (cleared once the
 * edits are stored).
 */
export class ModelSaver {
  /** Id of the saved model. */
  readonly id: string;
  readonly #autosave: Autosave;
  readonly #notes: LocalNotes;
  #revision: number;

  constructor(options: ModelSaverOptions) {
    const { id, library, notes } = options;
    this.id = id;
    this.#notes = notes;
    this.#revision = options.revision;
    this.#autosave = new Autosave({
      save: async (model, base) => {
        const result = await library.save(id, model, base);
        if (result.ok) this.#revision = result.summary.revision;
        return result;
      },
      onStatus: (status) => {
        if (status.state === 'saved') notes.clearDraft(id);
        options.onStatus(status);
      },
      ...(options.delayMs !== undefined && { delayMs: options.delayMs }),
    });
  }

  /** Starts saving: the stored model has loaded (statuses start with `saved`). */
  start(): void {
    this.#autosave.loaded(this.#revision);
  }

  /** The stored revision the open model's edits build on. */
  get revision(): number {
    return this.#revision;
  }

  /** True while an edit is not yet stored. */
  get dirty(): boolean {
    return this.#autosave.dirty;
  }

  /** Records an edit (written after the quiet time). */
  change(model: Model): void {
    this.#autosave.change(model);
  }

  /** Writes the last edit now; see Autosave.flush. */
  flush(): Promise<void> {
    return this.#autosave.flush();
  }

  /** Drops edits not yet written. */
  discard(): void {
    this.#autosave.discard();
  }

  /** The tab now shows stored `revision` (another tab's work): its own unwritten edits are dropped. */
  reloaded(revision: number): void {
    this.#autosave.discard();
    this.#revision = revision;
    this.#autosave.loaded(revision);
  }

  /**
   * Keeps `model` as a rescue draft for the next start (the tab is going
   * away, or the write keeps failing).
   *
   * @returns false when localStorage refused it
   */
  keepDraft(model: Model): boolean {
    return this.#notes.writeDraft(this.id, this.#revision, model);
  }

  /** Stops saving; `keep` writes pending edits first, in the background. */
  retire(keep: boolean): void {
    const autosave = this.#autosave;
    if (keep && autosave.dirty) void autosave.flush().finally(() => autosave.dispose());
    else autosave.dispose();
  }
}
