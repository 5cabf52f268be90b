import type { Model } from '../../model/types';
import type { ChangeChannel } from '../../persistence/channel';
import { openLibrary, type OpenLibraryResult } from '../../persistence/open';

/** The URL fragment: read once at start, then cleared so a reload does not reopen the link. */
export interface Fragment {
  read(): string;
  clear(): void;
}

/** The page's fragment (location.hash), cleared with history.replaceState (no new history entry). */
export const pageFragment: Fragment = {
  read: () => (typeof location === 'undefined' ? '' : location.hash.replace(/^#/, '')),
  clear: () => history.replaceState(history.state, '', location.pathname + location.search),
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
  const text = fragment.read();
  if (!text) return {};
  fragment.clear();
  try {
    return { model: (await loadShareLinks()).decodeShareFragment(text) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Opens the browser's library, announcing changes on `channel`. */
export function openBrowserLibrary(
  channel: ChangeChannel,
  onVersionChange: () => void,
): Promise<OpenLibraryResult> {
  return openLibrary({ channel, onVersionChange });
}
