import { crossoverText } from '../../analysis/crossover';
import type { Growth } from '../../analysis/growth';
import type { Period } from '../../model/types';
import { periodName } from './axes';
import { measureValue, type GrowthMeasure, type GrowthPoint } from './chart';

/*
 * The sentences around the growth chart: the crossover note, the values
 * under the pointer, and a text alternative of the whole chart.
 */

/**
 * What the crossover mark means, or why there is none (see
 * `crossoverText`): "From month 7 through month 24 the loop brings in more
 * customers than outbound does, every month."
 */
export function crossoverNote(growth: Growth, period: Period): string {
  const { pull, loop } = growth;
  if (loop.entry === null) return 'No loop yet: choose the stage referred leads enter.';
  if (loop.k === 0) return 'The loop brings no one (K = 0): pull equals push.';
  return crossoverText(pull, period);
}

/** The values of both modes at one period: "Month 12 · pull 180 customers · push 90 customers". */
export function pointText(
  point: GrowthPoint,
  measure: GrowthMeasure,
  period: Period,
  currency: string,
): string {
  return `${periodName(period)} ${point.t} · pull ${measureValue(point.pull, measure, currency)} · push ${measureValue(point.push, measure, currency)}`;
}

/**
 * The chart in one or two sentences, for assistive technology: where both
 * curves end and the crossover.
 */
export function chartSummary(
  growth: Growth,
  measure: GrowthMeasure,
  period: Period,
  currency: string,
): string {
  const pushEnd = growth.push.periods[growth.push.periods.length - 1];
  const pullEnd = growth.pull.periods[growth.pull.periods.length - 1];
  if (!pushEnd || !pullEnd) return 'No periods to show.';
  const ratio = pushEnd[measure] > 0 ? pullEnd[measure] / pushEnd[measure] : null;
  const times = ratio !== null && Number.isFinite(ratio) ? ` (${+ratio.toFixed(2)}× push)` : '';
  return `After ${growth.horizon} ${period}s: pull ${measureValue(pullEnd[measure], measure, currency)}${times}, push ${measureValue(pushEnd[measure], measure, currency)}. ${crossoverNote(growth, period)}`;
}
