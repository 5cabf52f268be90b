import type { FlowInputs, StageInputs } from './inputs';
import { entryIndex, loopFactor, type GrowthMode } from './loop';

/**
 * One period of the time simulation (PRODUCT.md "Over time"). Counts are
 * items (or customers) in that period unless said otherwise; money per period.
 * Names match the `bottleneck simulate --json` output.
 */
export interface SimPeriod {
  /** Period number, 1…horizon. */
  t: number;
  /** Customers won this period: what left the final stages. */
  won: number;
  /** Of `won`, those that came from outbound arrivals. */
  won_outbound: number;
  /** Of `won`, those that came from referred leads (pull only). */
  won_referred: number;
  /** Referred leads entering the loop's entry stage this period (pull only). */
  referred_leads: number;
  /** Customers so far: the existing customers (`loop.customers`) + every `won` through t. */
  customers: number;
  /** Active customers: A(t) = A(t−1) × (1 − churn) + won(t), A(0) = existing customers. */
  active: number;
  /** Each stage's queue at the end of the period, by stage id (items waiting). */
  queues: Record<string, number>;
  /** Σ out × (value − variable_cost) over every stage processing this period. */
  throughput_money: number;
  /** Σ queue × cost_per_item: money invested in items waiting. */
  inventory_money: number;
  /** Σ cost_per_period. */
  operating_expense: number;
  /** The scoreboard T ÷ OE; `null` when operating expense is 0. */
  t_over_oe: number | null;
  /** Net: throughput money − operating expense. */
  net: number;
}

/** A whole simulation: plain data, safe to post across a Web Worker boundary. */
export interface Simulation {
  mode: GrowthMode;
  horizon: number;
  /** Periods 1…horizon, in order. */
  periods: SimPeriod[];
  /** The loop factor K (see `loopFactor`), whatever the mode. */
  loop_factor: number;
  /**
   * The crossover of the growth chart: the first period in which the loop
   * brings in more customers than outbound does (`won_referred >
   * won_outbound`; strictly, since with K = 0.5 the two only meet in the
   * limit, which rounding would otherwise turn into a date). Pull never falls below push
   * (more arrivals never process less), so "pull overtakes push" would mark
   * period 1; the meaningful moment is when pull growth carries itself.
   * `null` in push, and when it does not happen within the horizon.
   */
  crossover: number | null;
}

/** Adds `x` to slot `k` (typed arrays are zero-filled, so every slot is a number). */
function add(slots: Float64Array, k: number, x: number): void {
  slots[k] = (slots[k] as number) + x;
}

/** Share of the market left when `customers` have been won (blank market: no limit). */
function marketLeft(customers: number, market: number): number {
  if (market === Infinity) return 1;
  return market > 0 ? Math.max(0, 1 - customers / market) : 0;
}

/**
 * Runs the funnel over time, periods 1…horizon (PRODUCT.md "Over time" and
 * "The loop").
 *
 * Each period, stages are taken in flow order: sources receive `arrivals`;
 * `available = queue + arriving(t)`, `processed = min(available, capacity)`,
 * `queue = available − processed`, and `out = processed × conversion`
 * reaches `next` at t + lag (lag 0: this same period, which is why flow order
 * matters). A final stage's lag delays the customer: its out counts as won at
 * t + lag (the end of the funnel being the customer base), while its value
 * counts as throughput money when it is processed, as every stage's does.
 * Items due after the horizon are dropped.
 *
 * Pull (the loop on): each customer won at t, the existing customers at
 * t = 0 too, refers `referrals` leads entering the entry stage at t + loop
 * lag, × max(0, 1 − customers(t) ÷ market). Referred leads share capacity
 * with outbound ones: a stage processes the same share of each kind it has
 * available, so `won_referred` and `won_outbound` split `won` honestly.
 * Push: the loop off (the existing customers still count, but refer no one).
 *
 * Runs in O(horizon × stages) on typed arrays; the only allocations per
 * period are the output rows.
 *
 * @param horizon number of periods (a whole number, 0 or more)
 * @throws RangeError when `horizon` is not a whole number ≥ 0
 */
export function simulate(inputs: FlowInputs, horizon: number, mode: GrowthMode): Simulation {
  if (!Number.isInteger(horizon) || horizon < 0)
    throw new RangeError(
      `The horizon must be a whole number of periods, 0 or more (got ${horizon}).`,
    );
  const { stages, order, loop } = inputs;
  const n = stages.length;
  const index = new Map(stages.map((s, i) => [s.id, i]));
  const next = Int32Array.from(stages, (s) => (s.next === null ? -1 : (index.get(s.next) ?? -1)));
  // Items due at stage i in period t sit at [t × n + i]; won due in period t at [t].
  const dueOut = new Float64Array((horizon + 1) * n);
  const dueRef = new Float64Array((horizon + 1) * n);
  const wonOut = new Float64Array(horizon + 1);
  const wonRef = new Float64Array(horizon + 1);
  const queueOut = new Float64Array(n);
  const queueRef = new Float64Array(n);
  const entry = mode === 'pull' && loop.referrals > 0 ? entryIndex(inputs) : -1;
  const refer = (t: number, won: number, customers: number) => {
    const at = t + loop.lag;
    if (entry < 0 || at > horizon) return;
    add(dueRef, at * n + entry, won * loop.referrals * marketLeft(customers, loop.market));
  };
  const operatingExpense = stages.reduce((sum, s) => sum + s.cost_per_period, 0);
  let customers = loop.customers;
  let active = loop.customers;
  refer(0, loop.customers, customers);
  const shape: Record<string, number> = Object.fromEntries(stages.map((s) => [s.id, 0]));
  const periods: SimPeriod[] = [];
  for (let t = 1; t <= horizon; t++) {
    const row = t * n;
    const referredLeads = entry < 0 ? 0 : (dueRef[row + entry] as number);
    let money = 0;
    let inventory = 0;
    for (const i of order) {
      const s = stages[i] as StageInputs;
      const fromOut = (queueOut[i] as number) + (dueOut[row + i] as number) + s.arrivals;
      const fromRef = (queueRef[i] as number) + (dueRef[row + i] as number);
      const processed = Math.min(fromOut + fromRef, s.capacity);
      // One kind only (push always): exact. Both: the same share of each, never more than there is.
      const share = processed / (fromOut + fromRef);
      const doneOut = fromRef === 0 ? processed : fromOut * share;
      const doneRef = fromRef === 0 ? 0 : fromOut === 0 ? processed : fromRef * share;
      queueOut[i] = fromOut - doneOut;
      queueRef[i] = fromRef - doneRef;
      const outOut = doneOut * s.conversion;
      const outRef = doneRef * s.conversion;
      money += (outOut + outRef) * (s.value - s.variable_cost);
      inventory += (fromOut - doneOut + fromRef - doneRef) * s.cost_per_item;
      const at = t + s.lag;
      if (at > horizon) continue;
      const j = next[i] as number;
      if (j < 0) {
        add(wonOut, at, outOut);
        add(wonRef, at, outRef);
      } else {
        add(dueOut, at * n + j, outOut);
        add(dueRef, at * n + j, outRef);
      }
    }
    const won = (wonOut[t] as number) + (wonRef[t] as number);
    customers += won;
    active = active * (1 - loop.churn) + won;
    refer(t, won, customers);
    // Copying one shape and filling it in is 2–3× faster than growing a fresh object key by key.
    const queues = { ...shape };
    for (let i = 0; i < n; i++)
      queues[(stages[i] as StageInputs).id] = (queueOut[i] as number) + (queueRef[i] as number);
    periods.push({
      t,
      won,
      won_outbound: wonOut[t] as number,
      won_referred: wonRef[t] as number,
      referred_leads: referredLeads,
      customers,
      active,
      queues,
      throughput_money: money,
      inventory_money: inventory,
      operating_expense: operatingExpense,
      t_over_oe: operatingExpense === 0 ? null : money / operatingExpense,
      net: money - operatingExpense,
    });
  }
  const crossover =
    mode === 'pull' ? (periods.find((p) => p.won_referred > p.won_outbound)?.t ?? null) : null;
  return { mode, horizon, periods, loop_factor: loopFactor(inputs).k, crossover };
}
