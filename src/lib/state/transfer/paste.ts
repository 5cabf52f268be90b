import { ImportError } from '../../io/errors';
import { pasteToModel } from '../../io/paste';
import { EditError } from '../../model/edits';
import type { Model } from '../../model/types';
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
