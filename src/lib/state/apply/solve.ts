/*
 * Solving one input for a target output: what value of an assumption makes
 * a formula that rests on it alone (`=AEs*50`) give the number a what-if
 * asks for. The formula is evaluated through the engine, so any formula
 * works: a straight line is solved exactly from two evaluations (the
 * secant), a monotone curve by bisection, and the answer is rounded to the
 * fewest significant digits that still give the target.
 */

/** How far the output may miss the target, relative to it (float noise, never a rounding a user would see). */
const TOLERANCE = 1e-9;
/** Evaluations one solve may spend before giving up (each one evaluates the whole model). */
const BUDGET = 90;

/** Whether `y` is the target, within {@link TOLERANCE} relative to the larger of the two. */
export function meets(y: number, target: number): boolean {
  return Math.abs(y - target) <= TOLERANCE * Math.max(Math.abs(target), Math.abs(y));
}

/**
 * The input `x` for which `output(x)` is `target`, starting from today's
 * input `x0`.
 *
 * First the secant through `x0` and a second point (exact for a straight
 * line such as `=AEs*50`); when that misses, bisection between two inputs
 * whose outputs lie either side of the target, widening the bracket by
 * doubling until it holds one (so the output must be monotone between
 * them; two equal outputs in a row mean a flat stretch, and no answer). The result is rounded to the fewest significant digits (1–15)
 * whose output still meets the target, and is always checked by evaluating it.
 *
 * @param output the formula's value at an input, or null where it has none (an error)
 * @param target the value wanted, in the formula's units (items per period, a 0–1 rate)
 * @param x0 the input today
 * @returns the input, or null when none was found within the evaluation budget
 *   (a flat formula such as `=MIN(AEs*50, 300)` past its cap, a target out of reach)
 */
export function solveInput(
  output: (x: number) => number | null,
  target: number,
  x0: number,
): number | null {
  let spent = 0;
  const g = (x: number): number | null => {
    spent++;
    const y = Number.isFinite(x) ? output(x) : null;
    return y !== null && Number.isFinite(y) ? y : null;
  };
  const y0 = g(x0);
  if (y0 === null) return null;
  if (meets(y0, target)) return x0;
  const x1 = x0 === 0 ? 1 : x0 * 2;
  const y1 = g(x1);
  if (y1 === null || y1 === y0) return null;
  const slope = (y1 - y0) / (x1 - x0);
  const guess = x0 + (target - y0) / slope;
  const yGuess = g(guess);
  const linear = yGuess !== null && meets(yGuess, target);
  const x = linear ? guess : bisect(g, target, x0, y0, guess, () => spent < BUDGET);
  if (x === null) return null;
  // The shortest rounding that still meets the target; on a line it is predicted before it is checked.
  for (let digits = 1; digits <= 15 && spent < BUDGET; digits++) {
    const rounded = +x.toPrecision(digits);
    if (linear && !meets(y0 + slope * (rounded - x0), target)) continue;
    const y = g(rounded);
    if (y !== null && meets(y, target)) return rounded;
  }
  const y = g(x);
  return y !== null && meets(y, target) ? x : null;
}

/**
 * Bisection for `output(x) = target` on a bracket found by doubling the
 * step from `x0` towards `toward` until the outputs lie either side.
 *
 * @param more false once the evaluation budget is spent
 */
function bisect(
  g: (x: number) => number | null,
  target: number,
  x0: number,
  y0: number,
  toward: number,
  more: () => boolean,
): number | null {
  const below = y0 < target;
  let lo = x0;
  let hi = toward;
  let step = toward - x0;
  let last = y0;
  for (;;) {
    if (!more()) return null;
    const y = g(hi);
    // A flat stretch (a cap such as MIN(…, 300)) never reaches the target.
    if (y === null || y === last) return null;
    if (meets(y, target)) return hi;
    if (y < target !== below) break;
    last = y;
    lo = hi;
    step *= 2;
    hi = x0 + step;
  }
  // Now output(lo) and output(hi) lie either side of the target.
  while (more()) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) return mid;
    const y = g(mid);
    if (y === null) return null;
    if (meets(y, target)) return mid;
    if (y < target === below) lo = mid;
    else hi = mid;
  }
  return null;
}
