import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/lib/analysis/analyze';
import { growthOf, type Growth } from '../../../src/lib/analysis/growth';
import { evaluateModel } from '../../../src/lib/engine/engine';
import type { Model } from '../../../src/lib/model/types';
import { growthGeometry } from '../../../src/lib/ui/growth/chart';
import { chartSummary, crossoverNote } from '../../../src/lib/ui/growth/growth-text';
import { model } from '../helpers';

// The growth chart marks the crossover only where referrals overtake
// outbound for good (PRODUCT.md "The loop"), and says so in words.

const grow = (m: Model): Growth => {
  const evaluated = evaluateModel(m);
  return growthOf(m, evaluated, analyze(m, evaluated));
};

/** 100 leads a month converting 10 %, each customer referring 8 (K = 0.8), over 60 months. */
const referring = (loop: Record<string, string>) =>
  model([{ id: 'leads', arrivals: '100', conversion: '10%' }], {
    horizon: 60,
    loop: { enabled: true, entry: 'leads', referrals: '8', lag: '1', ...loop },
  });

const size = { width: 600, height: 300, period: 'month' as const, currency: 'USD' };

describe('growth chart: the crossover', () => {
  it('marks the month referrals overtake outbound for good', () => {
    const g = grow(referring({}));
    const geo = growthGeometry(g.push, g.pull, { ...size, mode: 'pull', measure: 'customers' });
    expect(geo.crossover?.t).toBe(3);
    expect(crossoverNote(g, 'month')).toBe(
      'From month 3 through month 60 the loop brings in more customers than outbound does, every month.',
    );
  });

  it('draws no crossover when referrals lead for a while and then fall below outbound (the market saturating)', () => {
    const g = grow(referring({ customers: '10', market: '600' }));
    const ahead = g.pull.periods.filter((p) => p.won_referred > p.won_outbound).map((p) => p.t);
    expect(ahead[0]).toBe(2);
    expect(ahead.at(-1)).toBeLessThan(60);
    for (const mode of ['push', 'pull'] as const)
      expect(
        growthGeometry(g.push, g.pull, { ...size, mode, measure: 'customers' }).crossover,
      ).toBeNull();
    const note = `No crossover within 60 months: the loop first brought in more customers than outbound in month 2, but from month ${ahead.at(-1)! + 1} on it brings in no more than outbound.`;
    expect(crossoverNote(g, 'month')).toBe(note);
    expect(chartSummary(g, 'customers', 'month', 'USD')).toMatch(new RegExp(`${note}$`));
  });

  it('draws no crossover when referrals never win more than outbound (K = 0.5)', () => {
    const g = grow(referring({ referrals: '5' }));
    expect(
      growthGeometry(g.push, g.pull, { ...size, mode: 'pull', measure: 'customers' }).crossover,
    ).toBeNull();
    expect(crossoverNote(g, 'month')).toBe(
      'No crossover within 60 months: outbound brings in at least as many customers as the loop every month.',
    );
  });
});
