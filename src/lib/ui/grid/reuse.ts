import type { GridCell, GridRow } from './types';

function sameCell(a: GridCell, b: GridCell): boolean {
  return (
    a.display === b.display &&
    a.raw === b.raw &&
    a.copy === b.copy &&
    a.formula === b.formula &&
    a.placeholder === b.placeholder &&
    a.error === b.error &&
    a.warning === b.warning &&
    a.tone === b.tone
  );
}

function sameRow(a: GridRow, b: GridRow): boolean {
  return (
    a.key === b.key &&
    a.attr === b.attr &&
    a.highlight === b.highlight &&
    a.cells.length === b.cells.length &&
    a.cells.every((cell, i) => sameCell(cell, b.cells[i] as GridCell))
  );
}

/**
 * Keeps the previous row objects wherever a row shows exactly the same as
 * before, so the grid re-renders only the rows an edit changed (an edit to
 * one cell of a 50-stage model usually changes a handful).
 *
 * @param previous the rows last rendered
 * @param next the rows just built
 * @returns `next`, with unchanged rows replaced by their previous objects
 */
export function reuseRows(previous: readonly GridRow[], next: GridRow[]): GridRow[] {
  const byKey = new Map(previous.map((row) => [row.key, row]));
  return next.map((row) => {
    const before = byKey.get(row.key);
    return before && sameRow(before, row) ? before : row;
  });
}
