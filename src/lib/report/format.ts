import type { FieldKind } from '../model/fields';
import type { Period } from '../model/types';

/*
 * How numbers are shown. Flows are expected values (fractional items are
 * fine); they are rounded for display only, never in the model.
 */

const grouped = new Map<number, Intl.NumberFormat>();
function numberFormat(digits: number): Intl.NumberFormat {
  let f = grouped.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits });
    grouped.set(digits, f);
  }
  return f;
}

/**
 * A count of items, the one format for counts in cells, sentences and
 * figures: grouped, with up to 2 decimals below 100 and none from 100 up
 * (2,000 · 3.75 · 523.86 → 524 · 1,777.78 → 1,778), so that two counts
 * side by side never show different precision above 100; a count below
 * 0.005 keeps 2 significant digits (0.0012, 1e-9) rather than reading 0.
 */
export function formatCount(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '—';
  const abs = Math.abs(x);
  // Rates of 1e-9 are real: a count 2 decimals would show as 0 keeps 2 significant digits.
  if (abs > 0 && abs < 0.005) return String(+x.toPrecision(2));
  return numberFormat(abs >= 100 ? 0 : 2).format(x);
}

/** A 0–1 rate as a percentage with up to 2 decimals: 0.125 → "12.5%". */
export function formatRate(x: number): string {
  if (!Number.isFinite(x)) return '—';
  return `${numberFormat(2).format(x * 100)}%`;
}

/**
 * A load (inflow ÷ capacity) as a whole percentage; `null` (unlimited
 * capacity) → "—". A load near but not at 100 % keeps 2 decimals (99.96 %,
 * 100.4 %), so a stage with room never reads "100%" beside one that is full.
 */
export function formatLoad(x: number | null): string {
  if (x === null) return '—';
  if (x === Infinity) return '∞';
  const whole = numberFormat(0).format(x * 100);
  return `${whole === '100' && x !== 1 ? numberFormat(2).format(x * 100) : whole}%`;
}

// Building an Intl.NumberFormat costs ~0.1 ms: a 50-stage grid formats hundreds per edit.
const money = new Map<string, Intl.NumberFormat | null>();
function moneyFormat(currency: string, digits: number): Intl.NumberFormat | null {
  const key = `${currency} ${digits}`;
  let f = money.get(key);
  if (f === undefined) {
    try {
      f = new Intl.NumberFormat('en-US', {
        style: 'currency',
        currency,
        maximumFractionDigits: digits,
        minimumFractionDigits: 0,
      });
    } catch {
      f = null;
    }
    money.set(key, f);
  }
  return f;
}

/** Money in the model's currency: whole units from 1,000 up, cents below. */
export function formatMoney(x: number, currency: string): string {
  if (!Number.isFinite(x)) return '—';
  const f = moneyFormat(currency, Math.abs(x) >= 1000 ? 0 : 2);
  return f ? f.format(x) : `${numberFormat(2).format(x)} ${currency}`;
}

/** A value of a field kind, for display in a cell. */
export function formatByKind(x: number, kind: FieldKind, currency: string): string {
  switch (kind) {
    case 'rate':
      return formatRate(x);
    case 'money':
      return formatMoney(x, currency);
    case 'periods':
      return formatCount(x);
    default:
      return formatCount(x);
  }
}

/** "per week", "per month", … */
export function perPeriod(period: Period): string {
  return `per ${period}`;
}

/** "/wk", "/mo", …: the short unit after a flow. */
export function perPeriodShort(period: Period): string {
  return { day: '/day', week: '/wk', month: '/mo', quarter: '/qtr', year: '/yr' }[period];
}

/**
 * How far demand must rise, from the factor on today's arrivals (1.25 = 25 %
 * more): "1.25× today", or below 1 % more "0.04% more than today" (never
 * "1× today", which would read as no rise at all).
 */
export function timesToday(factor: number): string {
  return factor < 1.01
    ? `${formatRate(factor - 1)} more than today`
    : `${formatCount(factor)}× today`;
}
