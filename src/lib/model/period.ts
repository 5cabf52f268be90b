import { STAGE_FIELD_LABELS } from './fields';
import { LIMITS } from './limits';
import { isFormula, parseNumberLiteral } from './number';
import type { Model, Period, StageNumberField } from './types';

/*
 * Changing the model's period (week → month) without silently relabelling
 * every number: the flows can be converted by the ratio of the periods'
 * lengths, or kept as they are. Either way it is one edit (one undo step).
 */

/** Days in each period: a year of 365.25 days, a month a twelfth of it, a quarter a fourth. */
const DAYS_PER_PERIOD: Record<Period, number> = {
  day: 1,
  week: 7,
  month: 365.25 / 12,
  quarter: 365.25 / 4,
  year: 365.25,
};

/** How many of the old periods fit in one new one: week → month ≈ 4.35, month → week ≈ 0.23. */
export function periodRatio(from: Period, to: Period): number {
  return DAYS_PER_PERIOD[to] / DAYS_PER_PERIOD[from];
}

/** Stage fields counted per period: they scale with the period's length. */
const PER_PERIOD: readonly StageNumberField[] = ['arrivals', 'capacity', 'cost_per_period'];

/** A cell a conversion left as it was because it holds a formula, e.g. "Demo capacity". */
export interface KeptFormula {
  /** "Demo capacity", "Loop churn". */
  cell: string;
  formula: string;
}

/** A model moved to another period, and the formulas it could not convert. */
export interface PeriodConversion {
  model: Model;
  /** Cells that would have been converted but hold formulas: kept as written, for the user to check. */
  kept: KeptFormula[];
}

/** A converted number written back as cell text, to 6 significant digits (`8696.43`). */
const written = (x: number) => String(+x.toPrecision(6));

/**
 * The model with period `to`, its numbers converted by the ratio r of the
 * periods' lengths ({@link periodRatio}):
 * - per-period flows × r: each stage's arrivals, capacity and cost per period;
 * - periods ÷ r, rounded to whole periods: each stage's lag (at least 0), the
 *   loop's referral lag (at least 1) and the horizon (1 to the limit);
 * - the loop's churn per period c becomes 1 − (1 − c)^r (a percentage stays one);
 * - unchanged: conversions, money per item, referrals per customer (per
 *   customer, not per period), the market and existing customers (counts),
 *   assumptions (what they mean is the user's).
 * Blank cells stay blank, text that is not a number stays as it is; cells
 * holding formulas are kept as written and listed.
 *
 * @param convert false to keep every number and change only the period's name
 */
export function changePeriod(model: Model, to: Period, convert: boolean): PeriodConversion {
  if (model.period === to) return { model, kept: [] };
  if (!convert) return { model: { ...model, period: to }, kept: [] };
  const r = periodRatio(model.period, to);
  const kept: KeptFormula[] = [];
  /** Converts one cell's text with `f`, keeping blanks, formulas and text that is not a number. */
  const convertCell = (cell: string, text: string, f: (x: number) => string | null): string => {
    if (isFormula(text)) {
      kept.push({ cell, formula: text.trim() });
      return text;
    }
    const x = parseNumberLiteral(text);
    return (x === null ? null : f(x)) ?? text;
  };
  const stages = model.stages.map((s) => {
    const next = { ...s };
    for (const field of PER_PERIOD) {
      next[field] = convertCell(
        `${s.name} ${STAGE_FIELD_LABELS[field].toLowerCase()}`,
        s[field],
        (x) => written(x * r),
      );
    }
    next.lag = convertCell(`${s.name} lag`, s.lag, (x) => String(Math.max(0, Math.round(x / r))));
    return next;
  });
  const churnIsPercent = model.loop.churn.trim().endsWith('%');
  const loop = {
    ...model.loop,
    lag: convertCell('Loop referral lag', model.loop.lag, (x) =>
      String(Math.max(1, Math.round(x / r))),
    ),
    // A churn outside 0–100 % is flagged by validation; it is left for the user to fix.
    churn: convertCell('Loop churn', model.loop.churn, (c) => {
      if (c < 0 || c > 1) return null;
      const per = 1 - Math.pow(1 - c, r);
      return churnIsPercent ? `${written(per * 100)}%` : written(per);
    }),
  };
  const horizon = Math.min(LIMITS.horizon, Math.max(1, Math.round(model.horizon / r)));
  return { model: { ...model, period: to, stages, loop, horizon }, kept };
}
