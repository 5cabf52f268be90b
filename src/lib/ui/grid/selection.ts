/** A cell position in a grid: 0-based row and column. */
export interface Point {
  row: number;
  col: number;
}

/** The selection: the active cell (`focus`) and the corner it extends from (`anchor`). */
export interface Selection {
  anchor: Point;
  focus: Point;
}

/** A normalised rectangle, inclusive bounds. */
export interface Rect {
  rows: [number, number];
  cols: [number, number];
}

/** The rectangle a selection covers. */
export function rectOf(s: Selection): Rect {
  return {
    rows: [Math.min(s.anchor.row, s.focus.row), Math.max(s.anchor.row, s.focus.row)],
    cols: [Math.min(s.anchor.col, s.focus.col), Math.max(s.anchor.col, s.focus.col)],
  };
}

/** True when the point lies in the rectangle. */
export function inRect(r: Rect, row: number, col: number): boolean {
  return row >= r.rows[0] && row <= r.rows[1] && col >= r.cols[0] && col <= r.cols[1];
}

/** Keeps a point inside a grid of `rows` × `cols` (an empty grid keeps row 0). */
export function clamp(p: Point, rows: number, cols: number): Point {
  return {
    row: Math.max(0, Math.min(rows - 1, p.row)),
    col: Math.max(0, Math.min(cols - 1, p.col)),
  };
}

/** A single-cell selection. */
export function at(p: Point): Selection {
  return { anchor: p, focus: p };
}

/** Moves the active cell by (dr, dc); with `extend`, the anchor stays (Shift+arrow). */
export function move(
  s: Selection,
  dr: number,
  dc: number,
  rows: number,
  cols: number,
  extend = false,
): Selection {
  const focus = clamp({ row: s.focus.row + dr, col: s.focus.col + dc }, rows, cols);
  return extend ? { anchor: s.anchor, focus } : at(focus);
}
