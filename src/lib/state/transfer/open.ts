import type { Model } from '../../model/types';
import type { Workspace } from '../workspace.svelte';

/**
 * Opens an imported or dropped model as a new model: the one that was open
 * is left as it was (its undo history ends here), and the user is told.
 *
 * @param model a restored model (from io/)
 */
export function openAsNewModel(workspace: Workspace, model: Model): void {
  workspace.open(model);
  workspace.notice = { kind: 'info', text: `Opened “${model.name}” as a new model.` };
}
