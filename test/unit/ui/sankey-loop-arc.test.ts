import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/lib/model/examples';
import { setLoopEnabled } from '../../../src/lib/model/growth-edits';
import type { Model, StageId } from '../../../src/lib/model/types';
import { layoutSankey } from '../../../src/lib/ui/sankey/layout';
import { LOOP_LANE, loopArc, sankeyLoopOf } from '../../../src/lib/ui/sankey/loop-arc';
import type { StageNode } from '../../../src/lib/ui/sankey/shapes';
import { analyzeModel, model } from '../helpers';

const reference = () => EXAMPLES.find((e) => e.id === 'reference')!.model();
const layoutOf = (m: Model) => {
  const a = analyzeModel(m);
  return layoutSankey({
    stages: m.stages,
    flow: a.flow,
    constraint: a.constraint,
    period: m.period,
    width: 900,
    height: 360,
  });
};
const node = (m: Model, id: string) =>
  layoutOf(m).nodes.find((n): n is StageNode => n.kind === 'stage' && n.id === id)!;

/** Every x,y pair of an SVG path made of M, V, H and Q commands. */
function points(d: string): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  let x = 0;
  let y = 0;
  for (const [, cmd, args] of d.matchAll(/([MVHQ])([^MVHQ]*)/g)) {
    const n = (args ?? '').trim().split(/[ ,]+/).map(Number);
    if (cmd === 'M' || cmd === 'Q') [x, y] = n.slice(-2) as [number, number];
    if (cmd === 'V') y = n[0]!;
    if (cmd === 'H') x = n[0]!;
    out.push({ x, y });
  }
  return out;
}

describe('the loop on the Sankey', () => {
  it('is drawn in pull only, from the analysis', () => {
    const push = analyzeModel(reference());
    expect(sankeyLoopOf(push)).toBeNull();
    const pull = analyzeModel(setLoopEnabled(reference(), true));
    expect(sankeyLoopOf(pull)).toEqual({
      entry: 'reply',
      referred: pull.referred,
      compounds: false,
    });
    expect(pull.referred).toBeGreaterThan(3.9);
    const open = analyzeModel(
      model([{ id: 'a', arrivals: '10', conversion: '20%' }], {
        loop: { enabled: true, entry: 'a', referrals: '10' },
      }),
    );
    expect(sankeyLoopOf(open)).toMatchObject({ entry: 'a', compounds: true });
    expect(sankeyLoopOf(null)).toBeNull();
  });

  it('returns from the end of the funnel to the entry stage through a lane under the diagram', () => {
    const m = setLoopEnabled(reference(), true);
    const layout = layoutOf(m);
    const loop = sankeyLoopOf(analyzeModel(m))!;
    const arc = loopArc(layout, loop, m.period)!;
    expect(arc.entry).toBe('reply');
    expect(arc.extra).toBe(LOOP_LANE);
    const path = points(arc.d);
    const end = node(m, 'opportunity');
    const entry = node(m, 'reply');
    // Starts under the final stage, ends under the entry stage, runs below everything drawn.
    expect(path[0]!.x).toBeGreaterThan(end.x0);
    expect(path[0]!.x).toBeLessThan(end.x1);
    expect(path[0]!.y).toBe(end.y1);
    expect(path.at(-1)!.x).toBeGreaterThan(entry.x0);
    expect(path.at(-1)!.x).toBeLessThan(entry.x1);
    expect(Math.max(...path.map((p) => p.y))).toBeGreaterThan(layout.height);
    expect(Math.max(...path.map((p) => p.y))).toBeLessThan(layout.height + LOOP_LANE);
    expect(arc.label.text).toBe('loop: 3.95 referred leads/mo → Reply → meeting');
  });

  it('is as thick as the referred leads on the bands’ scale (1.5–10 px), and says when the loop compounds', () => {
    const m = setLoopEnabled(reference(), true);
    const layout = layoutOf(m);
    const flow = layout.links.find((l) => l.key === 'flow:enrich')!;
    const loop = { entry: 'reply' as StageId, referred: 60, compounds: false };
    expect(loopArc(layout, loop, 'month')!.width).toBeCloseTo((flow.width / flow.value) * 60, 6);
    expect(loopArc(layout, { ...loop, referred: 6000 }, 'month')!.width).toBe(10);
    expect(loopArc(layout, { ...loop, referred: 0 }, 'month')!.width).toBe(1.5);
    expect(loopArc(layout, { ...loop, compounds: true }, 'month')!.label.text).toMatch(
      /keep growing \(K ≥ 1\)/,
    );
    expect(loopArc(layout, { ...loop, entry: 'gone' as StageId }, 'month')).toBeNull();
  });

  it('loops under a single stage that is both the entry and the end', () => {
    const m = model(
      [{ id: 'a', name: 'Referred', arrivals: '10', capacity: '100', conversion: '20%' }],
      {
        loop: { enabled: true, entry: 'a', referrals: '2' },
      },
    );
    const layout = layoutOf(m);
    const arc = loopArc(layout, sankeyLoopOf(analyzeModel(m))!, 'month')!;
    const a = node(m, 'a');
    for (const p of points(arc.d)) {
      expect(p.x).toBeGreaterThanOrEqual(a.x0);
      expect(p.x).toBeLessThanOrEqual(a.x1);
    }
  });

  it('goes rightwards when the entry stage sits right of the end of the funnel', () => {
    const m = model(
      [
        { id: 'x', arrivals: '100', next: 'won1' },
        { id: 'won1' },
        { id: 'y', arrivals: '10', next: 'z' },
        { id: 'z', next: 'won2' },
        { id: 'won2' },
      ],
      { loop: { enabled: true, entry: 'won2', referrals: '0.1' } },
    );
    const arc = loopArc(layoutOf(m), sankeyLoopOf(analyzeModel(m))!, 'month')!;
    const xs = points(arc.d).map((p) => p.x);
    // Never doubles back: the x of every point is at least the one before.
    xs.slice(1).forEach((x, i) => expect(x).toBeGreaterThanOrEqual(xs[i]!));
    expect(node(m, 'won2').x0).toBeGreaterThan(node(m, 'won1').x1);
  });
});
