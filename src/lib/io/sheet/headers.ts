import { STAGE_FIELD_LABELS } from '../../model/fields';
import { isFormula, parseNumberLiteral } from '../../model/number';
import { STAGE_NUMBER_FIELDS, type StageNumberField } from '../../model/types';

/**
 * What a column of a pasted or imported table becomes: the stage's name,
 * where it feeds into, one of its number fields, `volume` (how many items
 * reached each stage: the first becomes arrivals, the ratios conversions),
 * its id, or nothing (`ignore`: computed columns such as Inflow, and
 * anything unknown).
 */
export type TableColumn = 'name' | 'next' | StageNumberField | 'volume' | 'id' | 'ignore';

/** One column as read: its header, what it became, and why. */
export interface TableColumnChoice {
  index: number;
  header: string | null;
  column: TableColumn;
  reason: string;
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9%#]+/g, ' ')
    .trim();

/* Header words for each column, besides the grid's own labels and field names. */
const SYNONYMS: Record<TableColumn, string[]> = {
  name: ['stage', 'stages', 'name', 'step', 'stage name', 'funnel stage', 'phase'],
  next: ['feeds into', 'next', 'next stage', 'goes to', 'flows into', 'into'],
  arrivals: [
    'arrivals per period',
    'new',
    'new per period',
    'inputs',
    'entering',
    'sourced',
    'arrivals per month',
    'arrivals per week',
  ],
  conversion: [
    'conversion rate',
    'conv',
    'rate',
    'cvr',
    'cr',
    '%',
    'conversion %',
    'pass rate',
    'win rate',
    'conversion rate %',
  ],
  capacity: [
    'cap',
    'max',
    'capacity per period',
    'max per period',
    'capacity per month',
    'capacity per week',
  ],
  lag: ['lag periods', 'delay', 'lag in periods'],
  cost_per_period: ['opex', 'operating expense', 'cost', 'cost per month', 'cost per week'],
  cost_per_item: ['cost per lead', 'cpl', 'unit cost', 'cost per account'],
  value: ['revenue', 'deal value', 'acv', 'revenue per item', 'price', 'value per item'],
  variable_cost: ['commission', 'cogs', 'variable cost per item'],
  volume: [
    'count',
    'volume',
    'number',
    'items',
    'total',
    'reached',
    'n',
    '#',
    'leads',
    'qty',
    'quantity',
    'people',
    'accounts',
  ],
  id: ['id', 'stage id'],
  ignore: ['inflow', 'processed', 'pileup', 'out', 'load', 'lost', 'notes', 'note', 'comment'],
};

const LOOKUP = new Map<string, TableColumn>();
for (const [column, words] of Object.entries(SYNONYMS) as [TableColumn, string[]][]) {
  for (const w of words) LOOKUP.set(norm(w), column);
}
for (const f of STAGE_NUMBER_FIELDS) {
  LOOKUP.set(norm(STAGE_FIELD_LABELS[f]), f);
  LOOKUP.set(norm(f), f);
}

/** The column a header names, or null when it names none of them. */
export function columnOfHeader(header: string): TableColumn | null {
  return LOOKUP.get(norm(header)) ?? null;
}

/** True when a row reads as a header: at least one cell names a column and none is a number. */
export function isHeaderRow(row: readonly string[]): boolean {
  const filled = row.filter((c) => c.trim() !== '');
  return (
    filled.length > 0 &&
    filled.some((c) => columnOfHeader(c) !== null) &&
    filled.every((c) => parseNumberLiteral(c) === null && !isFormula(c))
  );
}

/** Maps header cells to columns; unknown and repeated ones are ignored. */
export function columnsFromHeader(header: readonly string[]): TableColumnChoice[] {
  const used = new Set<TableColumn>();
  return header.map((h, index) => {
    const found = columnOfHeader(h);
    if (found === null || found === 'ignore') {
      return {
        index,
        header: h,
        column: 'ignore',
        reason: found ? 'computed or notes: not read' : 'header not recognised: not read',
      };
    }
    if (used.has(found))
      return { index, header: h, column: 'ignore', reason: `a second "${found}" column: not read` };
    used.add(found);
    return { index, header: h, column: found, reason: `header "${h.trim()}"` };
  });
}

const isPercent = (c: string) => /%\s*$/.test(c.trim()) && parseNumberLiteral(c) !== null;

/**
 * Guesses columns of a table without a header: the first mostly-text column
 * is the stage name; a column of percentages (or of fractions 0–1) is the
 * conversion; the first other number column is the volume reaching each
 * stage, the next one the capacity.
 */
export function guessColumns(rows: readonly string[][]): TableColumnChoice[] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const choices: TableColumnChoice[] = [];
  let name = false;
  let counts = 0;
  let conversion = false;
  for (let index = 0; index < width; index++) {
    const cells = rows.map((r) => r[index]?.trim() ?? '').filter((c) => c !== '');
    const numbers = cells.map((c) => parseNumberLiteral(c));
    const numeric =
      cells.length > 0 && numbers.filter((n) => n !== null).length / cells.length >= 0.8;
    const choose = (column: TableColumn, reason: string) =>
      choices.push({ index, header: null, column, reason });
    if (!numeric) {
      if (!name && cells.length > 0) {
        name = true;
        choose('name', 'the first text column');
      } else choose('ignore', cells.length === 0 ? 'empty' : 'another text column: not read');
    } else if (
      !conversion &&
      (cells.every(isPercent) ||
        (numbers.every((n) => n !== null && n >= 0 && n <= 1) &&
          numbers.some((n) => !Number.isInteger(n))))
    ) {
      conversion = true;
      choose('conversion', 'percentages');
    } else if (counts === 0) {
      counts++;
      choose('volume', 'numbers: how many reached each stage');
    } else if (counts === 1) {
      counts++;
      choose('capacity', 'a second number column: capacity');
    } else choose('ignore', 'a further number column: not read');
  }
  return choices;
}

/** A table's rows split into header and data, and what each column is. */
export interface ReadColumns {
  /** Whether the first row is a header. */
  header: boolean;
  /** The rows after the header (all of them without one). */
  data: string[][];
  columns: TableColumnChoice[];
}

/**
 * What each column of a table is: as the user chose (`columns`, by
 * position), else from the header row (detected, or as `header` says), else
 * guessed from the data. The one reading behind pasted tables, grid CSVs and
 * workbooks.
 */
export function readColumns(
  rows: string[][],
  corrections: { header?: boolean; columns?: readonly TableColumn[] },
): ReadColumns {
  const header = corrections.header ?? isHeaderRow(rows[0] ?? []);
  const data = header ? rows.slice(1) : rows;
  const columns = corrections.columns
    ? corrections.columns.map((column, index) => ({
        index,
        header: header ? (rows[0]?.[index] ?? null) : null,
        column,
        reason: 'chosen by you',
      }))
    : header
      ? columnsFromHeader(rows[0] ?? [])
      : guessColumns(data);
  return { header, data, columns };
}
