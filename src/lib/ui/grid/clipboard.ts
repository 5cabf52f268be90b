import { parseTsv, toTsv } from './tsv';

/*
 * What copy puts on the clipboard and what paste reads back. Other apps get
 * plain values (a formula like `=AEs*50` means nothing in their sheet); a
 * paste of exactly what this app last copied gets the raw cells, formulas
 * included.
 */

let lastCopy: { text: string; raw: string[][] } | null = null;

/**
 * Prepares a copied block.
 *
 * @param values what other apps should receive, per cell
 * @param raw the cells' own text (formulas), pasted back when the clipboard still holds this copy
 * @returns the clipboard's text/plain
 */
export function copyBlock(values: string[][], raw: string[][]): string {
  const text = toTsv(values);
  lastCopy = { text, raw };
  return text;
}

/** Reads clipboard text as a block of cells, raw when it is this app's own last copy. */
export function pasteBlock(text: string): string[][] {
  const normalised = text.replace(/\r\n/g, '\n').replace(/\n$/, '');
  if (lastCopy && normalised === lastCopy.text) return lastCopy.raw.map((r) => [...r]);
  return parseTsv(text);
}
