import { describe, expect, it } from 'vitest';
import type { FlowInputs } from '../../../src/lib/analysis/inputs';
import { simulate, type SimPeriod } from '../../../src/lib/analysis/simulate';
import { steadyState } from '../../../src/lib/analysis/steady';
import { analyzeModel, model, type TestStage } from '../helpers';

// PRODUCT.md "Over time": item spend, money invested per item along the path,
// revenue booked when the customer counts, and the market capping push too.

const inputsOf = (stages: TestStage[], extra: Record<string, unknown> = {}): FlowInputs =>
  analyzeModel(model(stages, extra)).inputs;

const at = (periods: SimPeriod[], t: number): SimPeriod => {
  const p = periods[t - 1];
  if (!p || p.t !== t) throw new Error(`no period ${t}`);
  return p;
};

describe('simulate: item spend (cost per item, converted or not)', () => {
  const stages = [
    { id: 'list', arrivals: '100', capacity: '60', cost_per_item: '2', next: 'won' },
    {
      id: 'won',
      conversion: '10%',
      cost_per_item: '5',
      value: '1000',
      variable_cost: '100',
      cost_per_period: '1000',
    },
  ];

  it('spends Σ inflow × cost per item each period, queued items once, and nets T − OE − item spend', () => {
    const { periods } = simulate(inputsOf(stages), 2, 'push');
    // 100 accounts arrive at 2 each (40 of them only queue), 60 reach won at 5 each.
    expect(at(periods, 1)).toMatchObject({ item_spend: 500, throughput_money: 5400 });
    expect(at(periods, 2)).toMatchObject({ item_spend: 500, operating_expense: 1000 });
    expect(at(periods, 2).net).toBe(5400 - 1000 - 500);
    // T ÷ OE is the scoreboard: item spend is not operating expense.
    expect(at(periods, 2).t_over_oe).toBe(5.4);
  });

  it('spends on items that never convert (a 0 % stage still pays for its inflow)', () => {
    const { periods } = simulate(
      inputsOf([{ id: 'data', arrivals: '40', cost_per_item: '0.5', conversion: '0%' }]),
      1,
      'push',
    );
    expect(at(periods, 1)).toMatchObject({ won: 0, item_spend: 20, net: -20 });
  });
});

describe('simulate: inventory at the money invested per item', () => {
  it('values a queue at its own cost plus what was invested upstream on the path', () => {
    const inputs = inputsOf([
      { id: 'enrich', arrivals: '100', cost_per_item: '1', conversion: '50%', next: 'call' },
      { id: 'call', capacity: '20', cost_per_item: '2' },
    ]);
    const { periods } = simulate(inputs, 2, 'push');
    // 30 wait at call each period, 1 + 2 = 3 invested in each.
    expect(periods.map((p) => p.inventory_money)).toEqual([90, 180]);
    expect(steadyState(inputs).inventoryMoney).toBe(90);
  });

  it('at a merge, takes the flow-weighted average of what the feeders invested', () => {
    const inputs = inputsOf([
      { id: 'paid', arrivals: '100', cost_per_item: '4', conversion: '10%', next: 'demo' },
      { id: 'inbound', arrivals: '30', next: 'demo' },
      { id: 'demo', capacity: '0', cost_per_item: '1' },
    ]);
    // 10 leads carry 4 each, 30 carry nothing: (10 × 4 + 30 × 0) ÷ 40 + 1 = 2 a lead.
    expect(at(simulate(inputs, 1, 'push').periods, 1).inventory_money).toBe(80);
    expect(steadyState(inputs).inventoryMoney).toBe(80);
  });

  it('carries the investment through a lag, and items waiting keep their value', () => {
    const inputs = inputsOf([
      { id: 'list', arrivals: '10', cost_per_item: '3', lag: '2', next: 'sdr' },
      { id: 'sdr', capacity: '4', cost_per_item: '1' },
    ]);
    const { periods } = simulate(inputs, 4, 'push');
    // Nothing reaches sdr before period 3; then 6 more wait each period at 3 + 1.
    expect(periods.map((p) => p.inventory_money)).toEqual([0, 0, 24, 48]);
  });
});

describe('simulate: throughput money booked when the customer counts', () => {
  it("delays a final stage's revenue by its lag, with the customer", () => {
    const { periods } = simulate(
      inputsOf([{ id: 'deal', arrivals: '10', lag: '1', value: '100', variable_cost: '20' }]),
      3,
      'push',
    );
    expect(periods.map((p) => p.won)).toEqual([0, 10, 10]);
    expect(periods.map((p) => p.throughput_money)).toEqual([0, 800, 800]);
    expect(periods.map((p) => p.net)).toEqual([0, 800, 800]);
  });
});

describe('simulate: the market caps every new customer, push and pull alike', () => {
  const market = (enabled: boolean, referrals = '0') =>
    inputsOf([{ id: 'leads', arrivals: '100' }], {
      loop: { enabled, entry: 'leads', referrals, lag: '1', market: '250' },
    });

  it('scales outbound arrivals by 1 − customers(t − 1) ÷ market, so push never passes it', () => {
    const { periods } = simulate(market(false), 40, 'push');
    // 100 × 1, then 100 × (1 − 100 ÷ 250) = 60, then 100 × (1 − 160 ÷ 250) = 36.
    expect(periods.slice(0, 3).map((p) => p.won)).toEqual([100, 60, 36]);
    expect(periods.every((p) => p.customers <= 250)).toBe(true);
    expect(at(periods, 40).customers).toBeCloseTo(250, 6);
  });

  it('caps outbound in pull too, beside the referrals', () => {
    const { periods } = simulate(market(true, '1'), 40, 'pull');
    // Period 2: 100 outbound × 0.6, and 100 customers × 1 referral × (1 − 100 ÷ 250).
    expect(at(periods, 2)).toMatchObject({ won_outbound: 60, won_referred: 60 });
    expect(periods.every((p) => p.customers <= 250 + 1e-9)).toBe(true);
  });

  it('lets no one in once the market is full at period 0', () => {
    const inputs = inputsOf([{ id: 'leads', arrivals: '100', cost_per_item: '1' }], {
      loop: { enabled: false, market: '50', customers: '50' },
    });
    const { periods } = simulate(inputs, 3, 'push');
    expect(periods.every((p) => p.won === 0 && p.item_spend === 0)).toBe(true);
  });
});
