import type { Analysis } from '../../analysis/analyze';
import type { Period, StageId } from '../../model/types';
import { formatCount, perPeriodShort } from '../format';
import type { SankeyLayout, StageNode } from './shapes';

/*
 * The referral loop (pull) on the Sankey: a return arc from the end of the
 * funnel back to the stage referred leads enter. d3-sankey lays out acyclic
 * graphs only, so the arc is drawn here, in a lane below the diagram.
 */

/** The loop as the Sankey shows it (pull only). */
export interface SankeyLoop {
  /** The stage referred leads enter. */
  entry: StageId;
  /** Referred leads per period in the steady state. */
  referred: number;
  /** True when pull has no steady state: the loop compounds, referred leads keep growing. */
  compounds: boolean;
}

/** The arc's geometry, in the Sankey's px. */
export interface LoopArcShape {
  entry: StageId;
  /** Path from the final stage's node down into the lane, left, and up into the entry node. */
  d: string;
  /** Stroke width: referred leads on the bands' scale, 1.5–10 px. */
  width: number;
  /** Arrowhead at the entry node, as SVG polygon points. */
  arrow: string;
  /** The label, centred on the lane. */
  label: { x: number; y: number; text: string };
  /** How much taller the drawing gets for the lane. */
  extra: number;
}

/** Height of the lane under the diagram. */
export const LOOP_LANE = 42;
const MIN_WIDTH = 1.5;
/** The arc leaves and enters node bottoms, 12 px wide: it stays thinner than that. */
const MAX_WIDTH = 10;
const MAX_SAME = 4;

/** px per item per period: a band's width over its value (0 when no band carries items). */
function scaleOf(layout: SankeyLayout): number {
  const band = layout.links.find((l) => l.value > 0 && l.width > 1.01);
  return band ? band.width / band.value : 0;
}

/**
 * Lays out the loop's return arc: from the bottom of the final stage that
 * wins the most (the end of the funnel) down into a lane under the
 * diagram, back left, and up into the bottom of the entry stage, with an
 * arrowhead and a label of the referred leads per period.
 *
 * @returns null when the entry stage or a final stage is not drawn
 */
export function loopArc(
  layout: SankeyLayout,
  loop: SankeyLoop,
  period: Period,
): LoopArcShape | null {
  const stages = layout.nodes.filter((n): n is StageNode => n.kind === 'stage');
  const entry = stages.find((s) => s.id === loop.entry);
  const finals = stages.filter((s) => s.final);
  if (!entry || finals.length === 0) return null;
  const end = finals.reduce((a, b) => (b.numbers.out > a.numbers.out ? b : a));
  // Within the node bottoms it leaves and enters (narrower still when they are one node).
  const most = end === entry ? MAX_SAME : MAX_WIDTH;
  const width = Math.max(MIN_WIDTH, Math.min(most, loop.referred * scaleOf(layout)));
  const lane = layout.height + LOOP_LANE / 2;
  const from = { x: end.x1 - width / 2 - 1, y: end.y1 };
  const to = { x: entry.x0 + width / 2 + 1, y: entry.y1 + 7 };
  // Leftwards back to an earlier stage (the usual case), rightwards to a later one.
  const dir = from.x >= to.x ? -1 : 1;
  const r = Math.max(
    1,
    Math.min(14, Math.abs(from.x - to.x) / 2, (lane - Math.max(from.y, to.y)) / 2),
  );
  const d = [
    `M${from.x},${from.y}`,
    `V${lane - r}`,
    `Q${from.x},${lane} ${from.x + dir * r},${lane}`,
    `H${to.x - dir * r}`,
    `Q${to.x},${lane} ${to.x},${lane - r}`,
    `V${to.y}`,
  ].join(' ');
  const head = Math.max(5, width / 2 + 3);
  const arrow = `${to.x - head},${to.y} ${to.x + head},${to.y} ${to.x},${entry.y1 + 1}`;
  const text = loop.compounds
    ? `loop: referred leads keep growing (K ≥ 1) → ${entry.name}`
    : `loop: ${formatCount(loop.referred)} referred leads${perPeriodShort(period)} → ${entry.name}`;
  return {
    entry: entry.id,
    d,
    width,
    arrow,
    label: { x: (from.x + to.x) / 2, y: lane - width / 2 - 5, text },
    extra: LOOP_LANE,
  };
}

/** The loop to draw for an analysis: in pull with an entry stage, else none. */
export function sankeyLoopOf(analysis: Analysis | null): SankeyLoop | null {
  const entry = analysis?.inputs.loop.entry ?? null;
  if (!analysis || analysis.mode !== 'pull' || entry === null) return null;
  return { entry, referred: analysis.referred, compounds: analysis.compounds !== null };
}
