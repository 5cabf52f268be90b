import { ImportError } from '../../io/errors';
import { pasteToModel } from '../../io/paste';
import { pasteFunnel, type UnappliedLink } from '../../model/cell-edits';
import { EditError } from '../../model/edits';
import { HEADER_ROWS } from '../../model/layout';
import type { Model, StageId } from '../../model/types';
import type { EditOutcome, Workspace } from '../workspace.svelte';

/**
 * A table pasted into a model with no stages, read as stages (names,
 * numbers, percentages; see io/paste.ts) into that model: its name, period
 * and assumptions stay.
 *
 * @param model the open model (expected to have no stages)
 * @param text the clipboard's text (tab-separated as Sheets and Excel copy it)
 * @returns the model with the pasted stages, and what the reader warned about
 * @throws EditError with the reader's message when the text is not a table of stages
 */
export function stagesFromPaste(model: Model, text: string): { model: Model; warnings: string[] } {
  try {
    const { model: pasted, warnings } = pasteToModel(text, { base: model });
    return { model: pasted, warnings };
  } catch (error) {
    if (error instanceof ImportError) throw new EditError(error.message);
    throw error;
  }
}

/**
 * Pastes a table into the open model as stages, one undoable edit; a bad
 * table becomes the workspace's notice and changes nothing; warnings (only
 * names were read…) become an info notice.
 *
 * @param text the clipboard's text
 */
export function pasteStages(workspace: Workspace, text: string): EditOutcome {
  let warnings: string[] = [];
  const outcome = workspace.edit((m) => {
    const pasted = stagesFromPaste(m, text);
    warnings = pasted.warnings;
    return pasted.model;
  });
  if (outcome === 'changed') {
    const count = workspace.model.stages.length;
    const read = `Read ${count} stage${count === 1 ? '' : 's'} from the pasted table.`;
    workspace.notice = { kind: 'info', text: [read, ...warnings].join(' ') };
  }
  return outcome;
}

/** A pasted "Feeds into" cell that was not applied: its stage, the text, why, and the link kept. */
export interface UnappliedPaste extends UnappliedLink {
  /** The stage's id (its row may move later). */
  stage: StageId;
  /** The link the stage kept: a stage id, or null for the end of the funnel. */
  kept: StageId | null;
}

/** How many problems the notice lists one by one; the rest are counted. */
const LISTED = 3;

/**
 * Pastes a block into the Funnel grid with its top-left cell at (`row`,
 * `col`), one undoable edit (see pasteFunnel). "Feeds into" cells that name
 * no stage (or would make a circle) are left as they were and the rest is
 * pasted; an error notice then says which rows and why, with the pasted text.
 * Any other bad cell refuses the whole paste with its message.
 *
 * @param block rows of cell texts
 * @returns the cells left as they were (empty when all was pasted, or the paste was refused)
 */
export function pasteIntoFunnel(
  workspace: Workspace,
  row: number,
  col: number,
  block: string[][],
): UnappliedPaste[] {
  let unapplied: UnappliedLink[] = [];
  const outcome = workspace.edit((m) => {
    const pasted = pasteFunnel(m, row, col, block);
    unapplied = pasted.unapplied;
    return pasted.model;
  });
  if (outcome === 'refused' || unapplied.length === 0) return [];
  const stages = workspace.model.stages;
  const result = unapplied.flatMap((u) => {
    const stage = stages[u.row];
    return stage ? [{ ...u, stage: stage.id, kept: stage.next }] : [];
  });
  const n = result.length;
  const listed = result.slice(0, LISTED).map((u) => `Row ${u.row + HEADER_ROWS + 1}: ${u.reason}`);
  const more = n > LISTED ? [`And ${n - LISTED} more.`] : [];
  const left = n === 1 ? 'one cell was left as it was' : `${n} cells were left as they were`;
  workspace.notice = {
    kind: 'error',
    text: [`Pasted, but ${left} (marked in red).`, ...listed, ...more].join(' '),
  };
  return result;
}
