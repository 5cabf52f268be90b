import { sankey } from 'd3-sankey';
import type { Period, Stage, StageId } from '../../model/types';
import { compareKeys, placeStages } from './columns';
import { shapesOf, type Sizes } from './draw';
import { GEOMETRY } from './geometry';
import {
  buildGraph,
  drawn,
  numbersOf,
  ZERO,
  type Datum,
  type Link,
  type LinkDatum,
  type Node,
} from './graph';
import { LABEL_ROOM, labelsOf, type Labels } from './labels';
import type { SankeyLayout } from './shapes';
import type { DrawnConstraint, DrawnFlow } from './kept-inputs';

/** What the layout needs: the model's stages and their steady state. */
export interface SankeyInput {
  /** The model's stages in grid order (id, name, next). */
  stages: readonly Pick<Stage, 'id' | 'name' | 'next'>[];
  /** Their steady-state flow (matched by id); null before the first analysis (all zero). */
  flow: DrawnFlow | null;
  /** The constraint, or null when the analysis is blocked. */
  constraint: DrawnConstraint | null;
  /** The period flows are counted in (for label units). */
  period: Period;
  /** The visible area in px; the layout grows beyond it when it needs room. */
  width: number;
  height: number;
  /** Draw each stage's drop-off to a lost sink (default true); false leaves only what moves on. */
  losses?: boolean;
}

/** The frame of the drawing: where columns go and how tall it is. */
interface Frame {
  /** x of the first column. */
  left: number;
  /** px between columns. */
  step: number;
  width: number;
  height: number;
  /** Space between nodes of a column, as d3-sankey sees it. */
  padding: number;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const widthOf = (l: Link) => l.width ?? 0;

/**
 * Lays out the funnel as a Sankey diagram (d3-sankey, columns from
 * {@link placeStages}): a node per stage, a band per flow sized by items per
 * period (processed → out to `next`, processed − out to the stage's lost
 * sink), and each stage's pileup as a queue block ahead of (left of) its node
 * on the same scale (without losses, `input.losses` false: no lost sinks
 * or bands). Bands are at least 1 px wide; labels get room above
 * their node; the drawing grows beyond `width` × `height` (≥ 140 px per
 * column, more height for crowded columns) rather than overlap.
 *
 * @returns px geometry ready for SVG; empty lists when there are no stages
 */
export function layoutSankey(input: SankeyInput): SankeyLayout {
  const { stages } = input;
  if (stages.length === 0)
    return {
      width: input.width,
      height: input.height,
      columns: 0,
      nodes: [],
      links: [],
      queues: [],
    };
  const place = placeStages(stages);
  const byId = new Map(input.flow?.stages.map((f) => [f.id, f]));
  const numbers = new Map(stages.map((s) => [s.id, numbersOf(byId.get(s.id))]));
  const num = (id: StageId) => numbers.get(id) ?? ZERO;
  const names = new Map(stages.map((s) => [s.id, s.name]));
  const final = (id: StageId) => place.next.get(id) === null;
  const labels = labelsOf(input.period, input.constraint, num, final, names);
  const data = buildGraph(
    stages.map((s) => s.id),
    place,
    num,
    input.losses ?? true,
  );
  // Columns: the stages', and one more where a last stage has a lost sink.
  const count = Math.max(...data.nodes.map((d) => d.column)) + 1;
  const columns = Array.from({ length: count }, (_, c) => data.nodes.filter((d) => d.column === c));
  const queued = (id: StageId) => drawn(num(id).pileup) > 0;
  const frame = frameOf(
    input,
    columns,
    labels,
    stages.some((s) => place.column.get(s.id) === 0 && queued(s.id)),
  );

  const layout = sankey<Datum, LinkDatum>()
    .nodeId((d) => d.key)
    .nodeAlign((d) => d.column)
    .nodeSort((a, b) => compareKeys(a.order, b.order))
    .nodeWidth(GEOMETRY.nodeWidth)
    .nodePadding(frame.padding)
    .extent([
      [frame.left, GEOMETRY.margin + LABEL_ROOM.stage],
      [
        frame.left + Math.max(1, frame.step * (count - 1)) + GEOMETRY.nodeWidth,
        frame.height - GEOMETRY.margin,
      ],
    ]);
  const graph = layout(data);
  const sizes = sizeNodes(graph.nodes, graph.links, num, queued);
  let bottom = frame.height - GEOMETRY.margin;
  for (let c = 0; c < count; c++) {
    const column = graph.nodes
      .filter((d) => d.column === c)
      .sort((a, b) => compareKeys(a.order, b.order));
    settle(column, sizes, labels.above, frame.height - GEOMETRY.margin);
    bottom = Math.max(bottom, ...column.map((d) => d.y1 ?? 0));
  }
  for (const node of graph.nodes) {
    node.x0 = frame.left + node.column * frame.step;
    node.x1 = node.x0 + (node.kind === 'lost' ? GEOMETRY.lostWidth : GEOMETRY.nodeWidth);
    // Bands stack in the order of the nodes at their other end, so they do not cross.
    node.sourceLinks?.sort((a, b) => ((a.target as Node).y0 ?? 0) - ((b.target as Node).y0 ?? 0));
    node.targetLinks?.sort((a, b) => ((a.source as Node).y0 ?? 0) - ((b.source as Node).y0 ?? 0));
  }
  layout.update(graph);
  const height = Math.max(frame.height, bottom + GEOMETRY.margin);
  return shapesOf(graph, sizes, {
    width: frame.width,
    height,
    columns: count,
    step: frame.step,
    constraint: input.constraint,
    labels,
    names,
    num,
    final,
  });
}

/**
 * The frame: the columns at least {@link GEOMETRY.column} apart (wider to
 * fill `input.width`), room on the left for a queue in the first column and
 * on the right for the last column's labels; tall enough for the busiest
 * column's labels plus {@link GEOMETRY.flowRoom} for the bands.
 */
function frameOf(
  input: SankeyInput,
  columns: Datum[][],
  labels: Labels,
  queueFirst: boolean,
): Frame {
  const G = GEOMETRY;
  const n = columns.length;
  const room = (c: Datum[]) => sum(c.map((d) => labels.above(d) + G.gap));
  const padding = Math.max(...columns.map((c) => room(c) / c.length));
  const height = Math.max(
    input.height,
    Math.max(...columns.map((c) => c.length * padding)) + G.flowRoom + 2 * G.margin,
  );
  const left = G.margin + (queueFirst ? G.queueWidth + G.queueLabel : 0);
  const last = Math.max(
    0,
    ...(columns[n - 1] ?? []).map((d) => Math.min(labels.width(d), G.column - 16)),
  );
  const right = Math.max(G.margin, last - G.nodeWidth + G.margin);
  const step = n > 1 ? Math.max(G.column, (input.width - left - right - G.nodeWidth) / (n - 1)) : 0;
  const width = Math.max(n > 1 ? 0 : input.width, left + (n - 1) * step + G.nodeWidth + right);
  return { left, step, width, height, padding };
}

/**
 * Band widths and node heights from the true values on d3-sankey's scale,
 * with the minimums applied: a band is at least 1 px, a stage's bar at least
 * holds its outgoing bands, its queue is its pileup, and the whole node at
 * least takes its incoming bands and arrivals.
 */
function sizeNodes(
  nodes: Node[],
  links: Link[],
  num: (id: StageId) => { inflow: number; processed: number; pileup: number },
  queued: (id: StageId) => boolean,
): Sizes {
  const G = GEOMETRY;
  const largest = nodes.reduce((a, b) => ((b.value ?? 0) > (a.value ?? 0) ? b : a));
  const real = nodes.some((d) => d.kind === 'lost' || drawn(num(d.id).inflow) > 0);
  const ky = real ? ((largest.y1 ?? 0) - (largest.y0 ?? 0)) / (largest.value ?? 1) : 0;
  for (const l of links) l.width = Math.max(G.minLink, l.value * ky);
  const bar = new Map<Node, number>();
  const queue = new Map<Node, number>();
  for (const node of nodes) {
    const ins = sum((node.targetLinks ?? []).map(widthOf));
    if (node.kind === 'lost') {
      bar.set(node, Math.max(ins, G.minNode));
      continue;
    }
    const f = num(node.id);
    const outs = sum((node.sourceLinks ?? []).map(widthOf));
    const fed = sum((node.targetLinks ?? []).map((l) => l.value));
    const arrivals = Math.max(0, drawn(f.inflow) - fed) * ky;
    const q = queued(node.id) ? Math.max(G.minLink, drawn(f.pileup) * ky) : 0;
    const total = Math.max(Math.max(drawn(f.processed) * ky, outs, G.minNode) + q, ins + arrivals);
    queue.set(node, q);
    bar.set(node, total - q);
  }
  return { bar, queue };
}

/**
 * Moves a column's nodes (top to bottom, in their order) so each has
 * `above(node)` px free above it for its label and none overlaps the next;
 * nodes past `bottom` go back up while there is room, otherwise the drawing
 * grows. Heights become bar + queue.
 */
function settle(column: Node[], sizes: Sizes, above: (d: Datum) => number, bottom: number): void {
  const { gap, margin } = GEOMETRY;
  const span = (n: Node) => (sizes.bar.get(n) ?? 0) + (sizes.queue.get(n) ?? 0);
  const move = (n: Node, y0: number) => {
    n.y0 = y0;
    n.y1 = y0 + span(n);
  };
  const down = () => {
    let cursor = margin;
    for (const n of column) {
      move(n, Math.max(n.y0 ?? 0, cursor + above(n)));
      cursor = (n.y1 ?? 0) + gap;
    }
  };
  down();
  let limit = bottom;
  for (const n of [...column].reverse()) {
    move(n, Math.min(n.y0 ?? 0, limit - span(n)));
    limit = (n.y0 ?? 0) - above(n) - gap;
  }
  down();
}
