import type { StageInputs } from './inputs';
import { near } from './ties';
import type { Funnel } from './steady';

/**
 * The steady-state flow at one point of a ramp: arrivals `base + x × direction`
 * for a parameter x ≥ 0, with each stage's inflow, how fast it grows with x,
 * and how far x can grow before the next stage saturates (a kink).
 *
 * Between kinks every flow is linear in x (PRODUCT.md "Steady state" is made
 * of sums, products and `min(inflow, capacity)`), so walking from kink to kink
 * solves "where does this flow reach that level" exactly, without bisection.
 */
export interface Ramp {
  /** Inflow of each stage (grid order), items per period. */
  inflow: Float64Array;
  /** Right-derivative of each stage's inflow with respect to x. */
  slope: Float64Array;
  /** Throughput units (out of the final stages), items per period. */
  units: number;
  /** Right-derivative of `units` with respect to x. */
  unitsSlope: number;
  /** How much x can grow before another stage saturates (`Infinity`: never). */
  toKink: number;
}

/**
 * True when a stage with this inflow runs at its capacity, within a relative
 * 1e-9 (a kink reached by walking lands there only approximately; never an
 * absolute tolerance: capacities of 1e-9 are real).
 */
export const saturated = (inflow: number, capacity: number) =>
  capacity !== Infinity && (inflow >= capacity || near(inflow, capacity));

/**
 * Evaluates the ramp at one point.
 *
 * @param funnel stages (grid order) and flow order
 * @param arrivals items per period entering each stage from outside at this point (grid order)
 * @param direction how fast each stage's arrivals grow with x (grid order, each ≥ 0)
 */
export function rampFlow(
  funnel: Funnel,
  arrivals: ArrayLike<number>,
  direction: ArrayLike<number>,
): Ramp {
  const { stages, order } = funnel;
  const index = new Map(stages.map((s, i) => [s.id, i]));
  const inflow = Float64Array.from(arrivals);
  const slope = Float64Array.from(direction);
  let units = 0;
  let unitsSlope = 0;
  let toKink = Infinity;
  for (const i of order) {
    const s = stages[i] as StageInputs;
    const into = inflow[i] as number;
    const full = saturated(into, s.capacity);
    const d = full ? 0 : (slope[i] as number);
    if (!full && s.capacity !== Infinity && d > 0)
      toKink = Math.min(toKink, (s.capacity - into) / d);
    const out = Math.min(into, s.capacity) * s.conversion;
    const dOut = d * s.conversion;
    const j = s.next === null ? undefined : index.get(s.next);
    if (j === undefined) {
      units += out;
      unitsSlope += dOut;
    } else {
      inflow[j] = (inflow[j] as number) + out;
      slope[j] = (slope[j] as number) + dOut;
    }
  }
  return { inflow, slope, units, unitsSlope, toKink };
}
