import { describe, expect, it } from 'vitest';
import type { FlowInputs } from '../../../src/lib/analysis/inputs';
import { pullSteadyState } from '../../../src/lib/analysis/loop';
import { simulate, type SimPeriod } from '../../../src/lib/analysis/simulate';
import { referenceExample } from '../../../src/lib/model/examples/reference';
import { restoreModel } from '../../../src/lib/model/restore';
import { analyzeModel, model, type TestStage } from '../helpers';

const inputsOf = (stages: TestStage[], extra: Record<string, unknown> = {}): FlowInputs =>
  analyzeModel(model(stages, extra)).inputs;

const reference = () => analyzeModel(restoreModel(structuredClone(referenceExample))).inputs;

/** One period of a simulation (t from 1). */
const at = (periods: SimPeriod[], t: number): SimPeriod => {
  const p = periods[t - 1];
  if (!p || p.t !== t) throw new Error(`no period ${t}`);
  return p;
};

describe('simulate: PRODUCT.md reference chain (push)', () => {
  it('piles 300 accounts a month up ahead of contact: 1,800 queued after 6 months', () => {
    const { periods } = simulate(reference(), 24, 'push');
    expect(at(periods, 6).queues.contact).toBe(1800);
    expect(periods.map((p) => p.queues.contact)).toEqual(periods.map((p) => 300 * p.t));
    for (const id of ['enrich', 'reply', 'meeting', 'opportunity'])
      expect(periods.every((p) => p.queues[id] === 0)).toBe(true);
  });

  it('wins 3.75 a month from the first month (lag 0: flow order carries items through in one period)', () => {
    const { periods } = simulate(reference(), 12, 'push');
    expect(periods.every((p) => p.won === 3.75 && p.won_outbound === 3.75)).toBe(true);
    expect(at(periods, 12).customers).toBe(45);
  });
});

describe('simulate: customers and churn', () => {
  const tenAPeriod = (loop: Record<string, string>) =>
    inputsOf([{ id: 'won', arrivals: '10' }], { loop: { enabled: false, ...loop } });

  it('push with churn: A(t) = A(t−1)(1 − c) + a gives A(12) = 107.641638 and settles at a ÷ c = 500', () => {
    const { periods } = simulate(tenAPeriod({ churn: '2%' }), 2000, 'push');
    expect(at(periods, 12).active).toBeCloseTo(107.641638, 6);
    expect(at(periods, 12).customers).toBe(120);
    expect(at(periods, 2000).active).toBeCloseTo(500, 9);
  });

  it('counts the existing customers as won at period 0: in customers and in active, churning too', () => {
    const { periods } = simulate(tenAPeriod({ churn: '10%', customers: '100' }), 2, 'push');
    expect(at(periods, 1)).toMatchObject({ won: 10, customers: 110, active: 100 });
    expect(at(periods, 2).active).toBeCloseTo(100, 12);
    expect(at(periods, 2).customers).toBe(120);
  });
});

describe('simulate: the loop (pull)', () => {
  it('loop alone: 10 customers, referrals 10, 20 % to won (K = 2), lag 2: 20,470 customers at period 20', () => {
    const inputs = inputsOf([{ id: 'leads', conversion: '20%' }], {
      loop: { enabled: true, entry: 'leads', referrals: '10', lag: '2', customers: '10' },
    });
    const pull = simulate(inputs, 20, 'pull');
    expect(at(pull.periods, 20).customers).toBe(10 * (2 ** 11 - 1));
    expect(at(pull.periods, 2)).toMatchObject({ won: 20, won_referred: 20, referred_leads: 100 });
    expect(at(pull.periods, 3).won).toBe(0);
    expect(pull.loop_factor).toBe(2);
    // Push: the loop off, the base refers no one.
    const push = simulate(inputs, 20, 'push');
    expect(push.periods.every((p) => p.customers === 10 && p.won === 0)).toBe(true);
  });

  it('loop with push: a = 10 won a period and K = 0.5 settle at 20 won a period (1 ÷ (1 − K) = 2×)', () => {
    const inputs = inputsOf([{ id: 'leads', arrivals: '100', conversion: '10%' }], {
      loop: { enabled: true, entry: 'leads', referrals: '5', lag: '1' },
    });
    const pull = simulate(inputs, 80, 'pull');
    expect(at(pull.periods, 1).won).toBe(10);
    expect(at(pull.periods, 2).won).toBe(15);
    expect(at(pull.periods, 3).won).toBe(17.5);
    expect(at(pull.periods, 80).won).toBe(20);
    expect(at(pull.periods, 80).won_outbound).toBe(10);
    expect(simulate(inputs, 80, 'push').periods.every((p) => p.won === 10)).toBe(true);
    const steady = pullSteadyState(inputs);
    expect(steady.kind === 'steady' && [steady.flow.units, steady.referred]).toEqual([20, 100]);
  });

  it('market saturation: referrals fade with 1 − customers ÷ market and customers level off below it', () => {
    const inputs = inputsOf([{ id: 'leads', conversion: '20%' }], {
      loop: {
        enabled: true,
        entry: 'leads',
        referrals: '10',
        lag: '2',
        customers: '10',
        market: '1000',
      },
    });
    const { periods } = simulate(inputs, 60, 'pull');
    // 10 customers × 10 referrals × (1 − 10 ÷ 1,000) = 99 leads, 19.8 won.
    expect(at(periods, 2)).toMatchObject({ referred_leads: 99, won: 19.8 });
    // 19.8 × 10 × (1 − 29.8 ÷ 1,000) = 192.0996 leads.
    expect(at(periods, 4).referred_leads).toBeCloseTo(192.0996, 9);
    const peak = Math.max(...periods.map((p) => p.referred_leads));
    expect(peak).toBeGreaterThan(500);
    expect(at(periods, 60).referred_leads).toBeLessThan(peak * 1e-6);
    expect(periods.every((p) => p.customers < 1000)).toBe(true);
    expect(at(periods, 60).customers - at(periods, 40).customers).toBeLessThan(1e-3);
    expect(at(periods, 60).customers).toBeGreaterThan(800);
  });

  it('a blank market means no limit; a market of 0 means no one is left to refer', () => {
    const loop = { enabled: true, entry: 'leads', referrals: '10', lag: '1', customers: '10' };
    const run = (market: string) =>
      simulate(
        inputsOf([{ id: 'leads', conversion: '20%' }], { loop: { ...loop, market } }),
        3,
        'pull',
      );
    expect(at(run('').periods, 3).won).toBe(80);
    expect(run('0').periods.every((p) => p.won === 0)).toBe(true);
  });

  it('pull moves the constraint: referred leads overload a stage push leaves idle', () => {
    const inputs = inputsOf(
      [
        { id: 'leads', arrivals: '100', conversion: '10%', next: 'demo' },
        { id: 'demo', capacity: '15' },
      ],
      { loop: { enabled: true, entry: 'demo', referrals: '0.5', lag: '1' } },
    );
    const push = simulate(inputs, 60, 'push');
    const pull = simulate(inputs, 60, 'pull');
    expect(push.periods.every((p) => p.queues.demo === 0 && p.won === 10)).toBe(true);
    expect(at(pull.periods, 60).won).toBeCloseTo(15, 9);
    // 10 outbound + 7.5 referred arrive, 15 are processed: 2.5 more wait each period.
    const growth =
      (at(pull.periods, 60).queues.demo ?? NaN) - (at(pull.periods, 59).queues.demo ?? NaN);
    expect(growth).toBeCloseTo(2.5, 9);
  });

  it('marks the crossover: the first period from which the loop wins more than outbound for good (K = 0.8: period 3)', () => {
    const loop = (referrals: string) => ({
      loop: { enabled: true, entry: 'leads', referrals, lag: '1' },
    });
    const stages = [{ id: 'leads', arrivals: '100', conversion: '10%' }];
    const pull = simulate(inputsOf(stages, loop('8')), 12, 'pull');
    expect(at(pull.periods, 2)).toMatchObject({ won_outbound: 10, won_referred: 8 });
    expect(at(pull.periods, 3).won_referred).toBeCloseTo(14.4, 12);
    expect(pull.crossover).toBe(3);
    expect(simulate(inputsOf(stages, loop('8')), 12, 'push').crossover).toBeNull();
    // K = 0.5: referred won only approaches outbound's 10 (never more).
    expect(simulate(inputsOf(stages, loop('5')), 200, 'pull').crossover).toBeNull();
  });

  it('splits shared capacity between outbound and referred items in proportion to what is available', () => {
    const inputs = inputsOf(
      [
        { id: 'leads', arrivals: '30', next: 'calls' },
        { id: 'calls', capacity: '20' },
      ],
      { loop: { enabled: true, entry: 'calls', referrals: '1', lag: '1', customers: '10' } },
    );
    const p = at(simulate(inputs, 1, 'pull').periods, 1);
    // 30 outbound + 10 referred available, 20 processed: half of each.
    expect(p).toMatchObject({ won: 20, won_outbound: 15, won_referred: 5, queues: { calls: 20 } });
  });
});

describe('simulate: lags, money and the scoreboard', () => {
  it('delays items by a stage lag, then queues them at the next stage', () => {
    const { periods } = simulate(
      inputsOf([
        { id: 'a', arrivals: '10', lag: '2', next: 'b' },
        { id: 'b', capacity: '6' },
      ]),
      5,
      'push',
    );
    expect(periods.map((p) => p.won)).toEqual([0, 0, 6, 6, 6]);
    expect(periods.map((p) => p.queues.b)).toEqual([0, 0, 4, 8, 12]);
  });

  it('reports inventory money, item spend, operating expense, T ÷ OE and net T − OE − item spend per period', () => {
    const stages = [
      {
        id: 'in',
        arrivals: '100',
        capacity: '60',
        cost_per_item: '2',
        cost_per_period: '500',
        next: 'won',
      },
      {
        id: 'won',
        conversion: '10%',
        value: '1000',
        variable_cost: '100',
        cost_per_period: '1000',
      },
    ];
    const { periods } = simulate(inputsOf(stages), 2, 'push');
    expect(at(periods, 2)).toMatchObject({
      won: 6,
      throughput_money: 5400,
      inventory_money: 160,
      item_spend: 200,
      operating_expense: 1500,
      t_over_oe: 3.6,
      net: 3700,
    });
    const free = simulate(inputsOf([{ id: 'a', arrivals: '1' }]), 1, 'push');
    expect(at(free.periods, 1).t_over_oe).toBeNull();
  });

  it('drops items due after the horizon and handles a horizon of 0', () => {
    const inputs = inputsOf([{ id: 'a', arrivals: '10', lag: '3' }]);
    expect(simulate(inputs, 3, 'push').periods.every((p) => p.won === 0)).toBe(true);
    expect(simulate(inputs, 0, 'pull')).toMatchObject({ periods: [], crossover: null });
  });

  it('rejects a horizon that is not a whole number of periods, with a clear message', () => {
    const inputs = inputsOf([{ id: 'a', arrivals: '10' }]);
    expect(() => simulate(inputs, 2.5, 'push')).toThrow(/whole number of periods.*2\.5/);
    expect(() => simulate(inputs, -1, 'push')).toThrow(RangeError);
  });

  it('returns plain data that survives a structured clone (the Web Worker boundary)', () => {
    const sim = simulate(reference(), 3, 'pull');
    expect(structuredClone(sim)).toEqual(sim);
  });
});
