import { getContext, setContext } from 'svelte';
import type { CellChange } from '../analysis/trial';
import { EditError } from '../model/edits';
import type { Model } from '../model/types';
import type { ApplyPlan } from './apply/plan';
import { appliedText } from './apply/words';
import type { Compute } from './compute/client';
import type { ComputeResult, FocusResult, SheetChange } from './compute/protocol';
import { History } from './history';

/** A message for the user about something they just did, with an optional action ("Undo"). */
export interface Notice {
  kind: 'error' | 'info';
  text: string;
  /**
   * A button the notice offers: its label ("Undo"), its accessible name,
   * which starts with the label and says what it acts on ("Undo apply"),
   * and what it does.
   */
  action?: { label: string; name: string; run: () => void };
}

/** A what-if waiting for the user to confirm that formulas may be overwritten. */
export interface PendingApply {
  /** The model the plan was worked out from; confirming fails once the model has moved on. */
  base: Model;
  plan: ApplyPlan;
}

/** What became of an Apply: done, waiting for confirmation, or refused (with a notice). */
export type ApplyOutcome = 'applied' | 'confirm' | 'refused';

/** Why rows cannot move in a model opened safely. */
const SAFE_ROWS =
  'Open normally first: rows can be inserted, deleted or moved only once the formulas have run, so their references follow.';

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
  /** A what-if that would overwrite formulas, until the user confirms or cancels it. */
  pendingApply: PendingApply | null = $state.raw(null);
  canUndo = $state(false);
  canRedo = $state(false);
  /**
   * True when the open model's last compute never ended (it stopped the
   * app): it was opened without running its formulas, until {@link openNormally}.
   */
  openedSafely = $state(false);

  readonly #compute: Compute;
  /** Counts the models opened: a result of an earlier one is never shown as this one's. */
  #opened = 0;
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
    // A result may lag the model by an edit, but never come from another model opened before.
    const opened = this.#opened;
    const current = () => opened === this.#opened;
    const failed = (error: unknown) => {
      if (current()) this.computeError = error instanceof Error ? error.message : String(error);
    };
    const { result, focus } = this.#compute.analyze(this.model, {
      skipFormulas: this.openedSafely,
    });
    result.then((result) => {
      if (!result || !current()) return;
      if (result.model === this.model) {
        this.result = result;
        this.computeError = null;
      } else if (this.result === null) {
        this.result = result;
      }
    }, failed);
    focus.then((focus) => {
      if (focus && current() && (focus.model === this.model || this.focus === null)) {
        this.focus = focus;
      }
    }, failed);
  }

  /** Computes the model opened safely after all: its formulas run from now on. */
  openNormally(): void {
    if (!this.openedSafely) return;
    this.openedSafely = false;
    this.#analyze();
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
    if (this.openedSafely) {
      // The engine holds no formula then, so it could not make references follow the rows.
      this.notice = { kind: 'error', text: SAFE_ROWS };
      return false;
    }
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

  /**
   * Applies a what-if of the five focusing steps (state/apply/plan.ts): number
   * cells get their new numbers and a formula resting on one assumption keeps
   * its formula while the assumption changes. When other formulas would be
   * overwritten, nothing changes yet: {@link pendingApply} holds the plan
   * until {@link confirmApply} or {@link cancelApply}. Once applied (one undo
   * step), the notice says what changed and offers Undo.
   */
  async apply(changes: readonly CellChange[]): Promise<ApplyOutcome> {
    const base = this.model;
    let plan: ApplyPlan;
    try {
      plan = await this.#compute.plan(base, changes);
    } catch (error) {
      this.notice = { kind: 'error', text: error instanceof Error ? error.message : String(error) };
      return 'refused';
    }
    if (this.model !== base) {
      this.notice = { kind: 'error', text: 'The model changed while that ran; apply again.' };
      return 'refused';
    }
    if (plan.steps.some((s) => s.kind === 'overwrite')) {
      this.pendingApply = { base, plan };
      return 'confirm';
    }
    return this.#applyPlan(base, plan);
  }

  /** Applies the pending what-if, overwriting its formulas (refused when the model changed since). */
  confirmApply(): ApplyOutcome {
    const pending = this.pendingApply;
    this.pendingApply = null;
    if (!pending) return 'refused';
    if (this.model !== pending.base) {
      this.notice = { kind: 'error', text: 'The model changed since; apply again.' };
      return 'refused';
    }
    return this.#applyPlan(pending.base, pending.plan);
  }

  /** Drops the pending what-if: nothing is changed. */
  cancelApply(): void {
    this.pendingApply = null;
  }

  #applyPlan(base: Model, plan: ApplyPlan): ApplyOutcome {
    if (this.edit(() => plan.model) !== 'changed') return 'refused';
    const applied = this.model;
    this.notice = {
      kind: 'info',
      text: appliedText(base, plan.steps),
      action: {
        label: 'Undo',
        name: 'Undo apply',
        // Only while nothing was edited after it: otherwise Undo would take back a later edit.
        run: () => {
          if (this.model !== applied) {
            this.notice = {
              kind: 'error',
              text: 'Other edits came after it; undo them first (Ctrl+Z).',
            };
            return;
          }
          this.undo();
          this.notice = null;
        },
      },
    };
    return 'applied';
  }

  /** Goes back one undo step (nothing when there is none). */
  undo(): void {
    const before = this.#history.undo(this.model);
    if (before) this.#set(before, 'undo');
  }

  /** Replays the step last undone (nothing when there is none). */
  redo(): void {
    const after = this.#history.redo(this.model);
    if (after) this.#set(after, 'redo');
  }

  /**
   * Opens another model with a fresh history (its own undo steps start now).
   *
   * @param cause 'open' for a model the user chose; 'external' when another tab
   *   saved newer work of this model (listeners must not save it back). On
   *   'open' the last model's results go (nothing of it shows as this one's),
   *   and a model whose compute never ended last time opens safely.
   */
  open(model: Model, cause: 'open' | 'external' = 'open'): void {
    this.#history.clear();
    if (cause === 'open') {
      this.#opened++;
      this.result = null;
      this.focus = null;
      this.computeError = null;
      this.openedSafely = this.#compute.stoppedLastTime(model);
    }
    this.#set(model, cause);
  }

  /** Stops the compute worker. */
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
