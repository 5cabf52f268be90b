import { sankeyLinkHorizontal } from 'd3-sankey';
import type { StageId } from '../../model/types';
import { GEOMETRY } from './geometry';
import { drawn, type Datum, type Link, type LinkDatum, type Node } from './graph';
import type { Labels } from './labels';
import type {
  QueueShape,
  SankeyLayout,
  SankeyLinkShape,
  SankeyNodeShape,
  StageNode,
  StageNumbers,
} from './shapes';
import { FONT, lineBox, overlaps, truncate, type Box } from './text';
import type { DrawnConstraint } from './kept-inputs';

/** Heights of the laid-out nodes (px): a stage's bar (what it processes) and its queue. */
export interface Sizes {
  bar: Map<Node, number>;
  queue: Map<Node, number>;
}

/** What {@link shapesOf} needs besides the laid-out graph. */
export interface DrawContext {
  width: number;
  height: number;
  columns: number;
  /** px between columns (labels are cut to fit it). */
  step: number;
  constraint: DrawnConstraint | null;
  labels: Labels;
  names: ReadonlyMap<StageId, string>;
  num: (id: StageId) => StageNumbers;
  final: (id: StageId) => boolean;
}

/**
 * Turns the laid-out d3-sankey graph into the shapes the SVG draws. A band
 * into a stage with a queue ends at the queue's left edge and runs straight
 * on into the node, so the queue block sits over its end.
 */
export function shapesOf(
  graph: { nodes: Node[]; links: Link[] },
  sizes: Sizes,
  ctx: DrawContext,
): SankeyLayout {
  const { labels, num, names } = ctx;
  const constrained = new Set<StageId>(ctx.constraint?.stages ?? []);
  const overproduction = new Set<StageId>(ctx.constraint?.overproduction ?? []);
  const path = sankeyLinkHorizontal<Datum, LinkDatum>();
  const links: SankeyLinkShape[] = graph.links.map((l) => {
    const target = l.target as Node;
    const x0 = target.x0 ?? 0;
    const q = (sizes.queue.get(target) ?? 0) > 0 ? GEOMETRY.queueWidth : 0;
    const d = path({ ...l, target: { ...target, x0: x0 - q } }) ?? '';
    return {
      key: l.key,
      kind: l.kind,
      source: l.from,
      target: l.to,
      value: l.value,
      width: l.width ?? 0,
      d: tidy(q > 0 ? `${d}H${x0}` : d),
      empty: !(l.value > 0),
    };
  });
  // Labels are cut to their column; the last column's to the right edge.
  const room = (node: Node) =>
    node.column === ctx.columns - 1 ? ctx.width - GEOMETRY.margin - (node.x0 ?? 0) : ctx.step - 16;
  const stages: SankeyNodeShape[] = [];
  const sinks: SankeyNodeShape[] = [];
  const queued: [StageNode, number, boolean][] = [];
  for (const node of graph.nodes) {
    const { x0 = 0, x1 = 0, y0 = 0 } = node;
    const bar = sizes.bar.get(node) ?? 0;
    const name = names.get(node.id) ?? '';
    if (node.kind === 'lost') {
      sinks.push({
        kind: 'lost',
        key: node.key,
        stage: node.id,
        stageName: name,
        column: node.column,
        x0,
        x1,
        y0,
        y1: y0 + bar,
        lost: num(node.id).lost,
        label: { x: x0, line: { text: labels.lost(node.id), y: y0 - 5 } },
      });
      continue;
    }
    const f = num(node.id);
    const isConstraint = constrained.has(node.id);
    const stage: StageNode = {
      kind: 'stage',
      key: node.key,
      id: node.id,
      name,
      column: node.column,
      x0,
      x1,
      y0,
      y1: y0 + bar,
      numbers: f,
      constraint: isConstraint,
      empty: !(drawn(f.inflow) > 0 || drawn(f.processed) > 0),
      final: ctx.final(node.id),
      label: {
        x: x0,
        name: { text: truncate(name, room(node), FONT.name, true), y: y0 - 19 },
        numbers: { text: labels.numbers(node.id, room(node)), y: y0 - 6 },
        badge: isConstraint ? { text: labels.badge, y: y0 - 37, width: labels.badgeWidth } : null,
      },
    };
    stages.push(stage);
    const q = sizes.queue.get(node) ?? 0;
    if (q > 0) queued.push([stage, q, isConstraint || ctx.constraint === null]);
  }
  const taken = [...stages, ...sinks].flatMap(labelBoxes);
  const queues = queued.map(([stage, q, strong]) =>
    queueOf(stage, q, strong, overproduction.has(stage.id), labels, taken),
  );
  return {
    width: ctx.width,
    height: ctx.height,
    columns: ctx.columns,
    nodes: [...stages, ...sinks],
    links,
    queues,
  };
}

/** Path data with coordinates to 0.1 px (smaller exports, same picture). */
const tidy = (d: string) =>
  d.replace(/\d+\.\d{2,}/g, (x) => String(Math.round(Number(x) * 10) / 10));

/** The estimated boxes of a node's label lines. */
function labelBoxes(n: SankeyNodeShape): Box[] {
  if (n.kind === 'lost')
    return [lineBox(n.label.x, n.label.line.y, n.label.line.text, FONT.small, false, false)];
  const { x, name, numbers, badge } = n.label;
  const boxes = [
    lineBox(x, name.y, name.text, FONT.name, true, false),
    lineBox(x, numbers.y, numbers.text, FONT.small, false, false),
  ];
  if (badge) boxes.push({ x0: x, x1: x + badge.width, y0: badge.y - 11, y1: badge.y + 5 });
  return boxes;
}

/**
 * The queue block ahead of a stage (left of its node, below its bar) and its
 * two-line label: left of the block, as near its middle as other labels
 * allow, else under the block, else none. `taken` (label boxes placed so
 * far) gets the chosen label's boxes.
 */
function queueOf(
  stage: StageNode,
  height: number,
  strong: boolean,
  overproduction: boolean,
  labels: Labels,
  taken: Box[],
): QueueShape {
  const [x0, x1, y0, y1] = [stage.x0 - GEOMETRY.queueWidth, stage.x0, stage.y1, stage.y1 + height];
  const count = labels.pileup(stage.id);
  // Only a pileup that lifting gains nothing from is overproduction (a binding
  // stage beside the constraint, Cold list next to Inbound, just piles up).
  const caption = overproduction && !strong ? 'overproduction' : 'piling up';
  const boxesAt = (x: number, y: number) => [
    lineBox(x, y, count, FONT.name, true, true),
    lineBox(x, y + 13, caption, FONT.small, false, true),
  ];
  // Count baselines left of the block from its middle outwards (up along the
  // stage's bar too), then under the block, stepping down.
  const mid = (y0 + y1) / 2 - 2;
  const spots: [number, number][] = [[x0 - 6, mid]];
  for (let k = 7; mid - k >= stage.y0 + 10 || mid + k <= y1 - 16; k += 7) {
    if (mid + k <= y1 - 16) spots.push([x0 - 6, mid + k]);
    if (mid - k >= stage.y0 + 10) spots.push([x0 - 6, mid - k]);
  }
  for (let k = 0; k <= 42; k += 7) spots.push([x1, y1 + 13 + k]);
  const free = (spot: [number, number]) =>
    boxesAt(...spot).every((b) => b.x0 >= 0 && !taken.some((t) => overlaps(b, t)));
  // Crowded beyond all these spots: no label rather than text over text (the tooltip has it).
  const spot = spots.find(free);
  if (spot) taken.push(...boxesAt(...spot));
  return {
    key: `queue:${stage.id}`,
    stage: stage.id,
    x0,
    x1,
    y0,
    y1,
    pileup: stage.numbers.pileup,
    constraint: strong,
    label: spot
      ? {
          x: spot[0],
          count: { text: count, y: spot[1] },
          caption: { text: caption, y: spot[1] + 13 },
        }
      : null,
  };
}
