/* Tells other tabs of the same app that a saved model changed, so a tab
   showing it can reload it or warn before its own autosave meets a revision
   conflict. BroadcastChannel never delivers to the sending channel object. */

/** The BroadcastChannel name shared by every tab. Changing it splits old and new tabs apart. */
export const CHANNEL_NAME = 'bottleneck-library';

/** One change to the library: a model written (at `revision`) or deleted. */
export interface LibraryChange {
  /** Id of the saved model. */
  id: string;
  /** Its revision after the change (for a deletion, the last revision it had). */
  revision: number;
  /** True when the model was deleted. */
  deleted: boolean;
}

/** Announces and hears library changes. A no-op where BroadcastChannel does not exist. */
export interface ChangeChannel {
  /** False where BroadcastChannel is missing: other tabs are not told (revisions still protect them). */
  readonly available: boolean;
  /** Tells every other tab about a change. */
  announce(change: LibraryChange): void;
  /**
   * Calls `listener` for every change another tab announces.
   *
   * @returns a function that stops listening
   */
  subscribe(listener: (change: LibraryChange) => void): () => void;
  /** Stops announcing and listening. */
  close(): void;
}

/** True for a well-formed change message (messages come from other tabs, possibly other app versions). */
export function isLibraryChange(data: unknown): data is LibraryChange {
  if (typeof data !== 'object' || data === null) return false;
  const { id, revision, deleted } = data as Record<string, unknown>;
  return (
    typeof id === 'string' &&
    typeof revision === 'number' &&
    Number.isInteger(revision) &&
    typeof deleted === 'boolean'
  );
}

/**
 * Opens the change channel.
 *
 * @param name the channel name (tests use their own)
 */
export function openChangeChannel(name = CHANNEL_NAME): ChangeChannel {
  if (typeof BroadcastChannel === 'undefined') {
    return { available: false, announce() {}, subscribe: () => () => {}, close() {} };
  }
  const channel = new BroadcastChannel(name);
  const listeners = new Set<(change: LibraryChange) => void>();
  channel.onmessage = (event: MessageEvent) => {
    if (!isLibraryChange(event.data)) return;
    const { id, revision, deleted } = event.data;
    for (const listener of listeners) listener({ id, revision, deleted });
  };
  let closed = false;
  return {
    available: true,
    announce(change) {
      if (!closed) channel.postMessage({ ...change });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      listeners.clear();
      channel.close();
    },
  };
}
