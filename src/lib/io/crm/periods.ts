import type { Period } from '../../model/types';
import { epochDay, fromEpochDay, type CalendarDate } from '../csv/dates';

/*
 * Periods of the model (day, week, month, quarter, year) as keys for
 * counting dated events: `2018-04-16`, `2018-W16` (ISO weeks, Monday first),
 * `2018-04`, `2018-Q2`, `2018`. Keys of one period kind sort in time order.
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The Monday (epoch day) of the ISO week holding `day`. */
const mondayOf = (day: number) => day - ((new Date(day * 86_400_000).getUTCDay() + 6) % 7);

/** ISO week-numbering year and week of an epoch day. */
function isoWeek(day: number): { year: number; week: number } {
  const thursday = mondayOf(day) + 3;
  const year = fromEpochDay(thursday).year;
  const firstThursday = mondayOf(epochDay({ year, month: 1, day: 4 })) + 3;
  return { year, week: (thursday - firstThursday) / 7 + 1 };
}

/** The key of the period holding a date, e.g. month → `2018-04`. */
export function periodKey(date: CalendarDate, period: Period): string {
  switch (period) {
    case 'day':
      return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
    case 'week': {
      const { year, week } = isoWeek(epochDay(date));
      return `${year}-W${pad(week)}`;
    }
    case 'month':
      return `${date.year}-${pad(date.month)}`;
    case 'quarter':
      return `${date.year}-Q${Math.ceil(date.month / 3)}`;
    case 'year':
      return String(date.year);
  }
}

/**
 * How many periods run from the first date to the last, both included, empty
 * periods counted (June 2017 – May 2018 is 12 months).
 */
export function periodSpan(first: number, last: number, period: Period): number {
  const a = fromEpochDay(first);
  const b = fromEpochDay(last);
  switch (period) {
    case 'day':
      return last - first + 1;
    case 'week':
      return (mondayOf(last) - mondayOf(first)) / 7 + 1;
    case 'month':
      return (b.year - a.year) * 12 + b.month - a.month + 1;
    case 'quarter':
      return (b.year - a.year) * 4 + Math.ceil(b.month / 3) - Math.ceil(a.month / 3) + 1;
    case 'year':
      return b.year - a.year + 1;
  }
}

/** A period key for people: `2018-04` → `April 2018`, `2018-Q2` → `Q2 2018`, `2018-W16` → `week 16 of 2018`. */
export function periodLabel(key: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) return `${MONTHS[Number(month[2]) - 1]} ${month[1]}`;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (day) return `${Number(day[3])} ${MONTHS[Number(day[2]) - 1]} ${day[1]}`;
  const quarter = /^(\d{4})-(Q\d)$/.exec(key);
  if (quarter) return `${quarter[2]} ${quarter[1]}`;
  const week = /^(\d{4})-W(\d{2})$/.exec(key);
  if (week) return `week ${Number(week[2])} of ${week[1]}`;
  return key;
}

/** The plural of a period for assumption names and messages: month → `months`. */
export const periodsWord = (period: Period): string => `${period}s`;
