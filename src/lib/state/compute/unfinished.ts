import type { Model } from '../../model/types';

/*
 * "This model stopped the app last time": an analysis that runs long marks
 * its model in localStorage and clears the mark when it ends. A mark still
 * there at the next start means the tab died (or was closed) mid-compute,
 * so that model is opened without running its formulas.
 */

/** Remembers, across reloads, which model's analysis was running. */
export interface UnfinishedMark {
  /** An analysis of `model` is taking long. */
  set(model: Model): void;
  /** An analysis of `model` with its formulas ended: a mark of `model` (set, or opened safely for) goes. */
  clear(model: Model): void;
  /** True when `model` is the one marked (its analysis never ended). */
  matches(model: Model): boolean;
}

/** A mark that remembers nothing (tests, the command line). */
export const noMark: UnfinishedMark = { set() {}, clear() {}, matches: () => false };

/** The localStorage key of the mark. */
export const MARK_KEY = 'bottleneck.unfinished-compute';

/** A short fingerprint of a model's whole content (FNV-1a, 32 bits, and the length). */
export function fingerprint(model: Model): string {
  const text = JSON.stringify(model);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${(hash >>> 0).toString(36)}.${text.length}`;
}

/**
 * The mark kept in `storage` (localStorage); null or a failing storage
 * (private mode, quota) remembers nothing rather than throw.
 */
export function storageMark(
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null,
): UnfinishedMark {
  const quietly = <T>(fn: () => T, otherwise: T): T => {
    try {
      return fn();
    } catch {
      return otherwise;
    }
  };
  // Whether the stored mark is ours to clear: set here, or found by matches().
  let held = false;
  return {
    set(model) {
      held = quietly(() => (storage?.setItem(MARK_KEY, fingerprint(model)), true), false);
    },
    clear(model) {
      if (!held) return;
      const marked = quietly(() => storage?.getItem(MARK_KEY) ?? null, null);
      if (marked !== null && marked !== fingerprint(model)) return;
      quietly(() => storage?.removeItem(MARK_KEY), undefined);
      held = false;
    },
    matches(model) {
      const marked = quietly(() => storage?.getItem(MARK_KEY) ?? null, null);
      const found = marked !== null && marked === fingerprint(model);
      held ||= found;
      return found;
    },
  };
}
