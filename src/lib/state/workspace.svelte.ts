import { getContext, setContext } from 'svelte';
import { EditError } from '../model/edits';
import type { Model } from '../model/types';
import type { Compute } from './compute/client';
import type { ComputeResult, FocusResult, SheetChange } from './compute/protocol';
import { History } from './history';

/** A message for the user about something they just did. */
export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

/** Why the model changed: an edit, undo or redo here, another model opened, or newer work from another tab. */
export type ChangeCause = 'edit' | 'undo' | 'redo' | 'open' | 'external';

/** What became of an edit. */
export type EditOutcome = 'changed' | 'unchanged' | 'refused';

/**
 * The open model and everything computed from it: the one place the UI
 * reads from and sends edits to. Every edit is one undo step; the formula
 * engine and analysis run in the compute worker, latest edit wins.
 */
export class Workspace {
  /** The model being edited (replaced whole on every edit). */
  model: Model = $state.raw() as Model;
  /** The latest analysis; it may lag `model` by one edit while the worker computes. */
  result: ComputeResult | null = $state.raw(null);
  /** The latest five focusing steps; they come a little after `result`, so they may lag it. */
  focus: FocusResult | null = $state.raw(null);
  /** Why the last computation failed, or null. */
  computeError: string | null = $state(null);
  /** The last notice for the user, or null. */
  notice: Notice | null = $state(null);
  /** True while the analysis is behind the model. */
  readonly pending = $derived(this.result?.model !== this.model);
  /** True while the focusing steps are behind the model. */
  readonly focusPending = $derived(this.focus?.model !== this.model);
  canUndo = $state(false);
  canRedo = $state(false);

  readonly #compute: Compute;
  readonly #history = new History<Model>();
  // Not reactive state: a plain list of callbacks.
  #listeners: ((model: Model, cause: ChangeCause) => void)[] = [];

  /**
   * @param compute where formulas are evaluated and the model analysed
   * @param initial the model to open
   */
  constructor(compute: Compute, initial: Model) {
    this.#compute = compute;
    this.model = initial;
    this.#analyze();
  }

  #set(model: Model, cause: ChangeCause): void {
    this.model = model;
    this.canUndo = this.#history.canUndo;
    this.canRedo = this.#history.canRedo;
    this.#analyze();
    for (const listener of this.#listeners) listener(model, cause);
  }

  /**
   * Calls `listener` after every change of the model (autosave, other tabs).
   *
   * @returns a function that stops the calls
   */
  subscribe(listener: (model: Model, cause: ChangeCause) => void): () => void {
    this.#listeners = [...this.#listeners, listener];
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  #analyze(): void {
    const failed = (error: unknown) => {
      this.computeError = error instanceof Error ? error.message : String(error);
    };
    const { result, focus } = this.#compute.analyze(this.model);
    result.then((result) => {
      if (result && result.model === this.model) {
        this.result = result;
        this.computeError = null;
      } else if (result && this.result === null) {
        this.result = result;
      }
    }, failed);
    focus.then((focus) => {
      if (focus && (focus.model === this.model || this.focus === null)) this.focus = focus;
    }, failed);
  }

  /**
   * Applies an edit as one undo step. An {@link EditError} becomes a notice
   * and the model is left as it was.
   *
   * @param edit a pure function of the model (see model/edits.ts)
   * @returns whether the model changed, stayed the same, or the edit was refused
   */
  edit(edit: (model: Model) => Model): EditOutcome {
    let next: Model;
    try {
      next = edit(this.model);
    } catch (error) {
      if (!(error instanceof EditError)) throw error;
      this.notice = { kind: 'error', text: error.message };
      return 'refused';
    }
    if (next === this.model) return 'unchanged';
    this.notice = null;
    this.#history.record(this.model);
    this.#set(next, 'edit');
    return 'changed';
  }

  /**
   * Inserts, deletes or moves rows as one undo step; formulas referring to
   * those rows follow them (the engine rewrites them).
   *
   * @param after an optional pure edit applied to the result in the same step
   */
  async restructure(change: SheetChange, after?: (model: Model) => Model): Promise<boolean> {
    const before = this.model;
    let next: Model;
    try {
      next = await this.#compute.restructure(before, change);
      if (after) next = after(next);
    } catch (error) {
      this.notice = { kind: 'error', text: error instanceof Error ? error.message : String(error) };
      return false;
    }
    if (this.model !== before) {
      // Another edit landed meanwhile: do not overwrite it.
      this.notice = { kind: 'error', text: 'The rows changed while that edit ran; try again.' };
      return false;
    }
    this.#history.record(before);
    this.#set(next, 'edit');
    return true;
  }

  undo(): void {
    const before = this.#history.undo(this.model);
    if (before) this.#set(before, 'undo');
  }

  redo(): void {
    const after = this.#history.redo(this.model);
    if (after) this.#set(after, 'redo');
  }

  /**
   * Opens another model with a fresh history (its own undo steps start now).
   *
   * @param cause 'open' for a model the user chose; 'external' when another tab
   *   saved newer work of this model (listeners must not save it back)
   */
  open(model: Model, cause: 'open' | 'external' = 'open'): void {
    this.#history.clear();
    this.#set(model, cause);
  }

  dispose(): void {
    this.#compute.dispose();
  }
}

const KEY = Symbol('workspace');

/** Makes the workspace available to every component below. */
export function setWorkspace(workspace: Workspace): Workspace {
  return setContext(KEY, workspace);
}

/** The workspace set by the page. */
export function getWorkspace(): Workspace {
  return getContext<Workspace>(KEY);
}
