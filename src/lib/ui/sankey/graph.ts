import type { SankeyLink, SankeyNode } from 'd3-sankey';
import type { StageFlow } from '../../analysis/steady';
import type { StageId } from '../../model/types';
import { lostKey, stageKey, type NodeKey, type Placement } from './columns';
import type { StageNumbers } from './shapes';

/** A node handed to d3-sankey: a stage, or the lost sink of a stage. */
export interface Datum {
  /** `stage:<id>` or `lost:<id>`. */
  key: string;
  kind: 'stage' | 'lost';
  /** The stage (for a lost sink: the stage whose items it receives). */
  id: StageId;
  column: number;
  order: NodeKey;
  /** Items per period the node spans: a stage's inflow (its queue included), a sink's lost items. */
  fixedValue: number;
}

/** A link handed to d3-sankey; its `value` is items per period. */
export interface LinkDatum {
  /** `flow:<source id>` or `lost:<source id>`. */
  key: string;
  kind: 'flow' | 'lost';
  from: StageId;
  /** The next stage; null for a lost link. */
  to: StageId | null;
}

export type Node = SankeyNode<Datum, LinkDatum>;
export type Link = SankeyLink<Datum, LinkDatum>;

/** All zero: a stage the analysis has no numbers for yet. */
export const ZERO: StageNumbers = {
  inflow: 0,
  processed: 0,
  pileup: 0,
  out: 0,
  lost: 0,
  load: null,
};

/** The numbers of a stage's flow (all zero when the analysis has none for it). */
export function numbersOf(f: StageFlow | undefined): StageNumbers {
  if (!f) return ZERO;
  const { inflow, processed, pileup, out, lost, load } = f;
  return { inflow, processed, pileup, out, lost, load };
}

/** A count as drawn: negative or non-finite counts (bad cells) draw as nothing. */
export const drawn = (x: number) => (Number.isFinite(x) && x > 0 ? x : 0);

/**
 * The graph d3-sankey lays out: a node per stage (its value the inflow, so
 * the queue is on the flows' scale), a lost sink per stage that loses items,
 * a `flow` link per stage with a `next` (even an empty one: it shows the
 * structure) and a `lost` link per sink. Every node gets at least a sliver
 * of value, since d3-sankey divides by column sums.
 *
 * @param ids the stages in grid order
 * @param num a stage's steady-state numbers
 * @param losses false to leave out the lost sinks and their links
 */
export function buildGraph(
  ids: readonly StageId[],
  place: Placement,
  num: (id: StageId) => StageNumbers,
  losses = true,
): { nodes: Datum[]; links: (LinkDatum & { source: string; target: string; value: number })[] } {
  const column = (id: StageId) => place.column.get(id) ?? 0;
  const nodes: Datum[] = ids.map((id) => ({
    key: `stage:${id}`,
    kind: 'stage',
    id,
    column: column(id),
    order: stageKey(place, id),
    fixedValue: Math.max(drawn(num(id).inflow), drawn(num(id).processed)),
  }));
  const links = [];
  for (const id of ids) {
    const to = place.next.get(id) ?? null;
    if (to !== null) {
      const value = drawn(num(id).out);
      links.push({ key: `flow:${id}`, kind: 'flow' as const, from: id, to, value });
    }
    const lost = losses ? drawn(num(id).lost) : 0;
    if (lost > 0) {
      const key = `lost:${id}`;
      nodes.push({
        key,
        kind: 'lost',
        id,
        column: column(id) + 1,
        order: lostKey(place, id),
        fixedValue: lost,
      });
      links.push({ key, kind: 'lost' as const, from: id, to: null, value: lost });
    }
  }
  const largest = Math.max(0, ...nodes.map((d) => d.fixedValue));
  const floor = largest > 0 ? largest * 1e-9 : 1;
  for (const d of nodes) d.fixedValue = Math.max(d.fixedValue, floor);
  return {
    nodes,
    links: links.map((l) => ({
      ...l,
      source: `stage:${l.from}`,
      target: l.to === null ? l.key : `stage:${l.to}`,
    })),
  };
}
