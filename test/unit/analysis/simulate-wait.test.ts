import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/lib/analysis/simulate';
import { referenceExample } from '../../../src/lib/model/examples/reference';
import { restoreModel } from '../../../src/lib/model/restore';
import { analyzeModel, model } from '../helpers';

// PRODUCT.md "Over time": the wait ahead of a stage by Little's law (L = λW),
// queue ÷ processed per period, in periods.

describe("simulate: the wait ahead of each stage (Little's law)", () => {
  it('reference chain: 1,800 accounts wait ahead of contact after 6 months, 1.2 months at 1,500 a month', () => {
    const inputs = analyzeModel(restoreModel(structuredClone(referenceExample))).inputs;
    const { periods } = simulate(inputs, 24, 'push');
    expect(periods[5]?.queues.contact).toBe(1800);
    expect(periods[5]?.wait.contact).toBe(1.2);
    expect(periods.map((p) => p.wait.contact)).toEqual(periods.map((p) => (300 * p.t) / 1500));
    // Nothing waits elsewhere: no wait.
    expect(periods.every((p) => p.wait.enrich === 0 && p.wait.meeting === 0)).toBe(true);
  });

  it('is null, not a number, when items wait and the stage processes none', () => {
    const inputs = analyzeModel(
      model([
        { id: 'leads', arrivals: '10', next: 'demo' },
        { id: 'demo', capacity: '0' },
      ]),
    ).inputs;
    const { periods } = simulate(inputs, 2, 'push');
    expect(periods.map((p) => p.queues.demo)).toEqual([10, 20]);
    expect(periods.map((p) => p.wait.demo)).toEqual([null, null]);
    // A plain-data row: it survives JSON (Infinity would not).
    expect(JSON.parse(JSON.stringify(periods[1]?.wait))).toEqual({ leads: 0, demo: null });
  });

  it('counts referred leads in what is processed (pull)', () => {
    const inputs = analyzeModel(
      model(
        [
          { id: 'leads', arrivals: '30', next: 'calls' },
          { id: 'calls', capacity: '20' },
        ],
        { loop: { enabled: true, entry: 'calls', referrals: '1', lag: '1', customers: '10' } },
      ),
    ).inputs;
    const p = simulate(inputs, 1, 'pull').periods[0];
    // 30 outbound + 10 referred, 20 processed, 20 wait: one period.
    expect(p).toMatchObject({ queues: { calls: 20 }, wait: { calls: 1 } });
  });
});
