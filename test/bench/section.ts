/*
 * The parts of `npm run bench`. Each section is its own file exporting a
 * BenchSection; run.ts lists them. The bench prints figures beside
 * PRODUCT.md's budgets and never fails on them.
 */

/** One line of a section's table. */
export interface BenchRow {
  /** What was measured, e.g. "edit → analysis, median". */
  measure: string;
  /** The figure, formatted with its unit, e.g. "4.2 ms". */
  figure: string;
  /** PRODUCT.md's budget for it, e.g. "< 50 ms", or '' when it has none. */
  budget?: string;
  /** A longer explanation printed on the line below (a breakdown, file names). */
  detail?: string;
}

/** A part of the benchmark. */
export interface BenchSection {
  /** Short name to run it alone: `npm run bench -- engine`. */
  id: string;
  /** Heading printed above its table. */
  title: string;
  /** Measures and returns its rows (may print progress lines of its own). */
  run(): Promise<BenchRow[]> | BenchRow[];
}

/** Median and 95th percentile of samples (nearest rank), in the samples' unit. */
export function percentiles(samples: readonly number[]): { median: number; p95: number } {
  if (samples.length === 0) return { median: NaN, p95: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return { median: rank(0.5) as number, p95: rank(0.95) as number };
}

/** Milliseconds for a table: "0.42 ms", "12.3 ms", "180 ms". */
export function ms(x: number): string {
  const digits = x < 1 ? 2 : x < 100 ? 1 : 0;
  return `${x.toFixed(digits)} ms`;
}

/** Bytes as kilobytes (1 KB = 1,024 bytes) with one decimal: "98.4 KB". */
export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** Times `fn` once, in milliseconds. */
export function timed(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** A section's table as text: measure, figure and budget in aligned columns. */
export function formatTable(title: string, rows: readonly BenchRow[]): string {
  const head: BenchRow = { measure: 'Measure', figure: 'Figure', budget: 'Budget (PRODUCT.md)' };
  const all = [head, ...rows];
  const w1 = Math.max(...all.map((r) => r.measure.length));
  const w2 = Math.max(...all.map((r) => r.figure.length));
  const line = (r: BenchRow) =>
    `  ${r.measure.padEnd(w1)}  ${r.figure.padStart(w2)}  ${r.budget ?? ''}`.trimEnd();
  return [
    title,
    line(head),
    `  ${'─'.repeat(w1)}  ${'─'.repeat(w2)}  ${'─'.repeat(19)}`,
    ...rows.flatMap((r) => (r.detail ? [line(r), `      ${r.detail}`] : [line(r)])),
  ].join('\n');
}
