/*
 * Where keyboard focus goes when it leaves a grid, and how many rows a page
 * of the grid's view holds. DOM helpers for SheetGrid.
 */

const FOCUSABLE =
  'a[href], area[href], button, input, select, textarea, iframe, summary, [tabindex], [contenteditable="true"]';

/** True when Tab can reach `el`: in the tab order, enabled, rendered and visible, not inert. */
function tabbable(el: HTMLElement): boolean {
  if (el.tabIndex < 0 || el.matches(':disabled') || el.closest('[inert]')) return false;
  if (el.getClientRects().length === 0) return false;
  return getComputedStyle(el).visibility !== 'hidden';
}

/**
 * Moves focus to the page's first focusable element after `root` (`by` 1,
 * like Tab) or its last one before `root` (-1, like Shift+Tab), skipping
 * everything inside `root`: how Tab leaves a grid whose cells hold the focus.
 *
 * @returns false when there is none (focus then stays; the browser may take it)
 */
export function focusBeyond(root: Element, by: -1 | 1): boolean {
  const candidates = [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !root.contains(el),
  );
  const following = (el: Element) =>
    (root.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  const ordered =
    by > 0 ? candidates.filter(following) : candidates.filter((el) => !following(el)).reverse();
  const target = ordered.find(tabbable);
  target?.focus();
  return target !== undefined;
}

/**
 * How many rows of `scroller`'s table fit in its view under the header: what
 * PageUp and PageDown move by (at least 1).
 */
export function pageRows(scroller: HTMLElement | undefined): number {
  if (!scroller) return 1;
  const head = scroller.querySelector('thead')?.getBoundingClientRect().height ?? 0;
  const row = scroller.querySelector('tbody tr')?.getBoundingClientRect().height || 30;
  return Math.max(1, Math.floor((scroller.clientHeight - head) / row));
}

/**
 * Focuses cell (`row`, `col`) of a grid's `table` (its `data-r`/`data-c`
 * cell) and scrolls it into the grid's view only as far as needed.
 */
export function focusCell(table: HTMLElement, at: { row: number; col: number }): void {
  const td = table.querySelector<HTMLElement>(`[data-r="${at.row}"][data-c="${at.col}"]`);
  td?.focus({ preventScroll: true });
  td?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}
