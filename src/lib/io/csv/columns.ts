import { parseNumberLiteral } from '../../model/number';
import { detectDateFormat, type DateDetection, type DateFormat } from './dates';

/**
 * What a column holds, as far as a funnel import cares:
 * `id` one value per row (hex, UUID, numbers); `reference` id-like values that
 * repeat (another table's id); `date`; `stage` a stage or status;
 * `channel` where an item came from (origin, source, utm_medium);
 * `owner` the rep who worked it (sdr_id, owner); `number`; `text`; `empty`.
 */
export type ColumnRole =
  'id' | 'reference' | 'date' | 'stage' | 'channel' | 'owner' | 'number' | 'text' | 'empty';

/** One column as detected; the UI shows it and the user may correct `role` and `date`. */
export interface ColumnDescription {
  index: number;
  /** The header text, or `Column 3` when the file has no header. */
  name: string;
  role: ColumnRole;
  /** How dates are written, for `date` columns. */
  date: DateFormat | null;
  /** Why this role (and date format) was chosen. */
  reason: string;
  /** Distinct non-blank values in the sample. */
  distinct: number;
  /** Blank values in the sample. */
  blanks: number;
  /** A few values, for the preview. */
  examples: string[];
}

/** A correction the user makes to one column (by name). */
export interface ColumnOverride {
  role?: ColumnRole;
  date?: DateFormat;
}

const ID_VALUE =
  /^(?:[0-9a-f]{8,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+|[A-Za-z]{0,6}[-_]?\d+[A-Za-z0-9-]*)$/i;
const ID_NAME = /(^|[\s_.-])(id|key|uuid|guid|code|number|no)$|^id[\s_.-]/i;
const STAGE_NAME =
  /(^|[\s_.-])(stage|status|state|phase|step|pipeline|outcome|result|lifecycle)([\s_.-]|$)/i;
const CHANNEL_NAME =
  /(^|[\s_.-])(origin|source|channel|medium|utm[\s_.-]?\w*|campaign|referr\w*|acquisition)([\s_.-]|$)/i;
const OWNER_NAME =
  /(^|[\s_.-])(sdr|bdr|sr|ae|am|csm|rep|owner|agent|salesperson|salesrep|assignee|assigned[\s_.-]?to|account[\s_.-]?manager|closer|setter)([\s_.-]?(id|name|email))?$/i;

/** A column with at most this many distinct values (and repeats) can be a stage or channel column. */
const FEW = 40;

const describeShare = (x: number) => `${Math.round(x * 100)} %`;

/**
 * Classifies one column from its name and sample values.
 *
 * @param name the header
 * @param values the column's values in the sample rows
 * @param dateFallback day-first or month-first as decided by another date column
 */
export function classifyColumn(
  index: number,
  name: string,
  values: readonly string[],
  dateFallback?: 'dmy' | 'mdy',
): ColumnDescription {
  const filled = values.map((v) => v.trim()).filter((v) => v !== '');
  const distinctSet = new Set(filled);
  const base = {
    index,
    name,
    date: null,
    distinct: distinctSet.size,
    blanks: values.length - filled.length,
    examples: [...distinctSet].slice(0, 5),
  };
  const as = (
    role: ColumnRole,
    reason: string,
    date: DateFormat | null = null,
  ): ColumnDescription => ({
    ...base,
    role,
    reason,
    date,
  });
  if (filled.length === 0) return as('empty', 'no values');
  const unique = distinctSet.size / filled.length;
  const repeats = distinctSet.size < filled.length;
  const few = distinctSet.size <= FEW && repeats;
  const idShaped = filled.filter((v) => ID_VALUE.test(v)).length / filled.length;
  const dated: DateDetection | null = detectDateFormat(filled, dateFallback);
  if (dated) return as('date', `dates, ${dated.reason}`, dated.format);
  if (OWNER_NAME.test(name) && repeats) {
    return as('owner', `named like a rep or owner; ${distinctSet.size} distinct values repeat`);
  }
  if (STAGE_NAME.test(name) && few)
    return as('stage', `named like a stage; ${distinctSet.size} distinct values`);
  if (CHANNEL_NAME.test(name) && few)
    return as('channel', `named like a channel; ${distinctSet.size} distinct values`);
  const numeric = filled.filter((v) => parseNumberLiteral(v) !== null).length / filled.length;
  const idNamed = ID_NAME.test(name);
  // Plain numbers are ids only when the column is named like one (amounts are numbers too).
  if ((idShaped >= 0.95 || (idNamed && idShaped >= 0.8)) && (idNamed || numeric < 1)) {
    return unique >= 0.98
      ? as('id', `one value per row (${describeShare(unique)} distinct), shaped like ids`)
      : as(
          'reference',
          `id-shaped values that repeat (${distinctSet.size} distinct in ${filled.length})`,
        );
  }
  if (numeric >= 0.9) return as('number', `${describeShare(numeric)} numbers`);
  return as('text', few ? `text, ${distinctSet.size} distinct values` : 'text');
}

/**
 * Classifies every column of a sample, deciding date columns first so that
 * one column's day-first evidence settles another's ambiguity, then applies
 * the user's corrections.
 *
 * @param names the column names
 * @param rows sample rows (cells by column index)
 * @param overrides corrections by column name
 */
export function classifyColumns(
  names: readonly string[],
  rows: readonly string[][],
  overrides: Readonly<Record<string, ColumnOverride>> = {},
): ColumnDescription[] {
  const valuesOf = (i: number) => rows.map((r) => r[i] ?? '');
  const first = names.map((n, i) => classifyColumn(i, n, valuesOf(i)));
  const decided = first.find((c) => c.role === 'date' && !c.reason.includes('ambiguous'))?.date
    ?.order;
  const fallback = decided === 'dmy' || decided === 'mdy' ? decided : undefined;
  return first.map((c, i) => {
    const again =
      fallback && c.role === 'date' && c.reason.includes('ambiguous')
        ? classifyColumn(i, c.name, valuesOf(i), fallback)
        : c;
    const fix = overrides[c.name];
    if (!fix) return again;
    const role = fix.role ?? again.role;
    const date = role === 'date' ? (fix.date ?? again.date ?? { order: 'dmy', time: false }) : null;
    return { ...again, role, date, reason: 'chosen by you' };
  });
}
