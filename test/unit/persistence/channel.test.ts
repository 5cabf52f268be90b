import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/lib/model/examples';
import {
  isLibraryChange,
  openChangeChannel,
  type LibraryChange,
} from '../../../src/lib/persistence/channel';
import { requestPersistentStorage } from '../../../src/lib/persistence/persist';
import { freshIndexedDB, library } from './setup';

const opened: { close(): void }[] = [];
afterEach(() => opened.splice(0).forEach((c) => c.close()));
beforeEach(freshIndexedDB);

/** A channel of its own name per test, closed afterwards. */
function channel(name: string) {
  const c = openChangeChannel(name);
  opened.push(c);
  return c;
}

/** The next change heard on `c`. */
const nextChange = (c: ReturnType<typeof channel>) =>
  new Promise<LibraryChange>((resolve) => {
    const stop = c.subscribe((change) => {
      stop();
      resolve(change);
    });
  });

describe('change channel', () => {
  it('tells other tabs which model changed, at which revision', async () => {
    const tabA = channel('test-announce');
    const tabB = channel('test-announce');
    expect(tabA.available).toBe(true);
    const heard = nextChange(tabB);
    tabA.announce({ id: 'm1', revision: 3, deleted: false });
    expect(await heard).toEqual({ id: 'm1', revision: 3, deleted: false });
  });

  it('announces every library write: create, save, delete', async () => {
    const tabA = channel('test-library');
    const tabB = channel('test-library');
    const heard: LibraryChange[] = [];
    tabB.subscribe((c) => heard.push(c));
    const lib = await library({ channel: tabA });
    const model = EXAMPLES[0]!.model();
    const { id } = await lib.create(model);
    await lib.save(id, model, 1);
    await lib.save(id, model, 1); // a conflict: nothing written, nothing announced
    const last = nextChange(tabB);
    await lib.remove(id);
    await last;
    expect(heard).toEqual([
      { id, revision: 1, deleted: false },
      { id, revision: 2, deleted: false },
      { id, revision: 2, deleted: true },
    ]);
  });

  it('ignores malformed messages', async () => {
    const listener = channel('test-garbage');
    const raw = new BroadcastChannel('test-garbage');
    opened.push(raw);
    const heard: LibraryChange[] = [];
    listener.subscribe((c) => heard.push(c));
    const good = nextChange(listener);
    for (const bad of [
      null,
      'x',
      { id: 1, revision: 1, deleted: false },
      { id: 'a', revision: 1.5, deleted: false },
      { id: 'a', revision: 1 },
    ]) {
      raw.postMessage(bad);
    }
    raw.postMessage({ id: 'ok', revision: 1, deleted: false, extra: 'dropped' });
    expect(await good).toEqual({ id: 'ok', revision: 1, deleted: false });
    expect(heard).toHaveLength(1);
    expect(isLibraryChange({ id: 'a', revision: 2, deleted: true })).toBe(true);
  });

  it('is a harmless no-op where BroadcastChannel is missing', () => {
    const saved = globalThis.BroadcastChannel;
    // @ts-expect-error simulating an environment without BroadcastChannel
    delete globalThis.BroadcastChannel;
    try {
      const c = openChangeChannel();
      expect(c.available).toBe(false);
      c.announce({ id: 'a', revision: 1, deleted: false });
      c.subscribe(() => {})();
      c.close();
    } finally {
      globalThis.BroadcastChannel = saved;
    }
  });
});

describe('persistent storage request', () => {
  it('asks only when not yet persistent, and reports the answer', async () => {
    let asked = 0;
    const storage = (persisted: boolean, grant: boolean) => ({
      persisted: async () => persisted,
      persist: async () => {
        asked++;
        return grant;
      },
    });
    expect(await requestPersistentStorage(storage(true, false))).toBe('granted');
    expect(asked).toBe(0);
    expect(await requestPersistentStorage(storage(false, true))).toBe('granted');
    expect(await requestPersistentStorage(storage(false, false))).toBe('denied');
    expect(asked).toBe(2);
  });

  it('copes with browsers without the API or where it throws', async () => {
    expect(await requestPersistentStorage(undefined)).toBe('unsupported');
    expect(await requestPersistentStorage({})).toBe('unsupported');
    const throwing = { persist: () => Promise.reject(new Error('SecurityError')) };
    expect(await requestPersistentStorage(throwing)).toBe('unsupported');
  });
});
