import { LOOP_NUMBER_FIELDS, STAGE_NUMBER_FIELDS } from './types';

/*
 * Where every cell of a model sits for formulas (A1 references), which is
 * part of the document's meaning: `=C3*0.4` in a saved model must always mean
 * "the arrivals of the second stage". Row 1 of each sheet is its header row,
 * so the first stage is row 2, exactly as the grid shows it.
 */

/** Sheet names usable in references, e.g. `=Assumptions!B2` or `=Funnel!E3`. */
export const SHEETS = { funnel: 'Funnel', assumptions: 'Assumptions', loop: 'Loop' } as const;

/** Funnel sheet columns A, B, C…: the stage's name, where it feeds into, then its number fields. */
export const FUNNEL_COLUMNS = ['name', 'next', ...STAGE_NUMBER_FIELDS] as const;

/** A column of the Funnel sheet. */
export type FunnelColumn = (typeof FUNNEL_COLUMNS)[number];

/** Assumptions sheet columns A, B, C. */
export const ASSUMPTION_COLUMNS = ['name', 'value', 'note'] as const;

/** Loop sheet: one row per number field (rows 2…6), label in column A and value in column B. */
export const LOOP_ROWS = LOOP_NUMBER_FIELDS;

/** Rows above the first data row (the header row). */
export const HEADER_ROWS = 1;

/** Spreadsheet column letters → 0-based index, the inverse of {@link columnLetter}: A → 0, Z → 25, AA → 26 (any case). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The A1 address of a funnel cell, e.g. stage row 0, field `arrivals` → `C2`. */
export function funnelAddress(stageRow: number, column: FunnelColumn): string {
  return `${columnLetter(FUNNEL_COLUMNS.indexOf(column))}${stageRow + HEADER_ROWS + 1}`;
}
