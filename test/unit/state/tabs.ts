import { afterEach, beforeEach, expect, vi } from 'vitest';
import { EXAMPLES } from '../../../src/lib/model/examples';
import type { Model } from '../../../src/lib/model/types';
import { openChangeChannel } from '../../../src/lib/persistence/channel';
import { openLibrary } from '../../../src/lib/persistence/open';
import { ModelLibrary, type ModelLibraryOptions } from '../../../src/lib/state/library.svelte';
import { Workspace } from '../../../src/lib/state/workspace.svelte';
import { freshIndexedDB, library as rawLibrary } from '../persistence/setup';
import { localCompute } from './local-compute';

/* "Tabs" of the page's library over fake-indexeddb: each a Workspace and a
   ModelLibrary, sharing one origin's localStorage and BroadcastChannel. */

/** A bundled example model by id. */
export const example = (id: string) => EXAMPLES.find((e) => e.id === id)!.model();

/** The reference example under another name. */
export const named = (name: string): Model => ({ ...example('reference'), name });

/** localStorage in memory, shared by the tabs of one test (one origin). */
export class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  clear() {
    this.#items.clear();
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  key(i: number) {
    return [...this.#items.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  setItem(key: string, value: string) {
    this.#items.set(key, String(value));
  }
}

/** How a test tab is opened. */
export interface TabOptions {
  /** Autosave's quiet time in ms; default 5. */
  delay?: number;
  /** No IndexedDB: the library runs in memory. */
  memory?: boolean;
  /** This tab's sessionStorage (a reload of the same tab passes the same one). */
  tab?: Storage;
  /** The library's clock, in milliseconds since 1970 (default Date.now). */
  now?: () => number;
}

/** One open test tab. */
export interface TestTab {
  workspace: Workspace;
  library: ModelLibrary;
  /** The address's fragment now (cleared once read). */
  hash: () => string;
}

/**
 * Registers the hooks of a library test file (a fresh IndexedDB, localStorage
 * and channel per test; every tab disposed after it) and returns what opens tabs.
 */
export function useTabs() {
  let local = new MemoryStorage();
  let channelName = '';
  let tabs: ModelLibrary[] = [];
  let count = 0;

  beforeEach(() => {
    freshIndexedDB();
    local = new MemoryStorage();
    channelName = `library-test-${++count}-${Math.random()}`;
    tabs = [];
  });
  afterEach(() => tabs.forEach((t) => t.dispose()));

  /** The options every tab of this test shares: its localStorage and its channel. */
  const shared = (): Pick<ModelLibraryOptions, 'local' | 'channel'> => ({
    local,
    channel: () => openChangeChannel(channelName),
  });

  return {
    /** This test's localStorage. */
    local: () => local,
    /** Starts a library built with this test's storage and channel plus `options`, and disposes it after the test. */
    async start(workspace: Workspace, options: ModelLibraryOptions): Promise<ModelLibrary> {
      const library = new ModelLibrary(workspace, { ...shared(), tab: null, ...options });
      tabs.push(library);
      await library.start();
      return library;
    },
    /** Opens a tab (workspace + library) and starts it; `fragment` is the address's `#…`. */
    async tab(fragment = '', options: TabOptions = {}): Promise<TestTab> {
      const workspace = new Workspace(localCompute(), example('seed'));
      let hash = fragment;
      const { now } = options;
      const library = await this.start(workspace, {
        tab: options.tab ?? null,
        fragment: { read: () => hash, clear: () => (hash = '') },
        autosaveDelayMs: options.delay ?? 5,
        ...(options.memory && {
          open: async () => ({ ok: false, reason: 'unavailable', message: 'No storage here.' }),
        }),
        ...(now && {
          open: (channel, onVersionChange) => openLibrary({ channel, onVersionChange, now }),
        }),
      });
      return { workspace, library, hash: () => hash };
    },
  };
}

/** Waits until the tab's open model is stored. */
export const saved = (library: ModelLibrary) =>
  vi.waitFor(() => expect(library.current.status.state).toBe('saved'));

/** What the library holds now, read by a fresh connection. */
export async function stored() {
  const lib = await rawLibrary();
  const list = await lib.list();
  const models = await Promise.all(list.map(async (s) => ({ ...s, got: await lib.get(s.id) })));
  lib.close();
  return models.map(({ id, name, revision, got }) => ({
    id,
    name,
    revision,
    model: got.ok ? got.model : null,
  }));
}
