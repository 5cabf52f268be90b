import type { Model } from '../../model/types';
import type { ModelLibrary } from '../library.svelte';
import type { Workspace } from '../workspace.svelte';

/**
 * Opens an imported or dropped model as a new model: through the model
 * library when the page has one (added to the saved models; the model that
 * was open keeps its saved state), else straight into the workspace. The
 * user is told unless the library had something to say.
 *
 * @param library the page's model library, when it has one
 * @param model a restored model (from io/)
 * @returns whether the model was opened (the library refuses while unsaved changes cannot be kept)
 */
export async function openAsNewModel(
  workspace: Workspace,
  library: ModelLibrary | undefined,
  model: Model,
): Promise<boolean> {
  workspace.notice = null;
  if (library) await library.openAsNew(model);
  else workspace.open(model);
  const opened = workspace.model === model;
  if (opened && workspace.notice === null) {
    workspace.notice = { kind: 'info', text: `Opened “${model.name}” as a new model.` };
  }
  return opened;
}
