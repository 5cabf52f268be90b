/** The browser's answer to a request for persistent storage. */
export type PersistResult = 'granted' | 'denied' | 'unsupported';

/** The part of StorageManager used here (navigator.storage). */
export interface PersistentStorage {
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
}

/**
 * Asks the browser not to evict saved models under storage pressure
 * (`navigator.storage.persist()`). Asks only when not already persistent;
 * never throws.
 *
 * @param storage navigator.storage by default (injectable for tests)
 * @returns `granted`, `denied`, or `unsupported` where the API is missing or fails
 */
export async function requestPersistentStorage(
  storage: PersistentStorage | undefined = globalThis.navigator?.storage,
): Promise<PersistResult> {
  if (!storage || typeof storage.persist !== 'function') return 'unsupported';
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    return 'unsupported';
  }
}
