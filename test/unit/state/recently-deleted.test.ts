import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { DB_NAME, DELETED_KEPT_MS, DELETED_STORE } from '../../../src/lib/persistence/schema';
import { ManualClock } from '../persistence/clock';
import { example, saved, stored, useTabs } from './tabs';

// Deleting a model in the page's library (issue 9 item 19): it moves to
// "Recently deleted" for 30 days, restorable after the Undo toast has gone.
const tabs = useTabs();

/** Deleted models left in the database, read without the library (which would purge). */
async function deletedOnDisk(): Promise<string[]> {
  const db = await openDB(DB_NAME);
  const names = (await db.getAll(DELETED_STORE)).map((r: { name: string }) => r.name);
  db.close();
  return names;
}

describe('Recently deleted', () => {
  it('keeps a deleted model after the toast has gone; Restore brings it back and opens it', async () => {
    const first = await tabs.tab();
    const seedId = first.library.current.id!;
    await first.library.duplicate(seedId);
    const copyId = first.library.current.id!;
    await saved(first.library);
    await first.library.remove(copyId);
    expect(first.library.current.id).toBe(seedId);
    expect(first.library.removed?.summary).toMatchObject({ id: copyId });
    first.library.removed = null; // the 10-second toast went
    expect(first.library.deleted.map((m) => m.id)).toEqual([copyId]);
    first.library.dispose();

    // Another start (a reload): still there, restorable.
    const again = await tabs.tab();
    await again.library.refreshDeleted();
    expect(again.library.deleted).toMatchObject([
      { id: copyId, name: `${example('seed').name} (copy)` },
    ]);
    await again.library.restore(copyId);
    expect(again.library.current.id).toBe(copyId);
    expect(again.workspace.model.name).toBe(`${example('seed').name} (copy)`);
    expect(again.library.deleted).toEqual([]);
    expect((await stored()).map((m) => m.id).sort()).toEqual([seedId, copyId].sort());
  });

  it('Undo restores without a trace in Recently deleted', async () => {
    const { library } = await tabs.tab();
    const seedId = library.current.id!;
    await library.duplicate(seedId);
    const copyId = library.current.id!;
    await library.remove(copyId);
    await library.undoRemove();
    expect(library.current.id).toBe(copyId);
    expect(library.deleted).toEqual([]);
    expect(await deletedOnDisk()).toEqual([]);
  });

  it('says so when a model is no longer restorable', async () => {
    const { library, workspace } = await tabs.tab();
    await library.restore('never-deleted');
    expect(workspace.notice).toEqual({
      kind: 'error',
      text: 'That model is no longer in Recently deleted.',
    });
  });

  it('erases deleted models for good 30 days on, at the next start', async () => {
    const clock = new ManualClock();
    clock.now = 1_700_000_000_000;
    const now = () => clock.now;
    const first = await tabs.tab('', { now });
    await first.library.duplicate(first.library.current.id!);
    await first.library.remove(first.library.current.id!);
    first.library.dispose();

    clock.advance(DELETED_KEPT_MS - 1);
    const before = await tabs.tab('', { now });
    await before.library.refreshDeleted();
    expect(before.library.deleted).toHaveLength(1);
    before.library.dispose();

    clock.advance(1);
    await tabs.tab('', { now });
    await vi.waitFor(async () => expect(await deletedOnDisk()).toEqual([]));
    expect(await stored()).toHaveLength(1);
  });
});
