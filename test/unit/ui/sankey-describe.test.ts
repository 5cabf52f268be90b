import { describe, expect, it } from 'vitest';
import type { Constraint } from '../../../src/lib/analysis/constraint';
import { seedExample } from '../../../src/lib/model/examples/seed';
import { restoreModel } from '../../../src/lib/model/restore';
import { constraintSentence, tipsOf } from '../../../src/lib/ui/sankey/describe';
import { layoutSankey } from '../../../src/lib/ui/sankey/layout';
import { analyzeModel } from '../helpers';

const seed = () => {
  const m = restoreModel(structuredClone(seedExample));
  const a = analyzeModel(m);
  const layout = layoutSankey({
    stages: m.stages,
    flow: a.flow,
    constraint: a.constraint,
    period: m.period,
    width: 900,
    height: 420,
  });
  return { m, a, layout, tips: tipsOf(layout, m.period) };
};

describe('Sankey hover text', () => {
  it('gives every node, band and queue a tip', () => {
    const { layout, tips } = seed();
    const keys = [
      ...layout.nodes.map((n) => n.key),
      ...layout.links.map((l) => l.key),
      ...layout.queues.map((q) => q.key),
    ];
    for (const key of keys) expect(tips.has(key), key).toBe(true);
  });

  it("shows a stage's numbers per period and why it matters", () => {
    const { tips } = seed();
    expect(tips.get('stage:worked')).toEqual({
      title: 'Worked by AEs',
      rows: [
        ['Inflow', '2,000/wk'],
        ['Processed', '200/wk'],
        ['Pileup', '1,800/wk'],
        ['Out', '20/wk'],
        ['Lost', '180/wk'],
        ['Load', '1,000%'],
      ],
      note: 'The constraint: its capacity holds throughput back.',
    });
    // Unlimited capacity: no load row; a final stage's out is the throughput.
    expect(tips.get('stage:won')?.rows.map(([label]) => label)).toEqual([
      'Inflow',
      'Processed',
      'Out (throughput)',
      'Lost',
    ]);
  });

  it('names both ends of a band, and the share a lost sink takes', () => {
    const { tips } = seed();
    expect(tips.get('flow:accounts')).toMatchObject({
      title: 'Qualified accounts → Worked by AEs',
      rows: [['Flow', '2,000/wk']],
    });
    expect(tips.get('lost:worked')).toMatchObject({
      title: 'Lost at Worked by AEs',
      rows: [
        ['Lost', '180/wk'],
        ['Share of processed', '90%'],
      ],
    });
    expect(tips.get('queue:worked')?.rows).toEqual([['Piling up', '1,800/wk']]);
  });

  it('keeps the full name of a stage whose label is cut', () => {
    const name = 'An extremely long stage name that cannot possibly fit in a column';
    const layout = layoutSankey({
      stages: [
        { id: 'a' as never, name, next: 'b' as never },
        { id: 'b' as never, name: 'B', next: null },
      ],
      flow: null,
      constraint: null,
      period: 'week',
      width: 300,
      height: 300,
    });
    const node = layout.nodes.find((n) => n.key === 'stage:a');
    expect(node?.kind === 'stage' && node.label.name.text.endsWith('…')).toBe(true);
    expect(tipsOf(layout, 'week').get('stage:a')?.title).toBe(name);
  });
});

describe('constraintSentence', () => {
  const names = new Map([
    ['a', 'Accounts'],
    ['b', 'Meetings'],
  ]);
  const held = { units: 1, money: 0 };
  const verdicts = {
    binding: [],
    addsNothing: [],
    overproduction: [],
    nearCapacity: [],
    chainRule: false,
  };
  const ranked = { heldBack: held, marginal: held, withDemand: false, ...verdicts };

  it('says which case applies', () => {
    const cases: [Constraint | null, string][] = [
      [{ kind: 'stage', stages: ['a' as never], ...ranked }, 'The constraint is Accounts.'],
      [
        {
          kind: 'tie',
          stages: ['a', 'b'] as never,
          chain: false,
          together: { heldBack: held, marginal: held },
          ...ranked,
        },
        'The constraint is a tie between Accounts and Meetings.',
      ],
      [
        { kind: 'market', stages: [], bindsFirst: null, ...verdicts },
        'The constraint is the market: no stage is full.',
      ],
      [null, 'No constraint shown: fix the flagged cells first.'],
    ];
    for (const [c, text] of cases) expect(constraintSentence(c, names)).toBe(text);
  });
});
