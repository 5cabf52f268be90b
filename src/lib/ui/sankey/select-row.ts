/*
 * A click on a Sankey node selects that stage's row in the Funnel grid. The
 * grid selects a cell on a left-button mousedown (and ends a drag on the
 * window's mouseup), so the stage's name cell is sent exactly what a click
 * on it would send: the grid's own selection, focus and scrolling follow.
 */

/**
 * Selects stage `id`'s name cell in the Funnel grid and brings it into view.
 *
 * @returns false when the grid has no row for that stage (nothing changes)
 */
export function selectStageRow(id: string): boolean {
  const cell = document.querySelector<HTMLElement>(
    `table[aria-label="Funnel"] td[data-stage="${CSS.escape(id)}"][data-field="name"]`,
  );
  if (!cell) return false;
  cell.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true, button: 0 }));
  window.dispatchEvent(new MouseEvent('mouseup', { button: 0 }));
  cell.scrollIntoView({ block: 'center', inline: 'nearest' });
  return true;
}
