import { describe, expect, it } from 'vitest';
import { layoutSankey } from '../../../src/lib/ui/sankey/layout';
import { analyzeModel, model } from '../helpers';
import { expectSound, lostNodes, node, stageNodes, VIEW } from './sankey-fixtures';

/** A product-led funnel: a million visitors, a few hundred paying. */
const plg = model(
  [
    { id: 'visit', name: 'Visitors', arrivals: '1000000', conversion: '2%', next: 'signup' },
    { id: 'signup', name: 'Sign-ups', conversion: '20%', next: 'active' },
    { id: 'active', name: 'Activated', conversion: '10%', capacity: '3000', next: 'paid' },
    { id: 'paid', name: 'Paid' },
  ],
  { period: 'month' },
);
const a = analyzeModel(plg);
const layout = (losses?: boolean) =>
  layoutSankey({
    stages: plg.stages,
    flow: a.flow,
    constraint: a.constraint,
    period: plg.period,
    ...VIEW,
    ...(losses === undefined ? {} : { losses }),
  });

describe('Sankey with losses hidden', () => {
  it('draws the lost sinks by default', () => {
    const l = layout();
    expect(lostNodes(l).map((n) => n.stage)).toEqual(['visit', 'signup', 'active']);
    expect(l.links.some((k) => k.kind === 'lost')).toBe(true);
  });

  it('leaves out every lost sink and band, keeping the stages, their numbers and the flows', () => {
    const l = layout(false);
    expect(lostNodes(l)).toEqual([]);
    expect(l.links.map((k) => k.kind)).toEqual(['flow', 'flow', 'flow']);
    expect(stageNodes(l).map((n) => n.id)).toEqual(['visit', 'signup', 'active', 'paid']);
    expect(node(l, 'paid').numbers.inflow).toBeCloseTo(300, 6);
    expectSound(l);
  });
});
