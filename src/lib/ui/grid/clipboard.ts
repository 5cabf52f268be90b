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
