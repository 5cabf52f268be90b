import { describe, expect, it, vi } from 'vitest';
import { setFunnelCell } from '../../../src/lib/model/cell-edits';
import { openChangeChannel } from '../../../src/lib/persistence/channel';
import { Workspace } from '../../../src/lib/state/workspace.svelte';
import { localCompute } from './local-compute';
import { example, MemoryStorage, saved, stored, useTabs } from './tabs';

// Two tabs on one model (issue 9 item 26): a tab's edits are never dropped.
// Where another tab saved newer work or deleted the model, this tab's edits
// are saved at once as "… (conflict copy)", which it goes on editing.
const tabs = useTabs();
const arrivals = (workspace: Workspace) => workspace.model.stages[0]?.arrivals;
const SEED = example('seed').name;
const COPY = `${SEED} (conflict copy)`;

/** What the library holds, by name: the first stage's arrivals. */
async function byName(): Promise<Record<string, string | undefined>> {
  return Object.fromEntries((await stored()).map((m) => [m.name, m.model?.stages[0]?.arrivals]));
}

describe('another tab saved newer work', () => {
  it('updates a tab with no unsaved edits', async () => {
    const a = await tabs.tab();
    const b = await tabs.tab();
    expect(b.library.current.id).toBe(a.library.current.id);
    a.workspace.edit((m) => setFunnelCell(m, 0, 'arrivals', '3000'));
    await saved(a.library);
    await vi.waitFor(() => expect(arrivals(b.workspace)).toBe('3000'));
    b.workspace.edit((m) => setFunnelCell(m, 0, 'arrivals', '3100'));
    await saved(b.library);
    await vi.waitFor(() => expect(arrivals(a.workspace)).toBe('3100'));
    expect((await stored())[0]).toMatchObject({ revision: 3 });
    expect(a.library.current.conflict).toBeNull();
  });

  it('keeps this tab’s edits as a conflict copy, saves later edits there, and a reload shows them', async () => {
    const a = await tabs.tab();
    const session = new MemoryStorage();
    const b = await tabs.tab('', { delay: 60_000, tab: session });
    const id = a.library.current.id!;
    b.workspace.edit((m) => setFunnelCell(m, 0, 'arrivals', '5'));
    a.workspace.edit((m) => setFunnelCell(m, 0, 'arrivals', '1234'));
    await saved(a.library);

    await vi.waitFor(() => expect(b.library.current.conflict?.copy).toBe(COPY));
    const conflict = b.library.current.conflict!;
    expect(conflict).toMatchObject({ reason: 'newer', theirs: id });
    expect(conflict.message).toBe(
      `Another tab saved changes to “${SEED}” while you were editing it here. Your edits are kept as “${COPY}”, and this tab goes on saving them there; “${SEED}” keeps the other tab’s version.`,
    );
    expect(b.library.current.id).not.toBe(id);
    expect(b.workspace.model.name).toBe(COPY);
    expect(arrivals(b.workspace)).toBe('5');
    expect(b.workspace.canUndo).toBe(true); // the tab's history goes on
    expect(await byName()).toEqual({ [SEED]: '1234', [COPY]: '5' });

    // Edits after the warning are saved too, in the copy; the other tab's work stays.
    b.workspace.edit((m) => setFunnelCell(m, 0, 'arrivals', '77'));
    await b.library.current.flush();
    expect(b.library.current.status.state).toBe('saved');
    expect(await byName()).toEqual({ [SEED]: '1234', [COPY]: '77' });
    expect(arrivals(a.workspace)).toBe('1234');

    // A reload of that tab opens the copy with every edit.
    b.library.dispose();
    const reloaded = await tabs.tab('', { tab: session });
    expect(reloaded.workspace.model.name).toBe(COPY);
    expect(arrivals(reloaded.workspace)).toBe('77');
  });

  it('keeps the edits as a copy when the write is refused and no message came (no channel between them)', async () => {
    const a = await tabs.tab();
    const workspace = new Workspace(localCompute(), example('seed'));
    const b = await tabs.start(workspace, {
      channel: () => openChangeChannel('a-channel-no-other-tab-uses'),
      fragment: { read: () => '', clear: () => {} },
      autosaveDelayMs: 60_000,
    });
    workspace.edit((m) => setFunnelCell(m, 0, 'arrivals', '6'));
    a.workspace.edit((m) => setFunnelCell(m, 0, 'arrivals', '1234'));
    await saved(a.library);
    await b.current.flush(); // refused: the stored revision moved on
    await vi.waitFor(() => expect(b.current.conflict?.copy).toBe(COPY));
    await saved(b);
    expect(await byName()).toEqual({ [SEED]: '1234', [COPY]: '6' });
  });
});

describe('another tab deleted the model', () => {
  it('keeps this tab’s unwritten edits as a conflict copy', async () => {
    const a = await tabs.tab();
    const b = await tabs.tab('', { delay: 60_000 });
    b.workspace.edit((m) => setFunnelCell(m, 0, 'arrivals', '8'));
    await a.library.remove(a.library.current.id!);
    await vi.waitFor(() => expect(b.library.current.conflict?.copy).toBe(COPY));
    expect(b.library.current.conflict?.message).toBe(
      `Another tab deleted “${SEED}” while you were editing it here. Your edits are kept as “${COPY}”, and this tab goes on saving them there.`,
    );
    await saved(b.library);
    expect((await byName())[COPY]).toBe('8');
  });

  it('asks a tab without edits to keep or close it, and the first edit there keeps a copy', async () => {
    const a = await tabs.tab();
    const b = await tabs.tab('', { delay: 60_000 });
    await a.library.remove(a.library.current.id!);
    await vi.waitFor(() => expect(b.library.current.conflict?.reason).toBe('deleted'));
    expect(b.library.current.conflict?.copy).toBeUndefined();
    expect(b.library.current.conflict?.message).toMatch(/keep it as a new model, or close it/);
    b.workspace.edit((m) => setFunnelCell(m, 0, 'arrivals', '9'));
    await vi.waitFor(() => expect(b.library.current.conflict?.copy).toBe(COPY));
    await saved(b.library);
    expect((await byName())[COPY]).toBe('9');
  });

  it('keeps the version of a tab without edits as a new model when asked', async () => {
    const a = await tabs.tab();
    const b = await tabs.tab();
    const id = a.library.current.id!;
    await a.library.remove(id);
    await vi.waitFor(() => expect(b.library.current.conflict?.reason).toBe('deleted'));
    await b.library.current.keepMineAsNew();
    expect(b.library.current.id).not.toBe(id);
    expect(b.library.current.conflict).toBeNull();
    expect((await stored()).map((m) => m.name)).toContain(SEED);
  });
});
