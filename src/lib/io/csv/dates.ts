/*
 * Dates as CRM exports and spreadsheets write them: ISO (2018-02-26,
 * 2018-02-26T19:58:00Z), and day-first or month-first with `-`, `/` or `.`
 * (26-02-2018 19:58, 2/26/18 7:58 PM). Which of day and month comes first is
 * judged from the data: a first part above 12 can only be a day.
 */

/** Order of the parts of a date. */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';

/** How a date column is written. */
export interface DateFormat {
  order: DateOrder;
  /** Whether values carry a time of day (ignored for periods, kept for the description). */
  time: boolean;
}

/** A calendar date (UTC, no time of day). */
export interface CalendarDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

const TIME = String.raw`(?:[T ,]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp][Mm])?\s*(?:Z|[+-]\d{2}:?\d{2})?)?`;
const YMD = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(${TIME})$`);
const XXY = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(${TIME})$`);

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function valid(year: number, month: number, day: number): CalendarDate | null {
  if (month < 1 || month > 12 || day < 1) return null;
  if (day > (DAYS[month - 1] as number) || (month === 2 && day === 29 && !leap(year))) return null;
  return { year, month, day };
}

/** Two-digit years: 00–69 → 2000s, 70–99 → 1900s (as spreadsheets do). */
const fullYear = (y: string) =>
  y.length === 4 ? Number(y) : Number(y) + (Number(y) < 70 ? 2000 : 1900);

/**
 * Reads one date in a known format.
 *
 * @returns the calendar date, or null when the text is not a valid date in that format
 */
export function parseDate(text: string, format: DateFormat): CalendarDate | null {
  const t = text.trim();
  if (format.order === 'ymd') {
    const m = YMD.exec(t);
    return m ? valid(Number(m[1]), Number(m[3]), Number(m[4])) : null;
  }
  const m = XXY.exec(t);
  if (!m) return null;
  const [a, b] = [Number(m[1]), Number(m[3])];
  const year = fullYear(m[4] as string);
  return format.order === 'dmy' ? valid(year, b, a) : valid(year, a, b);
}

/** What {@link detectDateFormat} found in a column. */
export interface DateDetection {
  format: DateFormat;
  /** Share of non-blank values that are dates in this format (0–1). */
  share: number;
  /** True when nothing in the data told day-first from month-first. */
  ambiguous: boolean;
  /** The format in words, e.g. "DD-MM-YYYY HH:MM (day first: 26-02-2018 has a day above 12)". */
  reason: string;
}

/** Share of non-blank values a column needs to be a date column. */
export const DATE_SHARE = 0.9;

const pattern = (order: DateOrder, sep: string, time: boolean): string =>
  (order === 'ymd'
    ? ['YYYY', 'MM', 'DD']
    : order === 'dmy'
      ? ['DD', 'MM', 'YYYY']
      : ['MM', 'DD', 'YYYY']
  ).join(sep) + (time ? ' HH:MM' : '');

/**
 * Judges whether a column holds dates and how they are written.
 *
 * @param values the column's values (blanks are ignored)
 * @param fallback the order to assume when every day and month is 12 or less
 *   (another column of the same file may have decided it); without one,
 *   `/` dates are taken as month first (US) and `-` or `.` dates as day first
 * @returns the format, or null when fewer than 90 % of the values are dates
 */
export function detectDateFormat(
  values: readonly string[],
  fallback?: 'dmy' | 'mdy',
): DateDetection | null {
  let total = 0;
  let ymd = 0;
  let xxy = 0;
  let time = false;
  let firstOver12 = '';
  let secondOver12 = '';
  const separators = new Map<string, number>();
  for (const raw of values) {
    const t = raw.trim();
    if (t === '') continue;
    total++;
    const y = YMD.exec(t);
    const x = y ? null : XXY.exec(t);
    if (y) ymd++;
    if (x) {
      xxy++;
      separators.set(x[2] as string, (separators.get(x[2] as string) ?? 0) + 1);
      if (Number(x[1]) > 12 && !firstOver12) firstOver12 = t;
      if (Number(x[3]) > 12 && !secondOver12) secondOver12 = t;
    }
    if ((y?.[5] ?? x?.[5] ?? '') !== '') time = true;
  }
  if (total === 0) return null;
  if (ymd / total >= DATE_SHARE) {
    const format: DateFormat = { order: 'ymd', time };
    const share = values.filter((v) => parseDate(v, format)).length / total;
    return share >= DATE_SHARE
      ? { format, share, ambiguous: false, reason: `${pattern('ymd', '-', time)} (year first)` }
      : null;
  }
  if (xxy / total < DATE_SHARE) return null;
  const sep = [...separators].sort((p, q) => q[1] - p[1])[0]?.[0] ?? '-';
  let order: 'dmy' | 'mdy';
  let reason: string;
  let ambiguous = false;
  if (firstOver12 && !secondOver12) {
    order = 'dmy';
    reason = `day first: "${firstOver12}" has a day above 12`;
  } else if (secondOver12 && !firstOver12) {
    order = 'mdy';
    reason = `month first: "${secondOver12}" has a day above 12`;
  } else if (firstOver12 && secondOver12) {
    // Both occur: some values are wrong either way; keep the order that reads more of them.
    const d = values.filter((v) => parseDate(v, { order: 'dmy', time })).length;
    const m = values.filter((v) => parseDate(v, { order: 'mdy', time })).length;
    order = d >= m ? 'dmy' : 'mdy';
    reason = `mixed: both "${firstOver12}" and "${secondOver12}" occur; ${order === 'dmy' ? 'day' : 'month'} first reads more values`;
  } else {
    ambiguous = true;
    order = fallback ?? (sep === '/' ? 'mdy' : 'dmy');
    reason = `ambiguous: no day above 12, so ${order === 'dmy' ? 'day' : 'month'} first is assumed${fallback ? ' (as in another date column)' : ` (usual for "${sep}" dates)`}; change it if that is wrong`;
  }
  const format: DateFormat = { order, time };
  const share = values.filter((v) => parseDate(v, format)).length / total;
  if (share < DATE_SHARE) return null;
  return { format, share, ambiguous, reason: `${pattern(order, sep, time)} (${reason})` };
}

/** Days since 1970-01-01 (UTC) of a calendar date. */
export function epochDay(d: CalendarDate): number {
  return Math.floor(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

/** The calendar date of a day number from {@link epochDay}. */
export function fromEpochDay(day: number): CalendarDate {
  const d = new Date(day * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
