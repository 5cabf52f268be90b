import Papa from 'papaparse';
import { crossoverText } from '../lib/analysis/crossover';
import { describeLoop, loopFactor, type GrowthMode } from '../lib/analysis/loop';
import { simulate, type SimPeriod, type Simulation } from '../lib/analysis/simulate';
import { waitText } from '../lib/analysis/wait';
import { neutralizeCell } from '../lib/io/injection';
import { setLoopEnabled } from '../lib/model/growth-edits';
import { LIMITS } from '../lib/model/limits';
import type { Model } from '../lib/model/types';
import { trustedAnalysis } from './analyze';
import { UsageError, type Command } from './command';
import { printable, readModelFile, toJson } from './io';

/**
 * `bottleneck simulate FILE --json`: PRODUCT.md "The command line". The
 * fields are those of {@link Simulation} and {@link SimPeriod} (documented
 * there), without the split of `won` into outbound and referred.
 */
export interface SimulateJson extends Pick<
  Simulation,
  'mode' | 'horizon' | 'loop_factor' | 'crossover'
> {
  periods: Omit<SimPeriod, 'won_outbound' | 'won_referred'>[];
}

/** A simulation in the command line's JSON shape. */
export function simulationJson(sim: Simulation): SimulateJson {
  return {
    mode: sim.mode,
    horizon: sim.horizon,
    loop_factor: sim.loop_factor,
    crossover: sim.crossover,
    periods: sim.periods.map((p) => ({
      t: p.t,
      won: p.won,
      customers: p.customers,
      active: p.active,
      queues: p.queues,
      wait: p.wait,
      throughput_money: p.throughput_money,
      inventory_money: p.inventory_money,
      item_spend: p.item_spend,
      operating_expense: p.operating_expense,
      t_over_oe: p.t_over_oe,
      net: p.net,
      referred_leads: p.referred_leads,
    })),
  };
}

/** The CSV columns before the queues, named as in the JSON. */
const COLUMNS = [
  't',
  'won',
  'customers',
  'active',
  'throughput_money',
  'inventory_money',
  'item_spend',
  'operating_expense',
  't_over_oe',
  'net',
  'referred_leads',
] as const;

/**
 * A simulation as CSV: one row per period, the JSON's numbers (full
 * precision, `t_over_oe` blank without operating expense), then a
 * `queue:<stage id>` column per stage in grid order, then a `wait:<stage id>`
 * column per stage (periods; `never` where items wait and the stage
 * processes none). Header cells are neutralised against formula injection;
 * CRLF line ends.
 */
export function simulationCsv(sim: Simulation, stageIds: readonly string[]): string {
  const header = [
    ...COLUMNS,
    ...stageIds.map((id) => neutralizeCell(`queue:${id}`)),
    ...stageIds.map((id) => neutralizeCell(`wait:${id}`)),
  ];
  const rows = sim.periods.map((p) => [
    ...COLUMNS.map((c) => (p[c] === null ? '' : String(p[c]))),
    ...stageIds.map((id) => String(p.queues[id] ?? 0)),
    ...stageIds.map((id) => {
      const wait = p.wait[id];
      return wait === null ? 'never' : String(wait ?? 0);
    }),
  ]);
  return Papa.unparse([header, ...rows], { newline: '\r\n' }) + '\r\n';
}

const num = (x: number) =>
  x.toLocaleString('en-US', { maximumFractionDigits: Math.abs(x) >= 1000 ? 0 : 2 });

/** The largest queue at the end of a period and the wait ahead of it: "contact 1,800 (wait 1.2 months)". */
function largestQueue(p: SimPeriod, model: Model): string {
  const top = Object.entries(p.queues).sort((a, b) => b[1] - a[1])[0];
  if (!top || top[1] <= 1e-9) return '';
  const [id, queue] = top;
  return `${printable(id)} ${num(queue)} (wait ${waitText(p.wait[id] ?? null, model.period)})`;
}

/** The simulation as a readable table: a few lines on the loop, then one row per period. */
function simulationText(model: Model, sim: Simulation, loopText: string): string {
  const per = `per ${model.period}`;
  const crossover =
    sim.mode === 'push' ? 'Push: the loop is off.' : crossoverText(sim, model.period);
  const head = [
    't',
    'won',
    'customers',
    'active',
    `throughput (${model.currency})`,
    'item spend',
    'net',
    'inventory',
  ];
  const widest = model.stages.length > 0 ? ['largest queue'] : [];
  const rows = sim.periods.map((p) => [
    String(p.t),
    num(p.won),
    num(p.customers),
    num(p.active),
    num(p.throughput_money),
    num(p.item_spend),
    num(p.net),
    num(p.inventory_money),
    ...(widest.length > 0 ? [largestQueue(p, model)] : []),
  ]);
  const table = [[...head, ...widest], ...rows];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => (r[c] ?? '').length)));
  const lines = table.map((r) =>
    r
      .map((cell, c) =>
        c === r.length - 1 && widest.length > 0 ? cell : cell.padStart(widths[c]!),
      )
      .join('  ')
      .trimEnd(),
  );
  return [
    `${printable(model.name)}: ${sim.mode}, ${sim.horizon} ${model.period}s (counts ${per}, money ${per}; a queue's wait by Little's law, queue ÷ processed per ${model.period}).`,
    `Loop factor K = ${+sim.loop_factor.toPrecision(4)}. ${loopText}`,
    crossover,
    '',
    ...lines,
  ].join('\n');
}

/** Reads `--mode`: push, pull, or (absent) the model's own mode. */
function modeOf(value: unknown, model: Model): GrowthMode {
  if (value === undefined) return model.loop.enabled ? 'pull' : 'push';
  if (value === 'push' || value === 'pull') return value;
  throw new UsageError(`--mode must be push or pull (got "${String(value)}").`);
}

/** Reads `--horizon`: a whole number of periods from 1 to 520, or the model's horizon. */
function horizonOf(value: unknown, model: Model): number {
  if (value === undefined) return model.horizon;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > LIMITS.horizon)
    throw new UsageError(
      `--horizon must be a whole number of periods from 1 to ${LIMITS.horizon} (got "${String(value)}").`,
    );
  return n;
}

/** The `simulate` command. */
export const simulateCommand: Command = {
  name: 'simulate',
  positionals: ['FILE'],
  synopsis: '[--mode push|pull] [--horizon N] [--json | --csv]',
  summary: 'the funnel over time: won, customers, queues and money per period, push or pull',
  help: `Opens a model file (format 1 JSON), evaluates its formulas and runs it over
time, periods 1…horizon: queues, lags, arrivals every period and, in pull, the
referral loop with churn and the market.

Options:
  --mode M     push (the loop off) or pull (the loop on); default: the model's own
  --horizon N  periods to simulate, 1–${LIMITS.horizon}; default: the model's horizon
  --json       print { "mode", "horizon", "loop_factor", "crossover",
               "periods": [{ "t", "won", "customers", "active", "queues": { id: n },
               "wait": { id: periods | null }, "throughput_money",
               "inventory_money", "item_spend", "operating_expense",
               "t_over_oe", "net", "referred_leads" }] }
               (wait: queue ÷ processed, null when nothing is processed;
               net: throughput − operating expense − item spend)
  --csv        print one row per period: the same numbers, then a queue:<id>
               column per stage, then a wait:<id> column per stage
               ("never" when nothing is processed)
  -h, --help   show this help

A file that cannot be opened, or a cell with a formula error or an
out-of-range value (the loop's too, in pull), is reported on stderr with its
stage and field (exit 1).`,
  options: {
    mode: { type: 'string' },
    horizon: { type: 'string' },
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
  },
  async run({ values, positionals }) {
    if (values.json === true && values.csv === true)
      throw new UsageError('Choose one of --json and --csv.');
    const path = positionals[0] as string;
    const read = await readModelFile(path);
    const mode = modeOf(values.mode, read);
    const horizon = horizonOf(values.horizon, read);
    // The loop's cells are checked when it is on: pull simulated means pull checked.
    const model = setLoopEnabled(read, mode === 'pull');
    const analysis = trustedAnalysis(path, model);
    const sim = simulate(analysis.inputs, horizon, mode);
    if (values.json === true) return toJson(simulationJson(sim));
    if (values.csv === true)
      return simulationCsv(
        sim,
        model.stages.map((s) => s.id),
      );
    return simulationText(model, sim, describeLoop(loopFactor(analysis.inputs)));
  },
};
