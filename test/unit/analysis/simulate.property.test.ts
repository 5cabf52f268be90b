import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlowInputs } from '../../../src/lib/analysis/inputs';
import { loopFactor, pullSteadyState } from '../../../src/lib/analysis/loop';
import { simulate } from '../../../src/lib/analysis/simulate';
import { steadyState } from '../../../src/lib/analysis/steady';
import { flowOrder } from '../../../src/lib/model/graph';
import type { StageId } from '../../../src/lib/model/types';
import { stagesOf } from './random-funnels';

/** Seeded: a failure reproduces; failing seeds become regression cases below. */
const RUNS = { seed: 20260301, numRuns: 150 };

const amount = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((x) => x / 100);

const stage = fc.record({
  arrivals: fc.oneof(fc.constant(0), amount(1000)),
  conversion: fc.integer({ min: 0, max: 100 }).map((x) => x / 100),
  capacity: fc.oneof(fc.constant(Infinity), amount(2000)),
  lag: fc.integer({ min: 0, max: 3 }),
  cost_per_period: amount(500),
  cost_per_item: amount(5),
  value: amount(1000),
  variable_cost: amount(100),
  /** How many rows further down `next` points (none: end of the funnel); always acyclic. */
  skip: fc.option(fc.integer({ min: 1, max: 4 })),
});

const loop = fc.record({
  referrals: amount(4),
  lag: fc.integer({ min: 1, max: 3 }),
  churn: fc.integer({ min: 0, max: 20 }).map((x) => x / 100),
  market: fc.oneof(fc.constant(Infinity), amount(100_000)),
  customers: amount(50),
  entryAt: fc.nat(),
});

/** Random funnels (channels merging, lags, capacities) with a random loop, as the analysis sees them. */
const funnel = fc
  .record({ stages: fc.array(stage, { minLength: 1, maxLength: 8 }), loop })
  .map(({ stages, loop: l }): FlowInputs => {
    const built = stagesOf(stages);
    const { entryAt, ...numbers } = l;
    const entry = `s${entryAt % stages.length}` as StageId;
    return {
      stages: built,
      order: flowOrder(built),
      loop: { ...numbers, enabled: true, entry },
      issues: [],
    };
  });

const withLoop = (inputs: FlowInputs, change: Partial<FlowInputs['loop']>): FlowInputs => ({
  ...inputs,
  loop: { ...inputs.loop, ...change },
});

const close = (a: number, b: number) =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('simulate: properties (seeded fast-check)', () => {
  it('with the loop off (no referrals), pull equals push', () => {
    fc.assert(
      fc.property(funnel, (f) => {
        const off = withLoop(f, { referrals: 0 });
        expect(simulate(off, 24, 'pull').periods).toEqual(simulate(off, 24, 'push').periods);
      }),
      RUNS,
    );
  });

  it('queues are never negative, customers never fall, and won splits into outbound + referred', () => {
    fc.assert(
      fc.property(funnel, fc.constantFrom('push' as const, 'pull' as const), (f, mode) => {
        const { periods } = simulate(f, 30, mode);
        let customers = f.loop.customers;
        for (const p of periods) {
          expect(Object.values(p.queues).every((q) => q >= 0)).toBe(true);
          expect(p.customers).toBeGreaterThanOrEqual(customers);
          expect(p.active).toBeGreaterThanOrEqual(0);
          expect(close(p.won_outbound + p.won_referred, p.won)).toBe(true);
          customers = p.customers;
        }
      }),
      RUNS,
    );
  });

  it('without a market limit, pull never wins less than push in any period (more arrivals never process less)', () => {
    fc.assert(
      fc.property(funnel, (f) => {
        // A market caps outbound by the customers won so far, so pull can win less outbound than push.
        const open = withLoop(f, { market: Infinity });
        const push = simulate(open, 30, 'push').periods;
        const pull = simulate(open, 30, 'pull').periods;
        pull.forEach((p, k) => {
          const q = push[k]?.won ?? 0;
          expect(p.won >= q || close(p.won, q)).toBe(true);
        });
      }),
      RUNS,
    );
  });

  it('with every lag 0 and no market limit, each period of push is the steady state: won = its units, queues and inventory grow by its pileup', () => {
    fc.assert(
      fc.property(funnel, (f) => {
        const flat = withLoop(
          { ...f, stages: f.stages.map((s) => ({ ...s, lag: 0 })) },
          { market: Infinity },
        );
        const steady = steadyState(flat);
        for (const p of simulate(flat, 12, 'push').periods) {
          expect(close(p.won, steady.units)).toBe(true);
          expect(close(p.throughput_money, steady.money)).toBe(true);
          expect(close(p.inventory_money, p.t * steady.inventoryMoney)).toBe(true);
          steady.stages.forEach((s) =>
            expect(close(p.queues[s.id] ?? NaN, p.t * s.pileup)).toBe(true),
          );
        }
      }),
      RUNS,
    );
  });

  it('with K < 1 and no market limit, pull settles at the pull steady state', () => {
    fc.assert(
      fc.property(funnel, (f) => {
        const short = { ...f, stages: f.stages.map((s) => ({ ...s, lag: Math.min(s.lag, 1) })) };
        const k = loopFactor(short).k;
        const loopOn = withLoop(short, {
          market: Infinity,
          referrals: k >= 0.6 ? (short.loop.referrals * 0.59) / k : short.loop.referrals,
        });
        const steady = pullSteadyState(loopOn);
        if (steady.kind !== 'steady') throw new Error('K < 1 always has a steady state');
        const last = simulate(loopOn, 600, 'pull').periods[599];
        expect(Math.abs((last?.won ?? NaN) - steady.flow.units)).toBeLessThanOrEqual(
          1e-6 * Math.max(1, steady.flow.units),
        );
      }),
      RUNS,
    );
  });
});
