import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeModel, model } from '../helpers';
import { EXAMPLES } from '../../../src/lib/model/examples';
import type { Model } from '../../../src/lib/model/types';
import { toSankeymatic } from '../../../src/lib/io/sankeymatic';
import { fromSankeymatic, MAX_SANKEYMATIC_CHARS } from '../../../src/lib/io/sankeymatic-import';
import { expectImportError, fixture } from './io-helpers';

const exportOf = (m: Model) => {
  const a = analyzeModel(m);
  return toSankeymatic(m, a.flow, { highlight: a.constraint.stages });
};
const flows = (text: string) => text.split('\n').filter((l) => /\[/.test(l) && !l.startsWith('//'));
const row = (m: Model) => m.stages.map((s) => [s.id, s.arrivals, s.conversion, s.capacity, s.next]);

describe('SankeyMATIC export', () => {
  it('draws the reference chain of PRODUCT.md: out, drop-offs to Lost, pileup, constraint coloured', () => {
    const m = EXAMPLES.find((e) => e.id === 'reference')!.model();
    const text = exportOf(m);
    const [enrich, contact, reply, meeting, opportunity] = m.stages.map((s) => s.name);
    expect(flows(text)).toEqual([
      `${enrich} [1800] ${contact}`,
      `${enrich} [200] Lost at ${enrich}`,
      `${contact} [75] ${reply}`,
      `${contact} [1425] Lost at ${contact}`,
      `${contact} [300] Pileup at ${contact}`,
      `${reply} [30] ${meeting}`,
      `${reply} [45] Lost at ${reply}`,
      `${meeting} [15] ${opportunity}`,
      `${meeting} [15] Lost at ${meeting}`,
      `${opportunity} [11.25] Lost at ${opportunity}`,
    ]);
    expect(text).toContain(`:${contact} #e15759`);
  });

  it('draws arrivals into a stage that others also feed, and keeps names safe', () => {
    const m = model([
      { id: 'a', name: 'Ads [paid]', arrivals: '100', conversion: '50%', next: 'b' },
      { id: 'b', name: 'Lost', arrivals: '20', conversion: '25%' },
    ]);
    expect(flows(exportOf(m))).toEqual([
      'Ads (paid) [50] Lost (b)',
      'Ads (paid) [50] Lost at Ads (paid)',
      'Arrivals at Lost (b) [20] Lost (b)',
      'Lost (b) [52.5] Lost at Lost (b)',
    ]);
  });
});

describe('SankeyMATIC import', () => {
  it.each(EXAMPLES.map((e) => [e.id, e] as const))(
    'round-trips the flows of example %s',
    (_, example) => {
      const m = example.model();
      const text = exportOf(m);
      const back = fromSankeymatic(text);
      expect(back.warnings).toEqual([]);
      expect(back.model.name).toBe(m.name);
      expect(back.model.period).toBe(m.period);
      expect(exportOf(back.model)).toBe(text);
    },
  );

  it('round-trips the flows of random funnels (seeded)', () => {
    const stageArb = fc.record({
      arrivals: fc.integer({ min: 0, max: 5000 }),
      conversion: fc.integer({ min: 0, max: 100 }),
      capacity: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined }),
      next: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(stageArb, { minLength: 1, maxLength: 12 }), (specs) => {
        // Each stage feeds a later one (or ends), so there is never a cycle.
        const m = model(
          specs.map((s, i) => ({
            id: `s${i}`,
            name: `Stage ${i}`,
            arrivals: String(s.arrivals),
            conversion: `${s.conversion}%`,
            capacity: s.capacity === undefined ? '' : String(s.capacity),
            next:
              i + 1 < specs.length && s.next % 3 !== 0
                ? `s${i + 1 + (s.next % (specs.length - i - 1))}`
                : undefined,
          })),
        );
        const text = exportOf(m);
        if (flows(text).length === 0) expect(() => fromSankeymatic(text)).toThrow(/has no flows/);
        // The same flows, line for line (stages may come back in another grid order, and
        // a stage that processes nothing has no conversion to read back, so colours may differ).
        else
          expect(flows(exportOf(fromSankeymatic(text).model)).sort()).toEqual(flows(text).sort());
      }),
      { seed: 424242, numRuns: 60 },
    );
  });

  it('reads a diagram people draw: Lost/Dropped/Churned sinks, undrawn drop-off, merging channels', () => {
    const r = fromSankeymatic(new TextDecoder().decode(fixture('sankeymatic/drop-offs.txt')));
    expect(row(r.model)).toEqual([
      ['google_ads', '1200', '', '', 'leads'],
      ['referrals', '300', '', '', 'leads'],
      ['leads', '', '=450/1500', '', 'demo'],
      ['demo', '', '=90/450', '', 'won'],
      ['won', '', '=80/90', '', null],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it("applies the next rule to SankeyMATIC's own sample: the largest flow is next, others arrive from outside", () => {
    const r = fromSankeymatic(new TextDecoder().decode(fixture('sankeymatic/budget.txt')));
    const budget = r.model.stages.find((s) => s.name === 'Budget');
    expect(budget).toMatchObject({ next: 'taxes', conversion: '=450/1750' });
    expect(row(r.model).filter(([id]) => id !== 'budget')).toEqual([
      ['wages', '1500', '', '', 'budget'],
      ['other', '250', '', '', 'budget'],
      ['taxes', '', '', '', null],
      ['housing', '420', '', '', null],
      ['food', '400', '', '', null],
      ['transportation', '295', '', '', null],
      ['savings', '25', '', '', null],
      ['other_necessities', '160', '', '', null],
    ]);
    expect(r.warnings).toHaveLength(5);
    expect(r.warnings[0]).toBe(
      '"Budget" also sends 420 to "Housing"; a stage feeds one next stage, so these count as leaving "Budget" and arrive at "Housing" from outside.',
    );
    // Every node keeps its size: what the app computes flows the same amounts.
    const flow = analyzeModel(r.model).flow;
    const inflow = (id: string) => flow.stages.find((s) => s.id === id)?.inflow;
    [1750, 450, 420, 160].forEach((n, i) =>
      expect(inflow(['budget', 'taxes', 'housing', 'other_necessities'][i]!)).toBeCloseTo(n, 9),
    );
  });

  it('breaks a circle by taking the next largest flow', () => {
    const r = fromSankeymatic('A [10] B\nB [8] A\nB [2] C\n');
    expect(row(r.model)).toEqual([
      ['a', '10', '', '', 'b'],
      ['b', '', '=2/10', '', 'c'],
      ['c', '', '', '', null],
    ]);
    expect(r.warnings).toEqual([
      '"B" also sends 8 to "A"; a stage feeds one next stage, so these count as leaving "B" and arrive at "A" from outside.',
    ]);
  });

  it('bad input: no flows, unreadable lines, too long, too many nodes', async () => {
    await expectImportError(
      () => fromSankeymatic(''),
      /^The SankeyMATIC text: has no flows; expected lines like "Leads \[2000\] Contacted"\.$/,
    );
    await expectImportError(() => fromSankeymatic('\u0000\u0001binary\u00ff'), /has no flows/);
    const r = fromSankeymatic('Leads [100] Won\nthis is not a flow\nA [*] B\nC [-5] D\nE [1] E\n');
    expect(r.warnings).toEqual([
      'Line 2 ("this is not a flow") is not a "Source [Amount] Target" flow; skipped.',
      'Line 3: the amount "*" is not a number 0 or more (SankeyMATIC\'s * and ? are not read); skipped.',
      'Line 4: the amount "-5" is not a number 0 or more (SankeyMATIC\'s * and ? are not read); skipped.',
      'Line 5: a flow from "E" into itself or into nothing; skipped.',
    ]);
    await expectImportError(
      () => fromSankeymatic('A [1] B\n'.repeat(MAX_SANKEYMATIC_CHARS / 8 + 1)),
      /it is read up to 1,048,576/,
    );
    const many = Array.from({ length: 501 }, (_, i) => `N${i} [1] N${i + 1}`).join('\n');
    await expectImportError(
      () => fromSankeymatic(many),
      /has 502 nodes; a model holds at most 500 stages\./,
    );
  });
});
