/* After a new version is deployed, a tab still running the old one may ask
   for a code chunk that no longer exists. A reload fetches the new version;
   a flag in sessionStorage makes it ONE reload, so a chunk that is missing
   for good shows its error instead of reloading forever. Edits are not lost:
   the library writes them (or a rescue draft) on `pagehide`. */

/** sessionStorage key of the reload already made. */
export const CHUNK_RELOAD_KEY = 'bottleneck:chunk-reload';

/** How long after a load the flag is kept: a failure later than this may reload again. */
export const CHUNK_RELOAD_GUARD_MS = 10_000;

/** The browsers' words for a module that failed to load (Chromium, Firefox, Safari, Vite's preload). */
const CHUNK_ERROR =
  /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed|Unable to preload CSS|Failed to load module script/i;

/** True for an error saying a code chunk could not be loaded. */
export function isChunkError(error: unknown): boolean {
  const message =
    error instanceof Error ? error.message : typeof error === 'string' ? error : undefined;
  return message !== undefined && CHUNK_ERROR.test(message);
}

/** What recovery needs from the page (injectable for tests). */
export interface RecoveryEnv {
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  reload(): void;
  setTimeout(callback: () => void, ms: number): unknown;
}

const pageEnv = (): RecoveryEnv => {
  let storage: Storage | null = null;
  try {
    storage = sessionStorage;
  } catch {
    // no sessionStorage: no reload at all, rather than a loop
  }
  return {
    target: window,
    storage,
    reload: () => location.reload(),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
  };
};

/**
 * Reloads the page once when a code chunk fails to load (`vite:preloadError`,
 * or a rejected dynamic import nobody handled); a second failure within
 * {@link CHUNK_RELOAD_GUARD_MS} of the reload is left to show.
 *
 * @returns a function that stops listening
 */
export function recoverFromMissingChunks(env: RecoveryEnv = pageEnv()): () => void {
  const { target, storage } = env;
  const reloadOnce = (): boolean => {
    if (!storage) return false;
    try {
      if (storage.getItem(CHUNK_RELOAD_KEY) !== null) return false;
      storage.setItem(CHUNK_RELOAD_KEY, String(Date.now()));
    } catch {
      return false;
    }
    env.reload();
    return true;
  };
  const onPreloadError = (event: Event) => {
    if (reloadOnce()) event.preventDefault();
  };
  const onRejection = (event: PromiseRejectionEvent) => {
    if (isChunkError(event.reason) && reloadOnce()) event.preventDefault();
  };
  target.addEventListener('vite:preloadError', onPreloadError);
  target.addEventListener('unhandledrejection', onRejection);
  env.setTimeout(() => {
    try {
      storage?.removeItem(CHUNK_RELOAD_KEY);
    } catch {
      // nothing to clear
    }
  }, CHUNK_RELOAD_GUARD_MS);
  return () => {
    target.removeEventListener('vite:preloadError', onPreloadError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}
