import type { StageId } from '../model/types';
import type { FlowInputs, StageInputs } from './inputs';

/** One stage in the steady state, in items per period (PRODUCT.md "Steady state"). */
export interface StageFlow {
  id: StageId;
  /** Items arriving: arrivals (+ referred leads in pull) + Σ out of the feeders. */
  inflow: number;
  /** min(inflow, capacity). */
  processed: number;
  /** inflow − processed: items that queue up each period. */
  pileup: number;
  /** processed × conversion: sent to the next stage, or throughput at a final stage. */
  out: number;
  /** processed − out: the drop-off. */
  lost: number;
  /** inflow ÷ capacity; `null` when capacity is unlimited, `Infinity` when it is 0 and items arrive. */
  load: number | null;
  /**
   * Capacity in output units: capacity × every conversion from this stage to
   * the end; `null` when unlimited (or not asked for: see `steadyState`).
   */
  capacity_out: number | null;
}

/** The whole funnel in one period, nothing carried over. */
export interface SteadyState {
  /** In grid order. */
  stages: StageFlow[];
  /** Throughput units: out of the final stages, items per period. */
  units: number;
  /** Throughput money: Σ out × (value − variable_cost), money per period. */
  money: number;
  /** Operating expense: Σ cost_per_period, money per period. */
  operatingExpense: number;
  /**
   * Inventory added per period, money per period: Σ pileup × money invested
   * per item at the stage (its cost_per_item plus what was invested upstream
   * on the item's path; at a merge, the flow-weighted average of what
   * arrives, outside arrivals carrying nothing).
   */
  inventoryMoney: number;
  /** What the arrivals alone would yield with no capacity limits, in output units per period. */
  supplyUnits: number;
}

/** The funnel structure the flow needs: stages (grid order) and their flow order. */
export type Funnel = Pick<FlowInputs, 'stages' | 'order'>;

/**
 * `start` × the product of conversions from stage `i` (inclusive) to the end,
 * multiplied forwards from `start` so that exact inputs give exact results
 * (1500 × 5 % × 40 % × 50 % × 25 % = 3.75, not 3.7500000000000004).
 *
 * @param index stage id → index into `stages`
 */
export function carryToEnd(
  stages: readonly StageInputs[],
  index: Map<StageId, number>,
  i: number,
  start: number,
): number {
  let x = start;
  let at: number | undefined = i;
  let guard = stages.length;
  while (at !== undefined && guard-- >= 0) {
    const s = stages[at] as StageInputs;
    x *= s.conversion;
    at = s.next === null ? undefined : index.get(s.next);
  }
  return x;
}

/**
 * The steady-state flow: stages taken in flow order,
 * `inflow = arrivals + extra + Σ out(feeders)`, `processed = min(inflow, capacity)`,
 * `pileup = inflow − processed`, `out = processed × conversion`, `lost = processed − out`.
 * Source: PRODUCT.md "What the numbers mean"; Goldratt, The Goal (1984).
 *
 * @param funnel stages (grid order) and flow order
 * @param extraArrivals items per period entering stages from outside besides their
 *   `arrivals` (referred leads in pull mode), by stage id
 * @param outputUnits false to skip `capacity_out` and `supplyUnits` (left null and
 *   NaN): what-ifs that only need throughput run in O(stages) this way
 */
export function steadyState(
  funnel: Funnel,
  extraArrivals?: ReadonlyMap<StageId, number>,
  outputUnits = true,
): SteadyState {
  const { stages, order } = funnel;
  const index = new Map(stages.map((s, i) => [s.id, i]));
  const inflow = stages.map((s) => s.arrivals + (extraArrivals?.get(s.id) ?? 0));
  // Money invested upstream in what arrives at each stage (feeders' out × their money per item).
  const upstream = new Float64Array(stages.length);
  const flows: StageFlow[] = new Array(stages.length);
  let units = 0;
  let money = 0;
  let inventoryMoney = 0;
  for (const i of order) {
    const s = stages[i] as StageInputs;
    const into = inflow[i] as number;
    const processed = Math.min(into, s.capacity);
    const out = processed * s.conversion;
    const pileup = into - processed;
    const load =
      s.capacity === Infinity
        ? null
        : s.capacity === 0
          ? into > 0
            ? Infinity
            : 0
          : into / s.capacity;
    flows[i] = {
      id: s.id,
      inflow: into,
      processed,
      pileup,
      out,
      lost: processed - out,
      load,
      capacity_out:
        s.capacity === Infinity || !outputUnits ? null : carryToEnd(stages, index, i, s.capacity),
    };
    money += out * (s.value - s.variable_cost);
    const invested = s.cost_per_item + (into > 0 ? (upstream[i] as number) / into : 0);
    inventoryMoney += pileup * invested;
    const j = s.next === null ? undefined : index.get(s.next);
    if (j === undefined) units += out;
    else {
      inflow[j] = (inflow[j] as number) + out;
      upstream[j] = (upstream[j] as number) + out * invested;
    }
  }
  const supplyUnits = !outputUnits
    ? NaN
    : stages.reduce(
        (sum, s, i) =>
          sum + carryToEnd(stages, index, i, s.arrivals + (extraArrivals?.get(s.id) ?? 0)),
        0,
      );
  const operatingExpense = stages.reduce((sum, s) => sum + s.cost_per_period, 0);
  return { stages: flows, units, money, operatingExpense, inventoryMoney, supplyUnits };
}
