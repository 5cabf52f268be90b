import { describe, expect, it, vi } from 'vitest';
import { encodeShareFragment } from '../../../src/lib/io/share-link';
import { setFunnelCell } from '../../../src/lib/model/cell-edits';
import { openLibrary } from '../../../src/lib/persistence/open';
import { Workspace } from '../../../src/lib/state/workspace.svelte';
import { library as rawLibrary } from '../persistence/setup';
import { localCompute } from './local-compute';
import { example, MemoryStorage, named, saved, stored, useTabs } from './tabs';

// The page's library wiring over fake-indexeddb: start-up, autosave, share
// links, other tabs, rescue drafts. Each "tab" is a Workspace + ModelLibrary.

const tabs = useTabs();
const tab = tabs.tab.bind(tabs);

describe('start-up', () => {
  it('saves the seed example as the first model on first run', async () => {
    const { library, workspace } = await tab();
    expect(library.ready).toBe(true);
    expect(library.mode).toBe('library');
    const [only, ...rest] = await stored();
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ name: example('seed').name, revision: 1 });
    expect(library.current.id).toBe(only!.id);
    expect(workspace.model).toEqual(example('seed'));
    expect(library.models.map((m) => m.id)).toEqual([only!.id]);
  });

  it('opens the model open last, and writes nothing until an edit', async () => {
    const lib = await rawLibrary();
    const older = await lib.create(named('Older'));
    await lib.create(named('Newer'));
    lib.close();
    tabs.local().setItem('bottleneck:last-model', older.id);
    const { library, workspace } = await tab();
    expect(workspace.model.name).toBe('Older');
    expect(library.current.id).toBe(older.id);
    await new Promise((r) => setTimeout(r, 30));
    expect((await stored()).map((m) => m.revision)).toEqual([1, 1]);
  });

  it("reopens each tab's own model on reload, and the last one opened anywhere in a new tab", async () => {
    const lib = await rawLibrary();
    const first = await lib.create(named('First'));
    const second = await lib.create(named('Second'));
    lib.close();
    const tabA = new MemoryStorage();
    const a = await tab('', { tab: tabA });
    await a.library.open(first.id);
    const b = await tab('', { tab: new MemoryStorage() });
    await b.library.open(second.id);
    a.library.dispose();
    expect((await tab('', { tab: new MemoryStorage() })).workspace.model.name).toBe('Second');
    expect((await tab('', { tab: tabA })).workspace.model.name).toBe('First');
  });

  it('saves every edit, and a reload shows it', async () => {
    const first = await tab();
    first.workspace.edit((m) => setFunnelCell(m, 0, 'arrivals', '2500'));
    await saved(first.library);
    const id = first.library.current.id;
    first.library.dispose();
    const second = await tab();
    expect(second.workspace.model.stages[0]?.arrivals).toBe('2500');
    expect(second.library.current.id).toBe(id);
  });
});

describe('share links', () => {
  it('opens a shared model as an unsaved copy, leaves local models alone, clears the address', async () => {
    const mine = await tab();
    const before = await stored();
    mine.library.dispose();
    const shared = named('From a co-founder');
    const opened = await tab(encodeShareFragment(shared));
    expect(opened.hash()).toBe('');
    expect(opened.workspace.model).toEqual(shared);
    expect(opened.library.current).toMatchObject({ id: null, unsaved: 'shared' });
    opened.workspace.edit((m) => setFunnelCell(m, 0, 'arrivals', '7'));
    await new Promise((r) => setTimeout(r, 30));
    expect(await stored()).toEqual(before);

    await opened.library.saveUnsaved();
    expect(opened.library.current.unsaved).toBeNull();
    const after = await stored();
    expect(after).toHaveLength(2);
    const added = after.find((m) => m.id === opened.library.current.id);
    expect(added?.model?.stages[0]?.arrivals).toBe('7');
  });

  it('says what is wrong with a garbage link and opens the last model', async () => {
    const mine = await tab();
    const id = mine.library.current.id;
    mine.library.dispose();
    const opened = await tab('m1.AAAAgarbage!!');
    expect(opened.library.linkError).toMatch(/damaged or incomplete/);
    expect(opened.library.current.id).toBe(id);
    expect(opened.hash()).toBe('');
    opened.library.dispose();
    // A stray % (URI malformed) is damaged too, and says so instead of throwing.
    const stray = await tab(`${encodeShareFragment(named('Shared'))}%%zz`);
    expect(stray.library.linkError).toMatch(/damaged or incomplete/);
    expect(stray.library.current.id).toBe(id);
  });

  it('opens a link whose characters were %-escaped on the way', async () => {
    const link = encodeShareFragment(named('Escaped on the way'));
    const escaped = link.replace(
      /[.\-_]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
    expect(escaped).not.toBe(link);
    const opened = await tab(escaped);
    expect(opened.library.linkError).toBeNull();
    expect(opened.workspace.model.name).toBe('Escaped on the way');
  });
});

describe('opening and the Models menu', () => {
  it('adds an example or import as a new model, leaving the open one as saved', async () => {
    const { library, workspace } = await tab();
    const seedId = library.current.id;
    await library.openAsNew(example('cold-email'));
    expect(workspace.model).toEqual(example('cold-email'));
    expect(library.current.id).not.toBe(seedId);
    const all = await stored();
    expect(all.find((m) => m.id === seedId)?.model).toEqual(example('seed'));
    expect(all).toHaveLength(2);
  });

  it('adds a model opened with workspace.open behind its back instead of saving it over the open one', async () => {
    const { library, workspace } = await tab();
    const seedId = library.current.id;
    workspace.open(named('Imported'));
    workspace.edit((m) => setFunnelCell(m, 0, 'arrivals', '11'));
    await vi.waitFor(async () => expect(await stored()).toHaveLength(2));
    await saved(library);
    const all = await stored();
    expect(all.find((m) => m.id === seedId)?.model).toEqual(example('seed'));
    expect(all.find((m) => m.name === 'Imported')?.model?.stages[0]?.arrivals).toBe('11');
  });

  it('duplicates, renames, deletes with undo', async () => {
    const { library, workspace } = await tab();
    const seedId = library.current.id!;
    await library.duplicate(seedId);
    const copyId = library.current.id!;
    expect(workspace.model.name).toBe(`${example('seed').name} (copy)`);
    await library.rename(seedId, '  Renamed   elsewhere ');
    await library.rename(copyId, 'My copy');
    expect(workspace.model.name).toBe('My copy');
    expect(workspace.canUndo).toBe(true);
    await saved(library);
    expect((await stored()).map((m) => m.name).sort()).toEqual(['My copy', 'Renamed elsewhere']);

    await library.remove(copyId);
    expect(library.current.id).toBe(seedId);
    expect(library.models.map((m) => m.id)).toEqual([seedId]);
    await library.undoRemove();
    expect(library.current.id).toBe(copyId);
    expect(workspace.model.name).toBe('My copy');
    expect(library.models).toHaveLength(2);
  });
});

describe('a tab closed before its edit was written', () => {
  it('leaves a rescue draft when the tab is hidden with an edit not yet written', async () => {
    const { library, workspace } = await tab('', { delay: 60_000 });
    workspace.edit((m) => setFunnelCell(m, 0, 'arrivals', '4321'));
    library.current.hide();
    const draft = JSON.parse(tabs.local().getItem(`bottleneck:draft:${library.current.id}`)!);
    expect(draft.base).toBe(1);
    expect(draft.doc.stages[0].arrivals).toBe('4321');
    await saved(library); // the write hide() started went through: the draft goes
    expect(tabs.local().getItem(`bottleneck:draft:${library.current.id}`)).toBeNull();
  });

  it('brings back a draft made on the stored revision, as an undoable edit, and saves it', async () => {
    const first = await tab();
    const id = first.library.current.id!;
    first.library.dispose();
    const edited = setFunnelCell(example('seed'), 0, 'arrivals', '4321');
    tabs.local().setItem(`bottleneck:draft:${id}`, JSON.stringify({ base: 1, doc: edited }));
    const second = await tab();
    expect(second.workspace.model.stages[0]?.arrivals).toBe('4321');
    expect(second.workspace.canUndo).toBe(true);
    await saved(second.library);
    expect((await stored())[0]).toMatchObject({ revision: 2, model: edited });
  });

  it('keeps a draft made on an older revision as a recovered copy', async () => {
    const first = await tab();
    const id = first.library.current.id!;
    first.library.dispose();
    tabs
      .local()
      .setItem(
        `bottleneck:draft:${id}`,
        JSON.stringify({ base: 0, doc: { ...named('Lost edits') } }),
      );
    const second = await tab();
    expect(second.library.current.id).toBe(id);
    expect(second.workspace.model).toEqual(example('seed'));
    await vi.waitFor(async () =>
      expect((await stored()).map((m) => m.name)).toContain('Lost edits (recovered)'),
    );
  });
});

describe('storage trouble', () => {
  it('keeps the model in memory and reports a full disk as quota, then saves once there is room', async () => {
    const opened = await openLibrary();
    if (!opened.ok) throw new Error(opened.message);
    const library = opened.library;
    const save = library.save.bind(library);
    let full = true;
    library.save = (...args) =>
      full
        ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
        : save(...args);
    const workspace = new Workspace(localCompute(), example('seed'));
    const lib = await tabs.start(workspace, {
      fragment: { read: () => '', clear: () => {} },
      open: async () => ({ ok: true, library }),
      autosaveDelayMs: 5,
    });
    workspace.edit((m) => setFunnelCell(m, 0, 'arrivals', '999'));
    await vi.waitFor(() =>
      expect(lib.current.status).toMatchObject({ state: 'error', quota: true }),
    );
    expect(workspace.model.stages[0]?.arrivals).toBe('999');
    expect(lib.current.dirty).toBe(true);
    full = false;
    await lib.current.flush();
    expect(lib.current.status.state).toBe('saved');
    expect((await stored())[0]?.model?.stages[0]?.arrivals).toBe('999');
  });
});

describe('without IndexedDB', () => {
  it('runs in memory, says so, and keeps editing', async () => {
    const { library, workspace } = await tab('', { memory: true });
    expect(library).toMatchObject({ mode: 'memory', storageMessage: 'No storage here.' });
    expect(workspace.model).toEqual(example('seed'));
    expect(workspace.edit((m) => setFunnelCell(m, 0, 'arrivals', '9'))).toBe('changed');
    await library.openAsNew(example('cold-email'));
    expect(workspace.model).toEqual(example('cold-email'));
    expect(library.current.id).toBeNull();
    expect((await openLibrary()).ok).toBe(true); // nothing was written to the real store
    expect(await stored()).toEqual([]);
  });
});
