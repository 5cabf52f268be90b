import type { NavIntent } from './keys';
import { at, move, rectOf, type Rect, type Selection } from './selection';

/**
 * What the grid does for a navigation intent: a new selection, or a command
 * for its owner (edit a cell, clear, fill down, insert, delete or move rows).
 */
export type GridCommand =
  | { kind: 'select'; selection: Selection }
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

/**
 * Turns a key's intent into what the grid does, for a grid of `rows` × `cols`.
 *
 * @returns the command, or null when the key does nothing here (e.g. moving
 *   the top row up, or filling down a single row)
 */
export function navigate(
  intent: NavIntent,
  s: Selection,
  rows: number,
  cols: number,
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
    case 'jump': {
      const to = {
        rowStart: { row: f.row, col: 0 },
        rowEnd: { row: f.row, col: cols - 1 },
        first: { row: 0, col: f.col },
        last: { row: rows - 1, col: f.col },
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
