import type { Model } from '../../model/types';
import type { ChangeChannel } from '../../persistence/channel';
import { openLibrary, type OpenLibraryResult } from '../../persistence/open';

/** The URL fragment: read once at start, then cleared so a reload does not reopen the link. */
export interface Fragment {
  read(): string;
  clear(): void;
}

/** Where app.html's inline script keeps the fragment it took out of the address before the router started. */
const STASH = 'bottleneckFragment';

/** The window with app.html's stash of the fragment, if it took one. */
const stash = () => globalThis as typeof globalThis & { [STASH]?: string };

/**
 * The page's fragment: the one app.html's inline script took out of the
 * address before SvelteKit's router could see it (the router throws on a
 * damaged one, e.g. a stray `%`), else location.hash; cleared from both, the
 * address with history.replaceState (no new history entry).
 */
export const pageFragment: Fragment = {
  read: () => {
    const taken = stash()[STASH];
    const hash = taken ?? (typeof location === 'undefined' ? '' : location.hash);
    return hash.replace(/^#/, '');
  },
  clear: () => {
    delete stash()[STASH];
    if (location.hash) {
      history.replaceState(history.state, '', location.pathname + location.search);
    }
  },
};

/**
 * The share-link code (and its deflate library), loaded when first needed:
 * most starts have no link, so it stays out of the JavaScript before first paint.
 */
export const loadShareLinks = () => import('../../io/share-link');

/**
 * Takes a share link out of the address: the model it holds, or why it does
 * not open (broken, truncated, hostile, too large: ShareLinkError's plain
 * message). No fragment: neither. The fragment is cleared either way.
 */
export async function takeSharedModel(
  fragment: Fragment,
): Promise<{ model?: Model; error?: string }> {
  const text = percentDecoded(fragment.read());
  if (!text) return {};
  fragment.clear();
  try {
    return { model: (await loadShareLinks()).decodeShareFragment(text) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The fragment with any %-escapes decoded (a mail or chat app may escape a
 * link's characters); one that does not decode (a stray `%`) stays as it is,
 * for the share-link decoder to call damaged. Never throws.
 */
function percentDecoded(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Opens the browser's library, announcing changes on `channel`. */
export function openBrowserLibrary(
  channel: ChangeChannel,
  onVersionChange: () => void,
): Promise<OpenLibraryResult> {
  return openLibrary({ channel, onVersionChange });
}
