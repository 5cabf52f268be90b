import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withCapacities } from '../../../src/lib/analysis/elevate';
import { focusingSteps } from '../../../src/lib/analysis/focusing';
import type { FlowInputs } from '../../../src/lib/analysis/inputs';
import { pullSteadyState, pushSteadyState, throughputIn } from '../../../src/lib/analysis/loop';
import { simulate } from '../../../src/lib/analysis/simulate';
import { rises } from '../../../src/lib/analysis/ties';
import { flowOrder } from '../../../src/lib/model/graph';
import type { StageId } from '../../../src/lib/model/types';
import { analyzeModel, model, type TestStage } from '../helpers';
import { fixtureModel } from './fixture-models';
import { funnelRows, stagesOf } from './random-funnels';

// PRODUCT.md "The loop" (corrected) and issue 9 item 2: every pull what-if
// re-solves the loop; K ≥ 1 without a steady state takes the simulation's
// constraint; the steady state agrees with the simulation at the edges.

const pullModel = (stages: TestStage[], loop: Record<string, string | null>) =>
  model(stages, { loop: { enabled: true, lag: '1', ...loop } });

describe('pull what-ifs re-solve the loop', () => {
  it('ranks Demo first: +10 % there brings referred leads that fill it (+1 won), more than Cold calls’ +0.8', () => {
    // With referred leads frozen, Demo's +10 % would only process its 0.5 backlog.
    const a = analyzeModel(fixtureModel('analysis-pull-rank'));
    expect(a.referred).toBe(14);
    expect(a.flow.units).toBe(28);
    expect(a.constraint).toMatchObject({ kind: 'stage', stages: ['demo'] });
    expect(a.constraint.binding.map((b) => b.stages)).toEqual([['demo'], ['cold']]);
    const [demo, cold] = a.constraint.binding;
    expect(demo?.marginal.units).toBeCloseTo(1, 9);
    expect(demo?.heldBack.units).toBeCloseTo(1, 9);
    expect(cold?.marginal.units).toBeCloseTo(0.8, 9);
  });

  it('agrees with Exploit on the same screen, and with the simulation', () => {
    const m = fixtureModel('analysis-pull-rank');
    const a = analyzeModel(m);
    const steps = focusingSteps(a.inputs, 'pull');
    if (steps.kind !== 'steps' || !steps.exploit.applies) throw new Error('no exploit');
    expect(steps.exploit.capacity?.gain?.units).toBeCloseTo(
      a.constraint.binding[0]?.marginal.units ?? NaN,
      9,
    );
    expect(simulate(a.inputs, 200, 'pull').periods.at(-1)?.won).toBeCloseTo(a.flow.units, 9);
  });

  it('calls the gain of lifting a stage that lets the loop compound unlimited', () => {
    const a = analyzeModel(
      pullModel([{ id: 'leads', capacity: '1000', conversion: '20%' }], {
        entry: 'leads',
        referrals: '10',
        customers: '10',
      }),
    );
    expect(a.constraint).toMatchObject({ kind: 'stage', stages: ['leads'] });
    expect(a.constraint.binding[0]).toMatchObject({
      compounds: true,
      heldBack: { units: Infinity },
    });
  });
});

describe('K ≥ 1 with no steady state', () => {
  const open = () =>
    pullModel(
      [
        { id: 'leads', arrivals: '10', conversion: '20%', next: 'demo' },
        { id: 'demo', capacity: '5', next: 'won' },
        { id: 'won', arrivals: '1' },
      ],
      { entry: 'won', referrals: '2' },
    );

  it('says so and takes the constraint from the simulation at the horizon, not push’s numbers', () => {
    const m = open();
    const a = analyzeModel(m);
    expect(a.compounds).toMatch(/no steady state/);
    const last = simulate(a.inputs, m.horizon, 'pull').periods.at(-1);
    expect(a.snapshot).toEqual({ period: m.horizon, referred: last?.referred_leads });
    // Push: demo at 2 of 5 and 3 won. At the horizon referred leads swamp won, not demo.
    expect(pushSteadyState(a.inputs).flow.units).toBe(3);
    expect(a.flow.units).toBeCloseTo((last?.referred_leads ?? 0) + 1 + 2, 6);
    expect(a.referred).toBeGreaterThan(1000);
  });
});

describe('the pull steady state agrees with the simulation', () => {
  it('with the market full at period 0: no referrals and no outbound, 0 flow', () => {
    const m = pullModel(
      [
        { id: 'leads', arrivals: '100', conversion: '10%', next: 'demo' },
        { id: 'demo', capacity: '15' },
      ],
      { entry: 'demo', referrals: '0.5', customers: '500', market: '500' },
    );
    const a = analyzeModel(m);
    expect(a.marketShare).toBe(0);
    expect(a.flow.units).toBe(0);
    expect(a.referred).toBe(0);
    expect(a.constraint.kind).toBe('market');
    const sim = simulate(a.inputs, 24, 'pull');
    expect(sim.periods.every((p) => p.won === 0 && p.referred_leads === 0)).toBe(true);
  });

  it('at the share of the market left at period 0 (arrivals and referrals × 1 − customers ÷ market)', () => {
    const m = pullModel([{ id: 'leads', arrivals: '100', conversion: '10%' }], {
      entry: 'leads',
      referrals: '5',
      customers: '250',
      market: '1000',
    });
    const a = analyzeModel(m);
    expect(a.marketShare).toBe(0.75);
    // Outbound 75 leads → 7.5 won; K' = 5 × 0.75 × 10 % = 0.375: 7.5 ÷ 0.625 = 12 won.
    expect(a.flow.units).toBeCloseTo(12, 9);
    expect(simulate(a.inputs, 1, 'pull').periods[0]?.won).toBeCloseTo(
      7.5 + 250 * 5 * 0.75 * 0.1,
      9,
    );
  });

  it('with no seed customers and nothing won outbound: 0, even where K ≥ 1 would sustain 20 a month', () => {
    const m = pullModel([{ id: 'leads', capacity: '100', conversion: '20%' }], {
      entry: 'leads',
      referrals: '10',
    });
    const a = analyzeModel(m);
    const state = pullSteadyState(a.inputs);
    expect(state).toMatchObject({ kind: 'steady', referred: 0 });
    expect(a.flow.units).toBe(0);
    expect(simulate(a.inputs, 24, 'pull').periods.every((p) => p.won === 0)).toBe(true);
  });
});

/** Random pull funnels: forests of stages with some capacities, the loop entering one stage, K below 1 or not. */
const pullFunnel = fc
  .record({
    rows: funnelRows({ arrivals: 500, capacity: 300, stages: 7 }),
    entry: fc.nat(),
    referrals: fc.integer({ min: 0, max: 30 }).map((x) => x / 10),
    customers: fc.constantFrom(0, 0, 50),
  })
  .map(({ rows, entry, referrals, customers }): FlowInputs => {
    const stages = stagesOf(rows);
    const loop = {
      enabled: true,
      entry: `s${entry % stages.length}` as StageId,
      referrals,
      lag: 1,
      churn: 0,
      market: Infinity,
      customers,
    };
    return { stages, order: flowOrder(stages), loop, issues: [] };
  });

describe('pull: a stage binds exactly when lifting it alone raises the re-solved throughput (seeded)', () => {
  it('holds on random funnels, with every held back measured with the loop re-solved', () => {
    fc.assert(
      fc.property(pullFunnel, (inputs) => {
        const state = pullSteadyState(inputs);
        if (state.kind !== 'steady') return;
        const today = state.flow.units;
        const single = new Map(
          state.constraint.binding
            .filter((b) => b.stages.length === 1)
            .map((b) => [b.stages[0], b]),
        );
        for (const s of inputs.stages) {
          if (s.capacity === Infinity) continue;
          const lifted = throughputIn(withCapacities(inputs, new Map([[s.id, Infinity]])), 'pull');
          const gains = lifted === null || rises(lifted.units, today);
          expect(single.has(s.id)).toBe(gains);
          const b = single.get(s.id);
          if (b && lifted) expect(b.heldBack.units).toBeCloseTo(lifted.units - today, 9);
        }
      }),
      { seed: 91, numRuns: 300 },
    );
  });
});

describe('the steady state agrees with the simulation at the edges (seeded)', () => {
  const agree = (inputs: FlowInputs) => {
    const state = pullSteadyState(inputs);
    const sim = simulate(inputs, 12, 'pull');
    expect(state.kind).toBe('steady');
    if (state.kind === 'steady') expect(state.flow.units).toBe(0);
    expect(sim.periods.every((p) => p.won === 0)).toBe(true);
  };

  it('a full market: nothing flows, push or pull', () => {
    fc.assert(
      fc.property(pullFunnel, fc.integer({ min: 1, max: 100 }), (inputs, customers) => {
        const full = { ...inputs, loop: { ...inputs.loop, customers, market: customers } };
        agree(full);
        expect(pushSteadyState(full).flow.units).toBe(0);
      }),
      { seed: 12, numRuns: 150 },
    );
  });

  it('no seed customers and no arrivals: nothing is ever won, whatever K', () => {
    fc.assert(
      fc.property(pullFunnel, (inputs) => {
        const stages = inputs.stages.map((s) => ({ ...s, arrivals: 0 }));
        agree({ ...inputs, stages, loop: { ...inputs.loop, customers: 0 } });
      }),
      { seed: 13, numRuns: 150 },
    );
  });
});
