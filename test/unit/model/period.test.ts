import { describe, expect, it } from 'vitest';
import { changePeriod, periodRatio } from '../../../src/lib/model/period';
import { model } from '../helpers';

const weekly = () =>
  model(
    [
      {
        id: 'lead',
        name: 'Lead',
        arrivals: '2,000',
        capacity: '=AEs*50',
        conversion: '10%',
        lag: '2',
        cost_per_period: '$1,000',
        cost_per_item: '3',
        next: 'won',
      },
      { id: 'won', name: 'Won', capacity: '7', lag: '', value: '500' },
    ],
    {
      period: 'week',
      horizon: 52,
      assumptions: [{ name: 'AEs', value: '4', note: '' }],
      loop: {
        enabled: true,
        entry: 'lead',
        referrals: '0.5',
        lag: '3',
        churn: '1%',
        market: '9000',
        customers: '10',
      },
    },
  );

describe('changePeriod', () => {
  it('week → month converts the flows by 365.25 ÷ 12 ÷ 7 ≈ 4.348', () => {
    expect(periodRatio('week', 'month')).toBeCloseTo(4.348214, 6);
    const { model: m, kept } = changePeriod(weekly(), 'month', true);
    expect(m.period).toBe('month');
    const [lead, won] = m.stages;
    expect(lead?.arrivals).toBe('8696.43');
    expect(lead?.cost_per_period).toBe('4348.21');
    expect(won?.capacity).toBe('30.4375');
    // Per item and per customer: unchanged.
    expect(lead?.conversion).toBe('10%');
    expect(lead?.cost_per_item).toBe('3');
    expect(won?.value).toBe('500');
    expect(m.loop.referrals).toBe('0.5');
    expect(m.loop.market).toBe('9000');
    // Periods: whole months; the referral lag at least 1.
    expect(lead?.lag).toBe('0');
    expect(won?.lag).toBe('');
    expect(m.loop.lag).toBe('1');
    expect(m.horizon).toBe(12);
    // 1 % a week is 1 − 0.99^4.348 a month.
    expect(m.loop.churn).toBe(
      `${+((1 - 0.99 ** periodRatio('week', 'month')) * 100).toPrecision(6)}%`,
    );
    expect(m.loop.churn).toBe('4.27599%');
    // The formula is kept as written, and named.
    expect(lead?.capacity).toBe('=AEs*50');
    expect(kept).toEqual([{ cell: 'Lead capacity', formula: '=AEs*50' }]);
    expect(m.assumptions).toEqual(weekly().assumptions);
  });

  it('converting there and back gives the flows back (to 6 digits)', () => {
    const there = changePeriod(weekly(), 'month', true).model;
    const back = changePeriod(there, 'week', true).model;
    expect(back.stages[0]?.arrivals).toBe('2000');
    expect(back.stages[1]?.capacity).toBe('7');
  });

  it('keeping the numbers changes only the period', () => {
    const before = weekly();
    const { model: m, kept } = changePeriod(before, 'month', false);
    expect(m).toEqual({ ...before, period: 'month' });
    expect(kept).toEqual([]);
  });

  it('the same period is no change', () => {
    const before = weekly();
    expect(changePeriod(before, 'week', true).model).toBe(before);
  });
});
