import { describe, expect, it } from 'vitest';
import type { FlowInputs } from '../../../src/lib/analysis/inputs';
import {
  describeLoop,
  loopFactor,
  pullSteadyState,
  referredLeads,
  steadyStateIn,
} from '../../../src/lib/analysis/loop';
import { simulate } from '../../../src/lib/analysis/simulate';
import { analyzeModel, model, type TestStage } from '../helpers';

const inputsOf = (
  stages: TestStage[],
  loop: Record<string, string | boolean | null> = {},
): FlowInputs => analyzeModel(model(stages, { loop: { enabled: true, lag: '1', ...loop } })).inputs;

const steady = (inputs: FlowInputs) => {
  const s = pullSteadyState(inputs);
  if (s.kind !== 'steady') throw new Error(s.message);
  return s;
};

describe('loop factor K', () => {
  it('is referrals × the product of conversions from the entry stage to the end, capacity ignored', () => {
    const inputs = inputsOf(
      [
        { id: 'a', arrivals: '100', conversion: '50%', next: 'b' },
        { id: 'b', conversion: '40%', capacity: '1', next: 'c' },
        { id: 'c', conversion: '25%' },
      ],
      { entry: 'b', referrals: '4' },
    );
    expect(loopFactor(inputs)).toEqual({ entry: 'b', yield: 0.1, k: 0.4, multiplier: 1 / 0.6 });
    expect(describeLoop(loopFactor(inputs))).toBe(
      'Each customer brings 0.4 more: pull multiplies push by 1.67×',
    );
  });

  it('says growth compounds when K ≥ 1', () => {
    const inputs = inputsOf([{ id: 'a', conversion: '20%' }], { entry: 'a', referrals: '10' });
    expect(loopFactor(inputs)).toMatchObject({ k: 2, multiplier: null });
    expect(describeLoop(loopFactor(inputs))).toBe(
      'K = 2 (each customer brings 2 more): growth compounds until the market or the constraint stops it',
    );
  });

  it('asks for an entry stage when there is none, and says pull equals push with no referrals', () => {
    const none = inputsOf([{ id: 'a' }], { entry: null, referrals: '3' });
    expect(loopFactor(none)).toMatchObject({ entry: null, k: 0, multiplier: 1 });
    expect(describeLoop(loopFactor(none))).toMatch(/Choose the stage referred leads enter/);
    const zero = inputsOf([{ id: 'a' }], { entry: 'a', referrals: '0' });
    expect(describeLoop(loopFactor(zero))).toBe(
      'Customers bring no new customers (K = 0): pull equals push.',
    );
  });
});

describe('pull steady state', () => {
  it('a = 10 won a period and K = 0.5: 100 referred leads a period, 20 won (2×)', () => {
    const s = steady(
      inputsOf([{ id: 'leads', arrivals: '100', conversion: '10%' }], {
        entry: 'leads',
        referrals: '5',
      }),
    );
    expect(s.referred).toBe(100);
    expect(s.flow.units).toBe(20);
    expect([...s.extraArrivals]).toEqual([['leads', 100]]);
  });

  it('finds the constraint with referred leads included: pull moves it to a stage push leaves idle', () => {
    const inputs = inputsOf(
      [
        { id: 'leads', arrivals: '100', conversion: '10%', next: 'demo' },
        { id: 'demo', capacity: '15' },
      ],
      { entry: 'demo', referrals: '0.5' },
    );
    expect(steadyStateIn(inputs, 'push')).toMatchObject({
      kind: 'steady',
      referred: 0,
      constraint: { kind: 'market', bindsFirst: { stage: 'demo' } },
    });
    const s = steady(inputs);
    // Unlimited, K = 0.5 would double 10 to 20; demo caps it at 15, referring 7.5.
    expect(s.referred).toBe(7.5);
    expect(s.flow.units).toBe(15);
    expect(s.flow.stages[1]).toMatchObject({ inflow: 17.5, pileup: 2.5 });
    expect(s.constraint).toMatchObject({ kind: 'stage', stages: ['demo'] });
    // And the simulation settles there too.
    expect(simulate(inputs, 100, 'pull').periods[99]?.won).toBeCloseTo(s.flow.units, 9);
  });

  it('K ≥ 1 stopped by a capacity: the loop fills it (loop alone, 10 customers, K = 2, capacity 1,000 → 2,000 referred)', () => {
    const s = steady(
      inputsOf([{ id: 'leads', capacity: '1000', conversion: '20%' }], {
        entry: 'leads',
        referrals: '10',
        customers: '10',
      }),
    );
    expect(s.referred).toBe(2000);
    expect(s.flow.units).toBe(200);
    expect(s.constraint.stages).toEqual(['leads']);
  });

  it('walks past stages that saturate on the way (two kinks)', () => {
    const inputs = inputsOf(
      [
        { id: 'a', arrivals: '10', capacity: '40', next: 'b' },
        { id: 'b', capacity: '25', conversion: '50%' },
      ],
      { entry: 'a', referrals: '3' },
    );
    // R = 3 × 0.5 × min(10 + R, 40, 25): b fills at R = 15, a at R = 30, and R = 3 × 12.5 = 37.5.
    const s = steady(inputs);
    expect(s.flow.units).toBe(12.5);
    expect(s.referred).toBe(37.5);
    expect(referredLeads(inputs)).toBe(37.5);
  });

  it('has no steady state when K ≥ 1 and nothing on the loop path binds, and says so', () => {
    const inputs = inputsOf(
      [
        { id: 'leads', arrivals: '5', capacity: '3', next: 'won' },
        { id: 'won', conversion: '20%' },
      ],
      { entry: 'won', referrals: '6' },
    );
    const s = pullSteadyState(inputs);
    expect(s.kind).toBe('compounds');
    if (s.kind === 'compounds')
      expect(s.message).toBe(
        'K = 1.2 and no stage from won to the end has a capacity that stops the loop: growth compounds until the market stops it, so pull has no steady state.',
      );
    expect(referredLeads(inputs)).toBeNull();
  });

  it('K < 1 with nothing won outbound: no referred leads', () => {
    const s = steady(inputsOf([{ id: 'a', conversion: '10%' }], { entry: 'a', referrals: '2' }));
    expect([s.referred, s.flow.units]).toEqual([0, 0]);
  });

  it('equals push without an entry stage', () => {
    const inputs = inputsOf([{ id: 'a', arrivals: '10' }], { entry: null, referrals: '2' });
    expect(pullSteadyState(inputs)).toEqual(steadyStateIn(inputs, 'push'));
  });
});
