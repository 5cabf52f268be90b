/**
 * A number for a sentence the analysis writes (the loop factor, why a step
 * does not apply): 100 or more as a whole number with thousands separators
 * (1,250), smaller ones to 3 significant digits (1.67, 0.4, 0.125).
 */
export function plainNumber(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? 'unlimited' : String(x);
  if (Math.abs(x) >= 100) return Math.round(x).toLocaleString('en-US');
  return String(+x.toPrecision(3));
}
