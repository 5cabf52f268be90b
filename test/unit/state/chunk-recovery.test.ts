import { describe, expect, it } from 'vitest';
import {
  CHUNK_RELOAD_GUARD_MS,
  CHUNK_RELOAD_KEY,
  isChunkError,
  recoverFromMissingChunks,
  type RecoveryEnv,
} from '../../../src/lib/state/app/chunk-recovery';

/** A page: events, sessionStorage that survives reloads, timers run by hand. */
function fakePage(storage: Map<string, string> | null = new Map()) {
  const target = new EventTarget();
  const timers: (() => void)[] = [];
  let reloads = 0;
  const env: RecoveryEnv = {
    target: target as unknown as RecoveryEnv['target'],
    storage: storage && {
      getItem: (k) => storage.get(k) ?? null,
      setItem: (k, v) => void storage.set(k, v),
      removeItem: (k) => void storage.delete(k),
    },
    reload: () => void reloads++,
    setTimeout: (callback, ms) => {
      expect(ms).toBe(CHUNK_RELOAD_GUARD_MS);
      timers.push(callback);
    },
  };
  const fire = (event: Event) => {
    target.dispatchEvent(event);
    return event.defaultPrevented;
  };
  const rejection = (reason: unknown) => {
    const event = new Event('unhandledrejection', { cancelable: true });
    Object.assign(event, { reason });
    return fire(event);
  };
  return {
    env,
    storage,
    get reloads() {
      return reloads;
    },
    preloadError: () => fire(new Event('vite:preloadError', { cancelable: true })),
    rejection,
    runTimers: () => timers.splice(0).forEach((t) => t()),
  };
}

describe('recovering from a missing chunk', () => {
  it('recognises every browser’s words for a module that failed to load', () => {
    for (const message of [
      'Failed to fetch dynamically imported module: https://x/_app/immutable/chunks/a.js',
      'error loading dynamically imported module',
      'Importing a module script failed.',
      'Unable to preload CSS for /_app/immutable/assets/0.css',
    ]) {
      expect(isChunkError(new TypeError(message))).toBe(true);
    }
    expect(isChunkError(new Error('Cannot read properties of undefined'))).toBe(false);
    expect(isChunkError({ message: 'Importing a module script failed.' })).toBe(false);
  });

  it('reloads once for a preload error, and not again after that reload', () => {
    const page = fakePage();
    const stop = recoverFromMissingChunks(page.env);
    expect(page.preloadError()).toBe(true);
    expect(page.reloads).toBe(1);
    expect(page.storage?.has(CHUNK_RELOAD_KEY)).toBe(true);
    stop();
    // The reloaded page fails again at once: the error is left to show.
    const after = fakePage(page.storage);
    recoverFromMissingChunks(after.env);
    expect(after.preloadError()).toBe(false);
    expect(after.rejection(new TypeError('Importing a module script failed.'))).toBe(false);
    expect(after.reloads).toBe(0);
  });

  it('reloads for a failed dynamic import but leaves other rejections alone', () => {
    const page = fakePage();
    recoverFromMissingChunks(page.env);
    expect(page.rejection(new Error('something else'))).toBe(false);
    expect(page.reloads).toBe(0);
    expect(page.rejection(new TypeError('Failed to fetch dynamically imported module'))).toBe(true);
    expect(page.reloads).toBe(1);
  });

  it('may reload again once the guard time has passed after a good load', () => {
    const page = fakePage(new Map([[CHUNK_RELOAD_KEY, '1']]));
    recoverFromMissingChunks(page.env);
    page.runTimers();
    expect(page.preloadError()).toBe(true);
    expect(page.reloads).toBe(1);
  });

  it('never reloads without sessionStorage (it could not stop a loop)', () => {
    const page = fakePage(null);
    recoverFromMissingChunks(page.env);
    expect(page.preloadError()).toBe(false);
    expect(page.reloads).toBe(0);
  });
});
