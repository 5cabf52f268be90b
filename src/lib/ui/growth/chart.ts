import { line } from 'd3-shape';
import type { GrowthMode } from '../../analysis/loop';
import type { SimPeriod, Simulation } from '../../analysis/simulate';
import type { Period } from '../../model/types';
import { formatCount, formatMoney } from '../format';
import { timeAxis, valueScale, type Plot, type Tick, type Unit } from './axes';

/** What the growth chart draws over time. */
export type GrowthMeasure = 'customers' | 'active' | 'throughput_money';

/** The measures, in switch order, with their names. */
export const GROWTH_MEASURES: readonly { id: GrowthMeasure; label: string }[] = [
  { id: 'customers', label: 'Customers' },
  { id: 'active', label: 'Active customers' },
  { id: 'throughput_money', label: 'Throughput' },
];

/** One period under the pointer: both modes' values and where they are drawn. */
export interface GrowthPoint {
  t: number;
  x: number;
  push: number;
  pull: number;
  yPush: number;
  yPull: number;
}

/** One mode's curve: its path, and where it ends with the baseline of its label. */
export interface GrowthLine {
  mode: GrowthMode;
  d: string;
  strong: boolean;
  end: { x: number; y: number };
  /** Baseline of the "Push"/"Pull" label beside the end, kept clear of the other label. */
  labelY: number;
}

/** Everything the growth chart draws, in px of an SVG of `width` × `height`. */
export interface GrowthGeometry {
  width: number;
  height: number;
  plot: Plot;
  /** The faint line first, the strong one (the chosen mode) last, drawn on top. */
  lines: GrowthLine[];
  xTicks: Tick[];
  yTicks: Tick[];
  xLabel: string;
  yLabel: string;
  /** The period from which the loop brings more customers than outbound does, if any. */
  crossover: { t: number; x: number } | null;
  /** Periods 1…horizon, for hover. */
  points: GrowthPoint[];
}

/** Sizes and labels the chart needs besides the two simulations. */
export interface GrowthChartOptions {
  mode: GrowthMode;
  measure: GrowthMeasure;
  width: number;
  height: number;
  period: Period;
  currency: string;
}

const MARGIN = { top: 14, right: 44, bottom: 40, left: 58 };

const valueOf = (p: SimPeriod, measure: GrowthMeasure) => p[measure];

/** Label line height: two end labels closer than this are pushed apart. */
const LABEL = 13;

/** Moves the two end labels apart when the curves end close together. */
function separateLabels(lines: GrowthLine[]): void {
  const [a, b] = lines;
  if (!a || !b) return;
  const gap = Math.abs(a.end.y - b.end.y);
  if (gap >= LABEL) return;
  const [upper, lower] = a.end.y <= b.end.y ? [a, b] : [b, a];
  const middle = (upper.end.y + lower.end.y) / 2;
  upper.labelY = middle - LABEL / 2 + 4;
  lower.labelY = middle + LABEL / 2 + 4;
}

/** The unit of a measure's axis. */
const unitOf = (measure: GrowthMeasure, currency: string): Unit =>
  measure === 'throughput_money' ? { kind: 'money', currency } : { kind: 'count' };

/** The value axis label, with its unit: "Customers (cumulative)", "Throughput (USD per month)". */
export function measureLabel(measure: GrowthMeasure, period: Period, currency: string): string {
  if (measure === 'customers') return 'Customers (cumulative)';
  if (measure === 'active') return 'Active customers';
  return `Throughput (${currency} per ${period})`;
}

/** A value of a measure as text: "1,234 customers", "$12,000". */
export function measureValue(x: number, measure: GrowthMeasure, currency: string): string {
  if (measure === 'throughput_money') return formatMoney(x, currency);
  return `${formatCount(x)} ${measure === 'active' ? 'active' : 'customers'}`;
}

/**
 * Lays out the growth chart: customers (or active customers, or throughput
 * money) per period for push and pull from the same funnel, on one shared
 * scale from 0, the chosen mode strong and the other faint.
 */
export function growthGeometry(
  push: Simulation,
  pull: Simulation,
  options: GrowthChartOptions,
): GrowthGeometry {
  const { mode, measure, width, height, period, currency } = options;
  const plot: Plot = {
    left: MARGIN.left,
    top: MARGIN.top,
    right: Math.max(MARGIN.left + 1, width - MARGIN.right),
    bottom: Math.max(MARGIN.top + 1, height - MARGIN.bottom),
  };
  const horizon = Math.max(push.periods.length, pull.periods.length);
  const { x, ticks: xTicks, label: xLabel } = timeAxis(horizon, plot, period);
  const all = [...push.periods, ...pull.periods].map((p) => valueOf(p, measure));
  const max = all.reduce((m, v) => (Number.isFinite(v) && v > m ? v : m), 0);
  const { y, ticks } = valueScale(max, plot, unitOf(measure, currency));
  // Values beyond the axis (none today, but a clamp keeps a bad number from drawing off the chart).
  const yOf = (v: number) =>
    Math.max(plot.top, Math.min(plot.bottom, y(Number.isFinite(v) ? v : 0)));
  const path = line<SimPeriod>()
    .x((p) => x(p.t))
    .y((p) => yOf(valueOf(p, measure)));
  const lineOf = (sim: Simulation): GrowthLine => {
    const last = sim.periods[sim.periods.length - 1];
    const end = last
      ? { x: x(last.t), y: yOf(valueOf(last, measure)) }
      : { x: plot.left, y: plot.bottom };
    return {
      mode: sim.mode,
      d: path(sim.periods) ?? '',
      strong: sim.mode === mode,
      end,
      labelY: end.y + 4,
    };
  };
  const lines = mode === 'pull' ? [lineOf(push), lineOf(pull)] : [lineOf(pull), lineOf(push)];
  separateLabels(lines);
  const points = pull.periods.map((p, i): GrowthPoint => {
    const q = push.periods[i] ?? p;
    const pushValue = valueOf(q, measure);
    const pullValue = valueOf(p, measure);
    return {
      t: p.t,
      x: x(p.t),
      push: pushValue,
      pull: pullValue,
      yPush: yOf(pushValue),
      yPull: yOf(pullValue),
    };
  });
  return {
    width,
    height,
    plot,
    lines,
    xTicks,
    yTicks: ticks,
    xLabel,
    yLabel: measureLabel(measure, period, currency),
    crossover: pull.crossover === null ? null : { t: pull.crossover, x: x(pull.crossover) },
    points,
  };
}

/**
 * The period nearest to a pointer at `px` (SVG x), as an index into
 * `points`; -1 when there are none.
 */
export function nearestPoint(points: readonly GrowthPoint[], px: number): number {
  let best = -1;
  let distance = Infinity;
  points.forEach((p, i) => {
    const d = Math.abs(p.x - px);
    if (d < distance) {
      distance = d;
      best = i;
    }
  });
  return best;
}
