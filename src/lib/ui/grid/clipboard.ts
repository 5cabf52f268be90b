import { shiftReferences } from '../../model/shift';
import { parseTsv, toTsv } from './tsv';

/*
 * What copy puts on the clipboard and what paste reads back. Other apps get
 * plain values (a formula like `=AEs*50` means nothing in their sheet); a
 * paste of exactly what this app last copied gets the raw cells, formulas
 * included, their relative references moved as far as the block moved (a
 * cut block's are not, as in a spreadsheet).
 */

/** A cell position in a grid: 0-based data row and column (the same offsets as the sheet's). */
export interface GridPoint {
  row: number;
  col: number;
}

let lastCopy: { text: string; raw: string[][]; from: GridPoint | null } | null = null;

/**
 * Prepares a copied block.
 *
 * @param values what other apps should receive, per cell
 * @param raw the cells' own text (formulas), pasted back when the clipboard still holds this copy
 * @param from the block's top-left cell, or null for a cut (its formulas paste as written)
 * @returns the clipboard's text/plain
 */
export function copyBlock(values: string[][], raw: string[][], from: GridPoint | null): string {
  const text = toTsv(values);
  lastCopy = { text, raw, from };
  return text;
}

/**
 * Reads clipboard text as a block of cells. When it is this app's own last
 * copy, the raw cells come back, their relative references moved from where
 * the block was copied to `to` (see {@link shiftReferences}).
 *
 * @param to the top-left cell the block is pasted at
 */
export function pasteBlock(text: string, to: GridPoint): string[][] {
  const normalised = text.replace(/\r\n/g, '\n').replace(/\n$/, '');
  if (!lastCopy || normalised !== lastCopy.text) return parseTsv(text);
  const from = lastCopy.from ?? to;
  return lastCopy.raw.map((r) =>
    r.map((cell) => shiftReferences(cell, to.row - from.row, to.col - from.col)),
  );
}

/**
 * The clipboard text of copying (or cutting) rectangle `rect` of a grid's
 * cells: each cell's `copy` value (else its display) for other apps, with
 * the raw text kept for pasting back here (see {@link copyBlock}).
 *
 * @param rows the grid's rows of cells
 */
export function copyRect(
  rows: readonly { cells: readonly { copy?: string; display: string; raw: string }[] }[],
  rect: { rows: [number, number]; cols: [number, number] },
  cut: boolean,
): string {
  const cells = rows
    .slice(rect.rows[0], rect.rows[1] + 1)
    .map((row) => row.cells.slice(rect.cols[0], rect.cols[1] + 1));
  return copyBlock(
    cells.map((row) => row.map((c) => c.copy ?? c.display)),
    cells.map((row) => row.map((c) => c.raw)),
    cut ? null : { row: rect.rows[0], col: rect.cols[0] },
  );
}
