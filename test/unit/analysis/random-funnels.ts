import fc from 'fast-check';
import type { StageInputs } from '../../../src/lib/analysis/inputs';
import type { StageId } from '../../../src/lib/model/types';

/*
 * Random funnels for the analysis's property tests (fast-check): rows of
 * numbers, each pointing `skip` rows further down (or nowhere), so that the
 * stages form forests — merges, side-by-side funnels, arrivals anywhere —
 * and never a cycle.
 */

/**
 * One row of a random funnel: any of a stage's number fields (as the analysis
 * sees them: items per period, 0–1 rates, money), plus where it feeds.
 */
export type FunnelRow = Partial<Omit<StageInputs, 'id' | 'name' | 'next' | 'capacity'>> & {
  /** Items per period; null or absent = unlimited. */
  capacity?: number | null;
  /** How many rows further down `next` points; null, or past the last row: the end of the funnel. */
  skip: number | null;
};

/**
 * The stages of `rows`, in grid order: `s0`, `s1`, … (id and name alike),
 * each feeding the row `skip` further down. Fields a row leaves out are 0
 * (lag and money) or unlimited (capacity); conversion is the row's own.
 */
export function stagesOf(rows: readonly FunnelRow[]): StageInputs[] {
  return rows.map(({ skip, capacity, ...r }, i) => ({
    arrivals: 0,
    conversion: 1,
    lag: 0,
    cost_per_period: 0,
    cost_per_item: 0,
    value: 0,
    variable_cost: 0,
    ...r,
    id: `s${i}` as StageId,
    name: `s${i}`,
    next: skip !== null && i + skip < rows.length ? (`s${i + skip}` as StageId) : null,
    capacity: capacity ?? Infinity,
  }));
}

/** How big the numbers of `funnelRows` get. */
export interface FunnelRowLimits {
  /** Arrivals a period at most (0, or 1 up to this). */
  arrivals: number;
  /** Capacity at most (0 up to this, or unlimited for about a third of the rows). */
  capacity: number;
  /** Rows at most (at least 1). */
  stages: number;
}

/**
 * Random rows with arrivals, a capacity or none, a conversion of 1–100 %
 * and a skip of 1–3 rows (or none): `stagesOf` turns them into stages.
 */
export const funnelRows = ({ arrivals, capacity, stages }: FunnelRowLimits) =>
  fc.array(
    fc.record({
      arrivals: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: arrivals })),
      capacity: fc.option(fc.integer({ min: 0, max: capacity }), { freq: 2 }),
      conversion: fc.integer({ min: 1, max: 100 }).map((x) => x / 100),
      skip: fc.option(fc.integer({ min: 1, max: 3 })),
    }),
    { minLength: 1, maxLength: stages },
  );
