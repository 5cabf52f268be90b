import { scaleLinear, type ScaleLinear } from 'd3-scale';
import type { Period } from '../../model/types';

/*
 * Axes shared by the growth and pileup charts: periods 1…horizon across,
 * a count or money up, both starting at 0.
 */

/** The plot area inside an SVG of `width` × `height` px. */
export interface Plot {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** A tick: its position in px and its label. */
export interface Tick {
  at: number;
  label: string;
}

/** What a value axis counts: items (customers, queued leads) or money. */
export type Unit = { kind: 'count' } | { kind: 'money'; currency: string };

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * A number for an axis tick, short: 950 · 1.2K · 20K · 3.4M; money with its
 * currency symbol ($1.2K), or the code after it when there is no symbol.
 */
export function tickLabel(x: number, unit: Unit): string {
  if (unit.kind === 'count') return compact.format(x);
  const f = compactMoney(unit.currency);
  return f ? f.format(x) : `${compact.format(x)} ${unit.currency}`;
}

// One formatter per currency: building one costs ~0.1 ms, and every repaint labels ticks.
const moneyFormats = new Map<string, Intl.NumberFormat | null>();
function compactMoney(currency: string): Intl.NumberFormat | null {
  let f = moneyFormats.get(currency);
  if (f === undefined) {
    try {
      f = new Intl.NumberFormat('en-US', {
        notation: 'compact',
        style: 'currency',
        currency,
        minimumFractionDigits: 0,
        maximumFractionDigits: 1,
      });
    } catch {
      f = null;
    }
    moneyFormats.set(currency, f);
  }
  return f;
}

/** "Month", "Week", …: the period name for the time axis. */
export function periodName(period: Period): string {
  return period[0]?.toUpperCase() + period.slice(1);
}

/** A time axis: where each period is drawn, its ticks and its name. */
export interface TimeScale {
  /** Period number (1…horizon) → x in px. */
  x: ScaleLinear<number, number>;
  /** Whole periods, about one per 60 px of the plot's width (at least 2). */
  ticks: Tick[];
  /** The axis name: "Months", "Weeks", …. */
  label: string;
}

/**
 * The time axis across `plot`: periods 1…horizon (at least 1…2, so one
 * period still has a width), with its ticks and name.
 */
export function timeAxis(horizon: number, plot: Plot, period: Period): TimeScale {
  const x = scaleLinear()
    .domain([1, Math.max(2, horizon)])
    .range([plot.left, plot.right]);
  const ticks = x
    .ticks(Math.max(2, Math.floor((plot.right - plot.left) / 60)))
    .filter((t) => Number.isInteger(t))
    .map((t) => ({ at: x(t), label: String(t) }));
  return { x, ticks, label: `${periodName(period)}s` };
}

/**
 * A value axis from 0 to a round number above `max` (a flat 0 still gets
 * 0…1), with its ticks.
 */
export function valueScale(
  max: number,
  plot: Plot,
  unit: Unit,
  count = 5,
): { y: ScaleLinear<number, number>; ticks: Tick[] } {
  const top = Number.isFinite(max) && max > 0 ? max : 1;
  const y = scaleLinear().domain([0, top]).range([plot.bottom, plot.top]).nice(count);
  return { y, ticks: y.ticks(count).map((v) => ({ at: y(v), label: tickLabel(v, unit) })) };
}
