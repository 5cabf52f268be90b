/*
 * Text sizes for the Sankey's labels. The layout runs without a DOM (tests,
 * export), so widths are estimated from the font size: an average glyph of a
 * system sans-serif is about 0.56 em (0.58 em in semibold). Estimates err on
 * the wide side so labels are truncated before they collide.
 */

/** Font sizes of the labels, in px. */
export const FONT = { name: 12, small: 11, badge: 10 } as const;

/** Estimated width in px of `text` at `size` px (`bold` for semibold names). */
export function textWidth(text: string, size: number, bold = false): number {
  return [...text].length * size * (bold ? 0.6 : 0.57);
}

/**
 * `text` cut to fit `maxWidth` px, ending with an ellipsis when cut.
 *
 * @returns the text unchanged when it fits; never shorter than one character and "…"
 */
export function truncate(text: string, maxWidth: number, size: number, bold = false): string {
  if (textWidth(text, size, bold) <= maxWidth) return text;
  const chars = [...text];
  const fit = Math.max(1, Math.floor(maxWidth / textWidth('x', size, bold)) - 1);
  return `${chars.slice(0, fit).join('').trimEnd()}…`;
}

/** An estimated text box, px. */
export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * The estimated box of one line of text with its baseline at `y`, starting
 * at `x` (or ending there when `end`).
 */
export function lineBox(
  x: number,
  y: number,
  text: string,
  size: number,
  bold: boolean,
  end: boolean,
): Box {
  const w = textWidth(text, size, bold);
  return { x0: end ? x - w : x, x1: end ? x : x + w, y0: y - size + 2, y1: y + 3 };
}

/** Whether two boxes overlap. */
export const overlaps = (a: Box, b: Box) =>
  a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
