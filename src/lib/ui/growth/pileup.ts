import { line } from 'd3-shape';
import type { SimPeriod, Simulation } from '../../analysis/simulate';
import type { Period, Stage, StageId } from '../../model/types';
import { timeAxis, valueScale, type Plot, type Tick, type Unit } from './axes';

/** Queues drawn as lines at most; the rest are named below the chart. */
export const MAX_QUEUE_LINES = 5;

/** Line colours of queues that are not the constraint's, in order. */
const PALETTE = ['#2563eb', '#7c3aed', '#0f766e', '#be185d', '#475569'];
/** The constraint's queue: the amber used for the constraint everywhere. */
export const CONSTRAINT_COLOUR = '#d97706';

/** One stage's queue over time. */
export interface QueueSeries {
  id: StageId;
  name: string;
  d: string;
  colour: string;
  constraint: boolean;
  /** Queue at the end of the horizon (items). */
  last: number;
  /**
   * The wait ahead of the stage at the end of the horizon, in periods
   * (Little's law: queue ÷ processed that period); `null` when items wait
   * and the stage processes none (see `SimPeriod.wait`).
   */
  wait: number | null;
  /** Where the line ends, for its label. */
  end: { x: number; y: number };
}

/** The pileup chart: queues per stage on top, inventory money below, one time axis. */
export interface PileupGeometry {
  width: number;
  height: number;
  queuePlot: Plot;
  moneyPlot: Plot;
  /** The largest queues, the constraint's first. */
  series: QueueSeries[];
  /** Stages that queue something but are not drawn (more than {@link MAX_QUEUE_LINES}). */
  more: string[];
  queueTicks: Tick[];
  moneyTicks: Tick[];
  xTicks: Tick[];
  /** Inventory money per period: the line, and the area under it. */
  money: { d: string; area: string };
  /** False when no queue ever ties up money (nothing is invested in any queued item, on its path or at its stage). */
  inventory: boolean;
  xLabel: string;
  queueLabel: string;
  moneyLabel: string;
}

/** Sizes and names the chart needs besides the simulation. */
export interface PileupOptions {
  stages: readonly Pick<Stage, 'id' | 'name'>[];
  /** The constraint's stages (none when the market is the constraint or the analysis is blocked). */
  constraint: readonly StageId[];
  width: number;
  height: number;
  period: Period;
  currency: string;
}

const MARGIN = { top: 12, right: 104, bottom: 36, left: 58 };
/** Share of the plot height given to the queues; inventory money gets the rest. */
const QUEUE_SHARE = 0.64;
const GAP = 22;

/** A queue counts as empty at or below this many items (float dust). */
export const EMPTY_QUEUE = 1e-9;

/**
 * Lays out the pileup over time: each stage's queue (items waiting at the
 * end of every period) with the wait ahead of it at the end, and the
 * inventory money they tie up (Σ queue × money invested per item there).
 * The queue ahead of the constraint grows; others stay flat.
 */
export function pileupGeometry(sim: Simulation, options: PileupOptions): PileupGeometry {
  const { stages, constraint, width, height, period, currency } = options;
  const inner = Math.max(40, height - MARGIN.top - MARGIN.bottom - GAP);
  const right = Math.max(MARGIN.left + 1, width - MARGIN.right);
  const queuePlot: Plot = {
    left: MARGIN.left,
    right,
    top: MARGIN.top,
    bottom: MARGIN.top + inner * QUEUE_SHARE,
  };
  const moneyPlot: Plot = {
    left: MARGIN.left,
    right,
    top: queuePlot.bottom + GAP,
    bottom: queuePlot.bottom + GAP + inner * (1 - QUEUE_SHARE),
  };
  const { x, ticks: xTicks, label: xLabel } = timeAxis(sim.periods.length, queuePlot, period);
  const peak = (id: StageId) => Math.max(0, ...sim.periods.map((p) => p.queues[id] ?? 0));
  const queued = stages
    .map((s) => ({ ...s, peak: peak(s.id), constraint: constraint.includes(s.id) }))
    .filter((s) => s.peak > EMPTY_QUEUE)
    .sort((a, b) => Number(b.constraint) - Number(a.constraint) || b.peak - a.peak);
  const drawn = queued.slice(0, MAX_QUEUE_LINES);
  const count: Unit = { kind: 'count' };
  const q = valueScale(Math.max(0, ...drawn.map((s) => s.peak)), queuePlot, count, 4);
  const money = sim.periods.map((p) => p.inventory_money);
  const m = valueScale(Math.max(0, ...money), moneyPlot, { kind: 'money', currency }, 2);
  let other = 0;
  const series = drawn.map((s): QueueSeries => {
    const path = line<SimPeriod>()
      .x((p) => x(p.t))
      .y((p) => q.y(p.queues[s.id] ?? 0));
    const end = sim.periods[sim.periods.length - 1];
    const last = end?.queues[s.id] ?? 0;
    const wait = end?.wait[s.id];
    return {
      id: s.id,
      name: s.name,
      d: path(sim.periods) ?? '',
      colour: s.constraint ? CONSTRAINT_COLOUR : (PALETTE[other++ % PALETTE.length] as string),
      constraint: s.constraint,
      last,
      wait: wait === undefined ? 0 : wait,
      end: { x: x(sim.periods.length), y: q.y(last) },
    };
  });
  const moneyLine = line<SimPeriod>()
    .x((p) => x(p.t))
    .y((p) => m.y(p.inventory_money));
  const d = moneyLine(sim.periods) ?? '';
  const first = sim.periods[0];
  const area =
    d && first
      ? `${d}L${x(sim.periods.length)},${moneyPlot.bottom}L${x(first.t)},${moneyPlot.bottom}Z`
      : '';
  return {
    width,
    height,
    queuePlot,
    moneyPlot,
    series,
    more: queued.slice(MAX_QUEUE_LINES).map((s) => s.name),
    queueTicks: q.ticks,
    moneyTicks: m.ticks,
    xTicks,
    money: { d, area },
    inventory: money.some((x) => x > 0),
    xLabel,
    queueLabel: 'Queue (items)',
    moneyLabel: `Inventory (${currency})`,
  };
}
