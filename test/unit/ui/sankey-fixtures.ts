import { expect } from 'vitest';
import type { Analysis } from '../../../src/lib/analysis/analyze';
import type { Model } from '../../../src/lib/model/types';
import { GEOMETRY } from '../../../src/lib/ui/sankey/geometry';
import { layoutSankey } from '../../../src/lib/ui/sankey/layout';
import type { LostNode, SankeyLayout, StageNode } from '../../../src/lib/ui/sankey/shapes';
import { FONT, lineBox, overlaps, type Box } from '../../../src/lib/ui/sankey/text';
import { analyzeModel, model } from '../helpers';

/* Layouts and checks shared by the Sankey layout tests. */

/** The drawing area the tests lay out into, px. */
export const VIEW = { width: 900, height: 420 };

/** Lays out a model's Sankey from its analysis (analysed here unless given). */
export function layoutOf(m: Model, a: Analysis = analyzeModel(m), view = VIEW): SankeyLayout {
  return layoutSankey({
    stages: m.stages,
    flow: a.flow,
    constraint: a.constraint,
    period: m.period,
    ...view,
  });
}
/** The stage nodes of a layout, in drawing order. */
export const stageNodes = (l: SankeyLayout) =>
  l.nodes.filter((n): n is StageNode => n.kind === 'stage');
/** The lost sinks of a layout. */
export const lostNodes = (l: SankeyLayout) =>
  l.nodes.filter((n): n is LostNode => n.kind === 'lost');
/** The node of stage `id`. @throws Error when there is none */
export const node = (l: SankeyLayout, id: string) => {
  const n = stageNodes(l).find((s) => s.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
};
/** The band with key `key`. @throws Error when there is none */
export const link = (l: SankeyLayout, key: string) => {
  const k = l.links.find((x) => x.key === key);
  if (!k) throw new Error(`no link ${key}`);
  return k;
};

/** A chain of `n` stages: 5,000 arrivals, conversions 92 % (60 % every fifth), two capacities. */
export function chain(n: number): Model {
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
export function expectSound(l: SankeyLayout): void {
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
export function end(d: string): [number, number] {
  const xs = d
    .split(/[^-\d.e]+/)
    .filter(Boolean)
    .map(Number);
  return [xs.at(-2) as number, xs.at(-1) as number];
}
