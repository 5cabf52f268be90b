import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../../src/lib/analysis/analyze';
import { findConstraint } from '../../../src/lib/analysis/constraint';
import type { StageInputs } from '../../../src/lib/analysis/inputs';
import { steadyState } from '../../../src/lib/analysis/steady';
import { flowOrder } from '../../../src/lib/model/graph';
import olist from '../../../src/lib/model/examples/olist.json';
import { seedExample } from '../../../src/lib/model/examples/seed';
import { restoreModel } from '../../../src/lib/model/restore';
import type { Model, StageId } from '../../../src/lib/model/types';
import { GEOMETRY } from '../../../src/lib/ui/sankey/geometry';
import { layoutSankey } from '../../../src/lib/ui/sankey/layout';
import type { LostNode, SankeyLayout, StageNode } from '../../../src/lib/ui/sankey/shapes';
import { FONT, lineBox, overlaps, textWidth, type Box } from '../../../src/lib/ui/sankey/text';
import { analyzeModel, flowOf, model } from '../helpers';

const VIEW = { width: 900, height: 420 };

function layoutOf(m: Model, a: Analysis = analyzeModel(m), view = VIEW): SankeyLayout {
  return layoutSankey({
    stages: m.stages,
    flow: a.flow,
    constraint: a.constraint,
    period: m.period,
    ...view,
  });
}
const stageNodes = (l: SankeyLayout) => l.nodes.filter((n): n is StageNode => n.kind === 'stage');
const lostNodes = (l: SankeyLayout) => l.nodes.filter((n): n is LostNode => n.kind === 'lost');
const node = (l: SankeyLayout, id: string) => {
  const n = stageNodes(l).find((s) => s.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
};
const link = (l: SankeyLayout, key: string) => {
  const k = l.links.find((x) => x.key === key);
  if (!k) throw new Error(`no link ${key}`);
  return k;
};

/** A chain of `n` stages: 5,000 arrivals, conversions 92 % (60 % every fifth), two capacities. */
function chain(n: number): Model {
  return model(
    Array.from({ length: n }, (_, i) => ({
      id: `s${i}`,
      name: i === 1 ? 'A stage name far too long to fit in one column of the diagram' : `S${i}`,
      arrivals: i === 0 ? '5000' : '',
      conversion: i % 5 === 4 ? '60%' : '92%',
      capacity: i === Math.floor(n / 2) ? '300' : i === 1 ? '4000' : '',
      next: i < n - 1 ? `s${i + 1}` : undefined,
    })),
  );
}

/** Every number of the geometry (path data included; a stage's own numbers, like an infinite load, left out). */
function numbersIn(l: SankeyLayout): number[] {
  const out: number[] = [];
  const walk = (x: unknown): void => {
    if (typeof x === 'number') out.push(x);
    else if (x && typeof x === 'object')
      Object.entries(x).forEach(([k, v]) => k !== 'numbers' && walk(v));
  };
  walk(l);
  for (const k of l.links)
    out.push(
      ...end(k.d),
      ...k.d
        .split(/[^-\d.e]+/)
        .filter(Boolean)
        .map(Number),
    );
  return out;
}

/** Estimated boxes of every label (the layout's text estimate; baselines as the layout emits them). */
function labelBoxes(l: SankeyLayout): (Box & { owner: string })[] {
  const boxes: (Box & { owner: string })[] = [];
  const line = (owner: string, x: number, y: number, text: string, size: number, end = false) =>
    boxes.push({ owner, ...lineBox(x, y, text, size, size === FONT.name, end) });
  for (const n of l.nodes) {
    if (n.kind === 'lost') {
      line(n.key, n.label.x, n.label.line.y, n.label.line.text, FONT.small);
      continue;
    }
    line(n.key, n.label.x, n.label.name.y, n.label.name.text, FONT.name);
    line(n.key, n.label.x, n.label.numbers.y, n.label.numbers.text, FONT.small);
    if (n.label.badge) {
      const b = n.label.badge;
      boxes.push({
        owner: n.key,
        x0: n.label.x,
        x1: n.label.x + b.width,
        y0: b.y - 11,
        y1: b.y + 5,
      });
    }
  }
  for (const { key, label } of l.queues) {
    if (!label) continue;
    line(key, label.x, label.count.y, label.count.text, FONT.name, true);
    line(key, label.x, label.caption.y, label.caption.text, FONT.small, true);
  }
  return boxes;
}

/** Checks what must hold for every layout: finite, inside the view, readable. */
function expectSound(l: SankeyLayout): void {
  expect(numbersIn(l).every(Number.isFinite)).toBe(true);
  for (const n of l.nodes) {
    expect(n.x0).toBeGreaterThanOrEqual(0);
    expect(n.x1).toBeLessThanOrEqual(l.width);
    expect(n.y0).toBeGreaterThanOrEqual(0);
    expect(n.y1).toBeLessThanOrEqual(l.height);
    expect(n.y1 - n.y0).toBeGreaterThanOrEqual(GEOMETRY.minNode - 1e-9);
  }
  for (const q of l.queues) expect(q.y1).toBeLessThanOrEqual(l.height);
  for (const k of l.links) expect(k.width).toBeGreaterThanOrEqual(GEOMETRY.minLink);
  const boxes = labelBoxes(l);
  for (const b of boxes) {
    expect(b.x0).toBeGreaterThanOrEqual(0);
    expect(b.x1).toBeLessThanOrEqual(l.width);
    expect(b.y0).toBeGreaterThanOrEqual(0);
  }
  const clash = boxes.flatMap((a, i) =>
    boxes
      .slice(i + 1)
      .filter((b) => a.owner !== b.owner && overlaps(a, b))
      .map((b) => [a.owner, b.owner]),
  );
  expect(clash).toEqual([]);
  // Nodes of one column never overlap.
  const columns = new Map<number, { y0: number; y1: number }[]>();
  for (const n of l.nodes) {
    const q = l.queues.find((x) => `stage:${x.stage}` === n.key);
    columns.set(n.column, [...(columns.get(n.column) ?? []), { y0: n.y0, y1: q?.y1 ?? n.y1 }]);
  }
  for (const col of columns.values()) {
    const sorted = [...col].sort((a, b) => a.y0 - b.y0);
    sorted
      .slice(1)
      .forEach((n, i) => expect(n.y0).toBeGreaterThan((sorted[i] as { y1: number }).y1));
  }
}

/** The end point (x, y) of a band's path. */
function end(d: string): [number, number] {
  const xs = d
    .split(/[^-\d.e]+/)
    .filter(Boolean)
    .map(Number);
  return [xs.at(-2) as number, xs.at(-1) as number];
}

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
});

describe('Sankey layout: odd funnels', () => {
  it('shows stages with zero flow as small nodes with dashed structural bands', () => {
    const m = model([
      { id: 'a', arrivals: '100', conversion: '50%', next: 'b' },
      { id: 'idle', next: 'b' },
      { id: 'b' },
    ]);
    const l = layoutOf(m);
    const idle = node(l, 'idle');
    expect(idle.empty).toBe(true);
    expect(idle.numbers.inflow).toBe(0);
    expect(link(l, 'flow:idle')).toMatchObject({ empty: true, width: GEOMETRY.minLink, value: 0 });
    expect(node(l, 'a').empty).toBe(false);
    expectSound(l);
  });

  it('lays out a funnel where nothing flows at all', () => {
    const m = model([{ id: 'a', next: 'b' }, { id: 'b', next: 'c' }, { id: 'c' }]);
    const l = layoutOf(m);
    expect(stageNodes(l).every((n) => n.empty && n.y1 - n.y0 === GEOMETRY.minNode)).toBe(true);
    expect(lostNodes(l)).toEqual([]);
    expectSound(l);
  });

  it('keeps a 1-item flow visible beside a 1,000-item flow', () => {
    const m = model([
      { id: 'emails', arrivals: '1000', conversion: '0.1%', next: 'deal' },
      { id: 'deal' },
    ]);
    const l = layoutOf(m);
    expect(link(l, 'flow:emails').value).toBeCloseTo(1, 9);
    expect(link(l, 'flow:emails').width).toBeGreaterThanOrEqual(1);
    expect(link(l, 'lost:emails').width).toBeGreaterThan(100);
    expectSound(l);
  });

  it('puts a channel that joins late right before the stage it merges into', () => {
    const m = model([
      { id: 'a', arrivals: '100', next: 'b' },
      { id: 'b', next: 'c' },
      { id: 'c', next: 'd' },
      { id: 'inbound', arrivals: '20', next: 'd' },
      { id: 'd' },
    ]);
    const l = layoutOf(m);
    expect(node(l, 'inbound').column).toBe(node(l, 'c').column);
    expect(node(l, 'd').column).toBe(3);
    expectSound(l);
  });

  it('names a tie on every tied stage', () => {
    const m = model([
      { id: 'a', arrivals: '100', next: 'b' },
      { id: 'b', capacity: '50', next: 'c' },
      { id: 'c', capacity: '50' },
    ]);
    const a = analyzeModel(m);
    expect(a.constraint.kind).toBe('tie');
    const l = layoutOf(m, a);
    expect(
      stageNodes(l)
        .filter((n) => n.constraint)
        .map((n) => n.id),
    ).toEqual(['b', 'c']);
    expect(node(l, 'c').label.badge?.text).toBe('Constraint (tie)');
  });

  it('draws the queue strongly when the analysis is blocked (no constraint known)', () => {
    const m = restoreModel(structuredClone(seedExample));
    const l = layoutOf(m, { ...analyzeModel(m), constraint: null as never });
    expect(stageNodes(l).some((n) => n.constraint)).toBe(false);
    expect(l.queues[0]).toMatchObject({ stage: 'worked', constraint: true });
  });

  it('survives stages without a flow yet, a cycle and a dangling next', () => {
    const stages = [
      { id: 'a' as StageId, name: 'A', next: 'b' as StageId },
      { id: 'b' as StageId, name: 'B', next: 'a' as StageId },
      { id: 'c' as StageId, name: 'C', next: 'gone' as StageId },
    ];
    const l = layoutSankey({ stages, flow: null, constraint: null, period: 'week', ...VIEW });
    expect(stageNodes(l).map((n) => n.id)).toEqual(['a', 'b', 'c']);
    expect(l.links).toEqual([]);
    expectSound(l);
  });

  it('is empty without stages', () => {
    const l = layoutSankey({ stages: [], flow: null, constraint: null, period: 'week', ...VIEW });
    expect(l).toMatchObject({ nodes: [], links: [], queues: [], columns: 0, ...VIEW });
  });
});

describe('Sankey layout: random funnels (seeded fuzz)', () => {
  // Flows straight from the analysis core (no formula engine) so many funnels run fast.
  const stageArb = fc.record({
    arrivals: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000_000 })),
    conversion: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
    capacity: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 5_000 })),
    name: fc.string({ minLength: 1, maxLength: 40 }),
    jump: fc.integer({ min: 0, max: 4 }),
  });

  it('is sound for any forest of stages', () => {
    fc.assert(
      fc.property(fc.array(stageArb, { minLength: 1, maxLength: 16 }), (rows) => {
        const stages: StageInputs[] = rows.map((r, i) => ({
          ...r,
          id: `s${i}` as StageId,
          next: r.jump > 0 && i + r.jump < rows.length ? (`s${i + r.jump}` as StageId) : null,
          lag: 0,
          cost_per_period: 0,
          cost_per_item: 0,
          value: 0,
          variable_cost: 0,
        }));
        const funnel = { stages, order: flowOrder(stages) };
        const flow = steadyState(funnel);
        const l = layoutSankey({
          stages,
          flow,
          constraint: findConstraint(funnel, flow),
          period: 'month',
          ...VIEW,
        });
        expect(stageNodes(l)).toHaveLength(stages.length);
        expectSound(l);
      }),
      { seed: 20240611, numRuns: 300 },
    );
  });
});
