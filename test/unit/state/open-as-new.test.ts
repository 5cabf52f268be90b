import { describe, expect, it } from 'vitest';
import { emptyModel } from '../../../src/lib/model/defaults';
import { EXAMPLES } from '../../../src/lib/model/examples';
import type { ModelLibrary } from '../../../src/lib/state/library.svelte';
import { openAsNewModel } from '../../../src/lib/state/transfer/open';
import { Workspace } from '../../../src/lib/state/workspace.svelte';
import { localCompute } from './local-compute';

const imported = () => ({ ...EXAMPLES[0]!.model(), name: 'Imported funnel' });

describe('openAsNewModel', () => {
  it('opens the model with a fresh history and says so', async () => {
    const w = new Workspace(localCompute(), emptyModel());
    w.edit((m) => ({ ...m, name: 'Edited' }));
    const model = imported();
    expect(await openAsNewModel(w, undefined, model)).toBe(true);
    expect(w.model).toBe(model);
    expect(w.canUndo).toBe(false);
    expect(w.notice).toEqual({ kind: 'info', text: 'Opened “Imported funnel” as a new model.' });
  });

  it('goes through the library when there is one, and keeps its refusal', async () => {
    const w = new Workspace(localCompute(), emptyModel());
    const before = w.model;
    const refusing = {
      openAsNew: async () => {
        w.notice = { kind: 'error', text: 'Your last changes are not saved.' };
      },
    } as unknown as ModelLibrary;
    expect(await openAsNewModel(w, refusing, imported())).toBe(false);
    expect(w.model).toBe(before);
    expect(w.notice?.text).toBe('Your last changes are not saved.');

    const opening = { openAsNew: async (m: typeof before) => w.open(m) } as unknown as ModelLibrary;
    const model = imported();
    expect(await openAsNewModel(w, opening, model)).toBe(true);
    expect(w.model).toBe(model);
  });
});
