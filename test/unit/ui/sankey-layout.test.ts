import { describe, expect, it } from 'vitest';
import olist from '../../../src/lib/model/examples/olist.json';
import { seedExample } from '../../../src/lib/model/examples/seed';
import { restoreModel } from '../../../src/lib/model/restore';
import { GEOMETRY } from '../../../src/lib/ui/sankey/geometry';
import { FONT, textWidth } from '../../../src/lib/ui/sankey/text';
import { analyzeModel, flowOf } from '../helpers';
import { twoFunnels } from '../report/facts-models';
import {
  chain,
  end,
  expectSound,
  layoutOf,
  link,
  lostNodes,
  node,
  stageNodes,
  VIEW,
} from './sankey-fixtures';

describe('Sankey layout: the seed example', () => {
  const m = restoreModel(structuredClone(seedExample));
  const a = analyzeModel(m);
  const l = layoutOf(m, a);

  it('has a node per stage, in grid order, with its steady-state numbers', () => {
    expect(stageNodes(l).map((n) => n.id)).toEqual(m.stages.map((s) => s.id));
    for (const s of m.stages) {
      const { inflow, processed, pileup, out, lost, load } = flowOf(a, s.id);
      expect(node(l, s.id).numbers).toEqual({ inflow, processed, pileup, out, lost, load });
      expect(node(l, s.id).name).toBe(s.name);
    }
    expect(node(l, 'worked').label.numbers.text).toBe('200/wk');
    expect(node(l, 'accounts').label.name.text).toBe('Qualified accounts');
  });

  it('marks the constraint and badges it', () => {
    expect(
      stageNodes(l)
        .filter((n) => n.constraint)
        .map((n) => n.id),
    ).toEqual(['worked']);
    expect(node(l, 'worked').label.badge?.text).toBe('Constraint');
    expect(node(l, 'accounts').label.badge).toBeNull();
  });

  it('sends each drop-off to a lost sink in the column right after its stage', () => {
    const sinks = lostNodes(l);
    expect(sinks.map((n) => n.stage).sort()).toEqual(['meetings', 'worked']);
    for (const sink of sinks) {
      expect(sink.column).toBe(node(l, sink.stage).column + 1);
      expect(sink.lost).toBe(flowOf(a, sink.stage).lost);
      expect(link(l, `lost:${sink.stage}`)).toMatchObject({ kind: 'lost', target: null });
    }
    expect(sinks.find((n) => n.stage === 'worked')?.label.line.text).toBe('180/wk lost');
  });

  it('sizes bands by items per period on one scale', () => {
    const ky = link(l, 'flow:accounts').width / 2000;
    expect(ky).toBeGreaterThan(0.1);
    expect(link(l, 'lost:worked').width).toBeCloseTo(180 * ky, 6);
    expect(link(l, 'flow:worked').width).toBeCloseTo(20 * ky, 6);
    expect(node(l, 'worked').y1 - node(l, 'worked').y0).toBeCloseTo(200 * ky, 6);
    expect(node(l, 'accounts').y1 - node(l, 'accounts').y0).toBeCloseTo(2000 * ky, 6);
  });

  it('draws one queue, ahead of the constraint, sized by its pileup on the same scale', () => {
    expect(l.queues.map((q) => q.stage)).toEqual(['worked']);
    const q = l.queues[0];
    if (!q) throw new Error('no queue');
    const worked = node(l, 'worked');
    const ky = link(l, 'flow:accounts').width / 2000;
    expect(q.y1 - q.y0).toBeCloseTo(1800 * ky, 6);
    expect(q.x1).toBe(worked.x0);
    expect(q.x0).toBeLessThan(worked.x0);
    expect(q.y0).toBe(worked.y1);
    expect(q).toMatchObject({ pileup: 1800, constraint: true });
    expect(q.label?.count.text).toBe('1,800/wk');
    expect(q.label?.caption.text).toBe('piling up');
    // The band into the constraint runs into the queue, then straight on into the node.
    expect(Number(link(l, 'flow:accounts').d.split('H')[1])).toBeCloseTo(worked.x0, 1);
  });

  it('fills the view and is sound', () => {
    expect(l.width).toBeCloseTo(VIEW.width, 6);
    expect(l.height).toBeGreaterThanOrEqual(VIEW.height);
    expectSound(l);
  });
});

describe('Sankey layout: channels merging (Olist example)', () => {
  const m = restoreModel(structuredClone(olist));
  const a = analyzeModel(m);
  const l = layoutOf(m, a);
  const channels = m.stages.filter((s) => s.next === 'won').map((s) => s.id);

  it('puts the 11 channels in one column, merging into Closed won in the next', () => {
    expect(channels).toHaveLength(11);
    for (const id of channels) expect(node(l, id).column).toBe(0);
    expect(node(l, 'won').column).toBe(1);
    expect(l.links.filter((k) => k.kind === 'flow' && k.target === 'won')).toHaveLength(11);
  });

  it('stacks the merging bands inside Closed won without overlap', () => {
    const won = node(l, 'won');
    const bands = l.links
      .filter((k) => k.target === 'won')
      .map((k) => ({ y: end(k.d)[1], w: k.width, x: end(k.d)[0] }))
      .sort((p, q) => p.y - q.y);
    let top = won.y0;
    for (const b of bands) {
      expect(b.x).toBeCloseTo(won.x0, 1);
      expect(Math.abs(b.y - b.w / 2 - top)).toBeLessThan(0.15); // paths are rounded to 0.1 px
      top = b.y + b.w / 2;
    }
    expect(top).toBeLessThanOrEqual(won.y1 + 0.1);
  });

  it('keeps each lost sink in its channel’s order, so losses do not cross', () => {
    const byY = (ids: string[], y: (id: string) => number) => [...ids].sort((p, q) => y(p) - y(q));
    const sinkY = new Map(lostNodes(l).map((n) => [n.stage as string, n.y0]));
    const lossy = channels.filter((id) => flowOf(a, id).lost > 0);
    expect(byY(lossy, (id) => sinkY.get(id) ?? NaN)).toEqual(byY(lossy, (id) => node(l, id).y0));
  });

  it('has lost sinks exactly for the stages that lose items, and is sound', () => {
    const lossy = m.stages.filter((s) => flowOf(a, s.id).lost > 0).map((s) => s.id);
    expect(
      lostNodes(l)
        .map((n) => n.stage)
        .sort(),
    ).toEqual([...lossy].sort());
    expect(l.queues).toEqual([]);
    expectSound(l);
  });
});

describe('Sankey layout: long chains', () => {
  it('gives 4 and 30 stages at least 140 px per column, growing with the columns', () => {
    const four = layoutOf(chain(4));
    const thirty = layoutOf(chain(30));
    for (const l of [four, thirty]) {
      const xs = stageNodes(l).map((n) => n.x0);
      xs.slice(1).forEach((x, i) =>
        expect(x - (xs[i] as number)).toBeGreaterThanOrEqual(GEOMETRY.column - 1e-9),
      );
      expectSound(l);
    }
    expect(four.width).toBeCloseTo(VIEW.width, 6);
    expect(thirty.width).toBeGreaterThanOrEqual(30 * GEOMETRY.column);
    expect(thirty.columns).toBe(31);
  });

  it('cuts a long name with an ellipsis to fit its column', () => {
    const l = layoutOf(chain(30));
    const long = node(l, 's1');
    expect(long.label.name.text).toMatch(/…$/);
    expect(textWidth(long.label.name.text, FONT.name, true)).toBeLessThan(GEOMETRY.column);
    expect(long.name).toBe(chain(30).stages[1]?.name);
  });

  it('draws overproduction ahead of a full stage upstream of the constraint in the quiet style', () => {
    const m = chain(30);
    const a = analyzeModel(m);
    const l = layoutOf(m, a);
    expect(a.constraint).toMatchObject({ kind: 'stage', stages: ['s15'] });
    const quiet = l.queues.find((q) => q.stage === 's1');
    expect(quiet).toMatchObject({ constraint: false, pileup: flowOf(a, 's1').pileup });
    expect(quiet?.label?.caption.text).toBe('overproduction');
    expect(l.queues.find((q) => q.stage === 's15')?.constraint).toBe(true);
  });

  it('captions a binding stage beside the constraint as piling up, not overproduction', () => {
    // Two funnels into Won: Inbound is the constraint, Cold list binds too (its
    // capacity raises throughput), so its 9,990 a period are no overproduction.
    const m = twoFunnels();
    const a = analyzeModel(m);
    expect(a.constraint).toMatchObject({ kind: 'stage', stages: ['inbound'] });
    expect(a.constraint.overproduction).toEqual([]);
    const cold = layoutOf(m, a).queues.find((q) => q.stage === 'cold');
    expect(cold).toMatchObject({ constraint: false, pileup: flowOf(a, 'cold').pileup });
    expect(cold?.label?.caption.text).toBe('piling up');
  });
});
