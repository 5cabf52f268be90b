import { describe, expect, it } from 'vitest';
import { crossoverText, lastingCrossover, referralLead } from '../../../src/lib/analysis/crossover';
import type { FlowInputs } from '../../../src/lib/analysis/inputs';
import { simulate } from '../../../src/lib/analysis/simulate';
import { analyzeModel, model } from '../helpers';

// PRODUCT.md "The loop": the crossover is the first period from which
// referrals win more customers than outbound every period, through the horizon.

/** 100 leads a period converting 10 % (10 won outbound), the loop entering leads after a lag of 1. */
const leads = (loop: Record<string, string>): FlowInputs =>
  analyzeModel(
    model([{ id: 'leads', arrivals: '100', conversion: '10%' }], {
      loop: { enabled: true, entry: 'leads', lag: '1', ...loop },
    }),
  ).inputs;

/** Periods 1… with these (outbound, referred) wins. */
const split = (...wins: [number, number][]) =>
  wins.map(([won_outbound, won_referred], k) => ({
    t: k + 1,
    won: won_outbound + won_referred,
    won_outbound,
    won_referred,
  }));

describe('lastingCrossover', () => {
  it('is the first period of the run of periods, through the last, where referrals win more', () => {
    expect(lastingCrossover(split([10, 5], [10, 11], [10, 9], [10, 12], [10, 20]))).toBe(4);
    expect(lastingCrossover(split([10, 11], [10, 12]))).toBe(1);
  });

  it('is none when referrals win more for a while and then fall back, or only tie', () => {
    expect(lastingCrossover(split([10, 5], [10, 12], [10, 20], [10, 9]))).toBeNull();
    expect(lastingCrossover(split([10, 12], [10, 0]))).toBeNull();
    expect(lastingCrossover(split([10, 10], [10, 10]))).toBeNull();
    expect(lastingCrossover(split([0, 0], [0, 0]))).toBeNull();
    expect(lastingCrossover([])).toBeNull();
  });

  it('lets periods in which no one is won at all neither start nor break the run', () => {
    expect(lastingCrossover(split([0, 0], [0, 20], [0, 0], [0, 40], [0, 0]))).toBe(2);
    expect(lastingCrossover(split([10, 5], [0, 0], [10, 12], [0, 0]))).toBe(3);
  });
});

describe('referralLead', () => {
  it('spans the first and last period referrals won more, lasting or not', () => {
    expect(referralLead(split([10, 5], [10, 12], [10, 9], [10, 20], [10, 1]))).toEqual({
      first: 2,
      last: 4,
    });
    expect(referralLead(split([10, 10]))).toBeNull();
  });
});

describe('simulate: the crossover', () => {
  it('K = 0.8 and no market: referrals pass outbound in period 3 and stay above', () => {
    const pull = simulate(leads({ referrals: '8' }), 24, 'pull');
    expect(pull.crossover).toBe(3);
    expect(pull.periods.slice(2).every((p) => p.won_referred > p.won_outbound)).toBe(true);
  });

  it('market saturation: referrals win more for a while, then fall below outbound: no crossover', () => {
    const pull = simulate(leads({ referrals: '8', customers: '10', market: '600' }), 60, 'pull');
    const lead = referralLead(pull.periods);
    expect(lead).not.toBeNull();
    const last = pull.periods[59]!;
    // Near the market, outbound scales by what is left and referrals by it twice over.
    expect(last.won_referred).toBeLessThan(last.won_outbound);
    expect(pull.crossover).toBeNull();
    // The first definition (the first period referrals win more) would have marked a date.
    expect(lead!.first).toBeLessThan(60);
  });

  it('K = 0.5: referrals only approach outbound, never pass it: no crossover', () => {
    const pull = simulate(leads({ referrals: '5' }), 200, 'pull');
    expect(referralLead(pull.periods)).toBeNull();
    expect(pull.crossover).toBeNull();
  });

  it('loop alone with a lag of 2 (customers won every other period): from period 2', () => {
    const viral = analyzeModel(
      model([{ id: 'leads', conversion: '20%' }], {
        loop: { enabled: true, entry: 'leads', referrals: '10', lag: '2', customers: '10' },
      }),
    ).inputs;
    const pull = simulate(viral, 20, 'pull');
    expect(pull.periods[2]).toMatchObject({ won_outbound: 0, won_referred: 0 });
    expect(pull.crossover).toBe(2);
  });

  it('is none in push', () => {
    expect(simulate(leads({ referrals: '8' }), 24, 'push').crossover).toBeNull();
  });
});

describe('crossoverText', () => {
  const text = (crossover: number | null, ...wins: [number, number][]) =>
    crossoverText({ crossover, horizon: wins.length, periods: split(...wins) }, 'month');

  it('says from when through the horizon, and that idle months are left out when there are some', () => {
    expect(text(2, [10, 5], [10, 12], [10, 20])).toBe(
      'From month 2 through month 3 the loop brings in more customers than outbound does, every month.',
    );
    expect(text(1, [0, 5], [0, 0], [0, 20])).toMatch(/, every month anyone is won\.$/);
  });

  it('says when referrals led for a while and fell back, without calling it a crossover', () => {
    expect(text(null, [10, 5], [10, 12], [10, 20], [10, 9], [10, 1])).toBe(
      'No crossover within 5 months: the loop first brought in more customers than outbound in month 2, but from month 4 on it brings in no more than outbound.',
    );
  });

  it('says outbound brings in at least as many when referrals never lead, and when no one is won', () => {
    expect(text(null, [10, 5], [10, 10])).toBe(
      'No crossover within 2 months: outbound brings in at least as many customers as the loop every month.',
    );
    expect(text(null, [0, 0], [0, 0])).toBe(
      'No one is won within 2 months, so there is no crossover.',
    );
  });
});
