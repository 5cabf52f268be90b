import { parseNumberLiteral } from '../../model/number';
import { detectDateFormat } from './dates';
import { DELIMITERS, parseRows, type Delimiter } from './rows';

/** The delimiter chosen, and why. */
export interface DelimiterChoice {
  delimiter: Delimiter;
  reason: string;
}

/** Whether the first row names the columns, and why. */
export interface HeaderChoice {
  present: boolean;
  reason: string;
}

const NAMES: Record<Delimiter, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

/** A delimiter's name for people: comma, semicolon, tab, pipe. */
export const delimiterName = (d: Delimiter): string => NAMES[d];

/** The most common field count and the share of rows that have it. */
function consistency(rows: string[][]): { fields: number; share: number } {
  const counts = new Map<number, number>();
  for (const row of rows) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
  const [fields, n] = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [1, 0];
  return { fields, share: rows.length === 0 ? 0 : n / rows.length };
}

/**
 * Picks the delimiter that splits the sample into the same number of fields
 * on (nearly) every row. A semicolon wins over a comma when both fit, since
 * semicolons are used exactly where the comma is the decimal mark.
 *
 * @param sample complete rows of text from the start of the file
 */
export function detectDelimiter(sample: string): DelimiterChoice {
  const lines = sample.slice(0, 256 * 1024);
  const scored = DELIMITERS.map((d) => ({ d, ...consistency(parseRows(lines, d).slice(0, 200)) }));
  const fitting = scored.filter((s) => s.fields >= 2 && s.share >= 0.9);
  if (fitting.length === 0) {
    const best = scored.filter((s) => s.fields >= 2).sort((a, b) => b.share - a.share)[0];
    if (!best)
      return { delimiter: ',', reason: 'no delimiter splits the rows: one column (comma assumed)' };
    return {
      delimiter: best.d,
      reason: `${NAMES[best.d]}: the best fit, though only ${Math.round(best.share * 100)} % of rows have ${best.fields} fields`,
    };
  }
  const semicolon = fitting.find((s) => s.d === ';');
  const best =
    semicolon && fitting.some((s) => s.d === ',')
      ? semicolon
      : fitting.sort((a, b) => b.fields - a.fields || b.share - a.share)[0]!;
  const all = best.share === 1 ? 'every row has' : `${Math.round(best.share * 100)} % of rows have`;
  return { delimiter: best.d, reason: `${NAMES[best.d]}: ${all} ${best.fields} fields` };
}

/** The rough kind of one cell, for telling a header row from data. */
function kindOf(text: string): 'blank' | 'number' | 'date' | 'text' {
  const t = text.trim();
  if (t === '') return 'blank';
  if (parseNumberLiteral(t) !== null) return 'number';
  if (detectDateFormat([t]) !== null) return 'date';
  return 'text';
}

/**
 * Decides whether the first row is a header: it is when its cells are
 * distinct text (no numbers, no dates) and the rows below hold numbers or
 * dates where it holds text, or its cells look like column names.
 *
 * @param rows the first rows of the file
 */
export function detectHeader(rows: readonly string[][]): HeaderChoice {
  const [first, ...rest] = rows;
  if (!first || first.length === 0) return { present: false, reason: 'the file has no rows' };
  const kinds = first.map(kindOf);
  const dataLike = kinds.findIndex((k) => k === 'number' || k === 'date');
  if (dataLike >= 0) {
    return {
      present: false,
      reason: `the first row holds data ("${first[dataLike]}"), so columns are numbered`,
    };
  }
  const named = first.filter((c) => c.trim() !== '');
  if (named.length === 0) return { present: false, reason: 'the first row is blank' };
  if (new Set(named.map((c) => c.trim().toLowerCase())).size < named.length) {
    return { present: false, reason: 'the first row repeats a value, so it is read as data' };
  }
  const below = rest.slice(0, 50);
  const differs = first.some((_, i) =>
    below.some((r) => {
      const k = kindOf(r[i] ?? '');
      return k === 'number' || k === 'date';
    }),
  );
  if (differs)
    return {
      present: true,
      reason: 'the first row is text where the rows below hold numbers or dates',
    };
  const nameLike = named.every(
    (c) => c.length <= 64 && /^[\p{L}_][\p{L}\p{N} _.\-/()#%?]*$/u.test(c.trim()),
  );
  return nameLike
    ? { present: true, reason: 'the first row reads like column names' }
    : { present: false, reason: 'the first row reads like data' };
}
