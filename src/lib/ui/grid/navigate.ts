import type { NavIntent } from './keys';
import { at, move, rectOf, type Rect, type Selection } from './selection';

/**
 * What the grid does for a navigation intent: a new selection, or a command
 * for its owner (edit a cell, clear, fill down, insert, delete or move rows).
 * `leave` hands focus to the page's next (`by` 1) or previous (-1) focusable
 * element; `openList` opens the active cell's list (a list cell only);
 * `rowMenu` opens the active row's menu.
 */
export type GridCommand =
  | { kind: 'select'; selection: Selection }
  | { kind: 'leave'; by: -1 | 1 }
  | { kind: 'openList' }
  | { kind: 'rowMenu'; row: number }
  | { kind: 'edit'; initial: 'keep' | string }
  | { kind: 'clear'; rect: Rect }
  | { kind: 'fillDown'; rect: Rect }
  | { kind: 'insertRows'; at: number; count: number }
  | { kind: 'deleteRows'; at: number; count: number }
  | { kind: 'moveRows'; from: number; count: number; to: number; selection: Selection };

const shift = (s: Selection, dr: number): Selection => ({
  anchor: { row: s.anchor.row + dr, col: s.anchor.col },
  focus: { row: s.focus.row + dr, col: s.focus.col },
});

/** What besides the selection a key's meaning depends on. */
export interface NavContext {
  /** Rows in one page of the grid's view (PageUp/PageDown move this many); at least 1. */
  page: number;
  /** The last key was Escape: Tab now leaves the grid from any cell. */
  escaped: boolean;
}

/**
 * Turns a key's intent into what the grid does, for a grid of `rows` × `cols`.
 *
 * @param context the page size and whether Escape was just pressed (default: 1 row, no)
 * @returns the command, or null when the key does nothing here (e.g. moving
 *   the top row up, or filling down a single row)
 */
export function navigate(
  intent: NavIntent,
  s: Selection,
  rows: number,
  cols: number,
  context: NavContext = { page: 1, escaped: false },
): GridCommand | null {
  const rect = rectOf(s);
  const f = s.focus;
  switch (intent.kind) {
    case 'none':
      return null;
    case 'move':
      return {
        kind: 'select',
        selection: move(s, intent.dr, intent.dc, rows, cols, intent.extend),
      };
    case 'tab': {
      const edge = intent.by < 0 ? f.col <= 0 : f.col >= cols - 1;
      if (context.escaped || edge) return { kind: 'leave', by: intent.by };
      return { kind: 'select', selection: move(at(f), 0, intent.by, rows, cols) };
    }
    case 'page':
      return {
        kind: 'select',
        selection: move(s, intent.by * Math.max(1, context.page), 0, rows, cols, intent.extend),
      };
    case 'openList':
      return { kind: 'openList' };
    case 'rowMenu':
      return { kind: 'rowMenu', row: f.row };
    case 'jump': {
      const to = {
        rowStart: { row: f.row, col: 0 },
        rowEnd: { row: f.row, col: cols - 1 },
        first: { row: 0, col: f.col },
        last: { row: rows - 1, col: f.col },
        firstCell: { row: 0, col: 0 },
        lastCell: { row: rows - 1, col: cols - 1 },
      }[intent.to];
      return {
        kind: 'select',
        selection: intent.extend ? { anchor: s.anchor, focus: to } : at(to),
      };
    }
    case 'selectAll':
      return {
        kind: 'select',
        selection: { anchor: { row: 0, col: 0 }, focus: { row: rows - 1, col: cols - 1 } },
      };
    case 'collapse':
      return { kind: 'select', selection: at(f) };
    case 'edit':
      return { kind: 'edit', initial: intent.initial };
    case 'clear':
      return { kind: 'clear', rect };
    case 'fillDown':
      return rect.rows[0] < rect.rows[1] ? { kind: 'fillDown', rect } : null;
    case 'insertRow':
      return { kind: 'insertRows', at: rect.rows[1] + 1, count: 1 };
    case 'deleteRows':
      return { kind: 'deleteRows', at: rect.rows[0], count: rect.rows[1] - rect.rows[0] + 1 };
    case 'moveRows': {
      const [top, bottom] = rect.rows;
      const count = bottom - top + 1;
      if (intent.by < 0 && top > 0)
        return { kind: 'moveRows', from: top, count, to: top - 1, selection: shift(s, -1) };
      if (intent.by > 0 && bottom < rows - 1) {
        return { kind: 'moveRows', from: top, count, to: bottom + 2, selection: shift(s, 1) };
      }
      return null;
    }
  }
}

/** The rectangle a pasted block covers from its top-left cell, cut to the grid's columns. */
export function pastedSelection(
  start: { row: number; col: number },
  block: string[][],
  cols: number,
): Selection {
  const width = Math.max(1, ...block.map((r) => r.length));
  return {
    anchor: start,
    focus: {
      row: start.row + Math.max(1, block.length) - 1,
      col: Math.min(cols - 1, start.col + width - 1),
    },
  };
}

/** An action of a row's menu. */
export type RowAction = 'above' | 'below' | 'up' | 'down' | 'delete';

/**
 * What a row menu's action does to row `row` of `rows`: insert one row above
 * or below it, move it up or down one, or delete it.
 *
 * @returns the command, or null when it cannot move that way (the first row up, the last down)
 */
export function rowActionCommand(action: RowAction, row: number, rows: number): GridCommand | null {
  const here = at({ row, col: 0 });
  switch (action) {
    case 'above':
      return { kind: 'insertRows', at: row, count: 1 };
    case 'below':
      return { kind: 'insertRows', at: row + 1, count: 1 };
    case 'delete':
      return { kind: 'deleteRows', at: row, count: 1 };
    case 'up':
      return row > 0
        ? { kind: 'moveRows', from: row, count: 1, to: row - 1, selection: shift(here, -1) }
        : null;
    case 'down':
      return row < rows - 1
        ? { kind: 'moveRows', from: row, count: 1, to: row + 2, selection: shift(here, 1) }
        : null;
  }
}
