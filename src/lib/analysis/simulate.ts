import type { FlowInputs, StageInputs } from './inputs';
import { lastingCrossover } from './crossover';
import { entryIndex, loopFactor, type GrowthMode } from './loop';
import { marketShare } from './market';

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
  /**
   * The wait ahead of each stage, by stage id, in periods (Little's law,
   * L = λW): its queue at the end of the period ÷ what it processed this
   * period. 0 when nothing waits; `null` when items wait and the stage
   * processed none this period: at this pace they are never processed.
   */
  wait: Record<string, number | null>;
  /**
   * Σ out × (value − variable_cost), money per period, booked when the out
   * lands: a stage's lag delays its money with its items, so a final stage's
   * revenue counts in the period its customers do.
   */
  throughput_money: number;
  /**
   * Money tied up in items waiting: Σ queue × money invested per item there
   * (its cost_per_item plus what was invested upstream on the item's path;
   * at a merge, the flow-weighted average of what arrived).
   */
  inventory_money: number;
  /** Σ inflow × cost_per_item this period: spent on every item that arrives, converted or not. */
  item_spend: number;
  /** Σ cost_per_period. */
  operating_expense: number;
  /** The scoreboard T ÷ OE; `null` when operating expense is 0. */
  t_over_oe: number | null;
  /** Net: throughput money − operating expense − item spend. */
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
   * The crossover of the growth chart (see `lastingCrossover`): the first
   * period from which the loop wins more customers than outbound every
   * period (`won_referred > won_outbound`) through the horizon. Pull never
   * falls below push (more arrivals never process less), so "pull overtakes
   * push" would mark period 1; the meaningful moment is when pull growth
   * carries itself. `null` in push, and when it does not happen, or does
   * not last, within the horizon.
   */
  crossover: number | null;
}

/** Adds `x` to slot `k` (typed arrays are zero-filled, so every slot is a number). */
function add(slots: Float64Array, k: number, x: number): void {
  slots[k] = (slots[k] as number) + x;
}

/**
 * Runs the funnel over time, periods 1…horizon (PRODUCT.md "Over time" and
 * "The loop").
 *
 * Each period, stages are taken in flow order: sources receive `arrivals`
 * × max(0, 1 − customers(t − 1) ÷ market) (the market caps push as well as
 * pull); `available = queue + arriving(t)`, `processed = min(available,
 * capacity)`, `queue = available − processed`, and `out = processed ×
 * conversion` reaches `next` at t + lag (lag 0: this same period, which is
 * why flow order matters). A stage's out money, out × (value −
 * variable_cost), is booked at t + lag too: a final stage's lag delays both
 * the customer and its revenue. Items (and their money) due after the
 * horizon are dropped.
 *
 * Money: every item arriving at a stage costs its cost_per_item (item
 * spend); an item carries what was invested in it on its path, and a stage's
 * queue is valued at that plus its own cost per item. A stage's items are
 * one pool: the money per item is the flow-weighted average of what arrived.
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
  // Money invested upstream in the items due at stage i in period t.
  const dueMoney = new Float64Array((horizon + 1) * n);
  const wonOut = new Float64Array(horizon + 1);
  const wonRef = new Float64Array(horizon + 1);
  const booked = new Float64Array(horizon + 1);
  const queueOut = new Float64Array(n);
  const queueRef = new Float64Array(n);
  const queueMoney = new Float64Array(n);
  const processed = new Float64Array(n);
  const entry = mode === 'pull' && loop.referrals > 0 ? entryIndex(inputs) : -1;
  const refer = (t: number, won: number, customers: number) => {
    const at = t + loop.lag;
    if (entry < 0 || at > horizon) return;
    add(dueRef, at * n + entry, won * loop.referrals * marketShare(customers, loop.market));
  };
  const operatingExpense = stages.reduce((sum, s) => sum + s.cost_per_period, 0);
  let customers = loop.customers;
  let active = loop.customers;
  refer(0, loop.customers, customers);
  const shape = Object.fromEntries(stages.map((s) => [s.id, 0]));
  const periods: SimPeriod[] = [];
  for (let t = 1; t <= horizon; t++) {
    const row = t * n;
    const referredLeads = entry < 0 ? 0 : (dueRef[row + entry] as number);
    const left = marketShare(customers, loop.market);
    let spend = 0;
    let inventory = 0;
    for (const i of order) {
      const s = stages[i] as StageInputs;
      const arrivingOut = (dueOut[row + i] as number) + s.arrivals * left;
      const arrivingRef = dueRef[row + i] as number;
      const fromOut = (queueOut[i] as number) + arrivingOut;
      const fromRef = (queueRef[i] as number) + arrivingRef;
      const done = Math.min(fromOut + fromRef, s.capacity);
      // One kind only (push always): exact. Both: the same share of each, never more than there is.
      const share = done === 0 ? 0 : done / (fromOut + fromRef);
      const doneOut = fromRef === 0 ? done : fromOut * share;
      const doneRef = fromRef === 0 ? 0 : fromOut === 0 ? done : fromRef * share;
      queueOut[i] = fromOut - doneOut;
      queueRef[i] = fromRef - doneRef;
      processed[i] = done;
      spend += (arrivingOut + arrivingRef) * s.cost_per_item;
      // The pool's money per item: what waited, what arrived and its own cost, averaged by flow.
      const available = fromOut + fromRef;
      const perItem =
        available === 0
          ? 0
          : ((queueMoney[i] as number) +
              (dueMoney[row + i] as number) +
              (arrivingOut + arrivingRef) * s.cost_per_item) /
            available;
      queueMoney[i] = (available - done) * perItem;
      inventory += queueMoney[i] as number;
      const outOut = doneOut * s.conversion;
      const outRef = doneRef * s.conversion;
      const at = t + s.lag;
      if (at > horizon) continue;
      add(booked, at, (outOut + outRef) * (s.value - s.variable_cost));
      const j = next[i] as number;
      if (j < 0) {
        add(wonOut, at, outOut);
        add(wonRef, at, outRef);
      } else {
        add(dueOut, at * n + j, outOut);
        add(dueRef, at * n + j, outRef);
        add(dueMoney, at * n + j, (outOut + outRef) * perItem);
      }
    }
    const won = (wonOut[t] as number) + (wonRef[t] as number);
    customers += won;
    active = active * (1 - loop.churn) + won;
    refer(t, won, customers);
    const money = booked[t] as number;
    periods.push({
      t,
      won,
      won_outbound: wonOut[t] as number,
      won_referred: wonRef[t] as number,
      referred_leads: referredLeads,
      customers,
      active,
      ...byStage(stages, shape, queueOut, queueRef, processed),
      throughput_money: money,
      inventory_money: inventory,
      item_spend: spend,
      operating_expense: operatingExpense,
      t_over_oe: operatingExpense === 0 ? null : money / operatingExpense,
      net: money - operatingExpense - spend,
    });
  }
  return {
    mode,
    horizon,
    periods,
    loop_factor: loopFactor(inputs).k,
    crossover: mode === 'pull' ? lastingCrossover(periods) : null,
  };
}

/**
 * Each stage's queue and the wait ahead of it (queue ÷ processed, Little's
 * law), by stage id, as one period's row holds them.
 *
 * @param shape every stage id → 0: copying one shape and filling it in is
 *   2–3× faster than growing a fresh object key by key
 */
function byStage(
  stages: readonly StageInputs[],
  shape: Readonly<Record<string, number>>,
  queueOut: Float64Array,
  queueRef: Float64Array,
  processed: Float64Array,
): Pick<SimPeriod, 'queues' | 'wait'> {
  const queues = { ...shape };
  const wait: Record<string, number | null> = { ...shape };
  for (let i = 0; i < stages.length; i++) {
    const id = (stages[i] as StageInputs).id;
    const queue = (queueOut[i] as number) + (queueRef[i] as number);
    const done = processed[i] as number;
    queues[id] = queue;
    wait[id] = queue === 0 ? 0 : done > 0 ? queue / done : null;
  }
  return { queues, wait };
}
