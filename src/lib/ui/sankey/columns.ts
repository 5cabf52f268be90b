import { flowOrder, type Linked } from '../../model/graph';
import type { StageId } from '../../model/types';

/**
 * Where each stage sits in the Sankey: its column and its place in that
 * column. Its "lost" sink sits in the next column (right after the stage).
 */
export interface Placement {
  /** Column of every stage (0 = leftmost). */
  column: Map<StageId, number>;
  /** The stage each stage feeds, with `next` links that are dangling or on a cycle removed. */
  next: Map<StageId, StageId | null>;
  /**
   * Rank of every stage among the stages of its column, top first: stages
   * are ordered like the stages they feed, so merging channels do not cross.
   */
  rank: Map<StageId, number>;
}

/**
 * Places the stages in columns.
 *
 * A final stage sits at its depth (the longest path from a source to it);
 * every other stage sits one column before the stage it feeds. A channel
 * that joins late therefore sits right before the stage it merges into, not
 * in the first column with a long link (d3-sankey's "justify", but with the
 * lost sinks kept next to their stage instead of pushed to the right edge).
 * `next` links to missing stages or on a cycle are dropped, so the graph is
 * always a forest and d3-sankey never sees a circular link.
 *
 * @param stages the model's stages in grid order
 */
export function placeStages(stages: readonly Linked[]): Placement {
  const ids = new Set(stages.map((s) => s.id));
  const order = flowOrder(stages);
  const inOrder = new Set(order.map((i) => stages[i]?.id));
  const next = new Map<StageId, StageId | null>();
  for (const s of stages) {
    const ok = s.next !== null && ids.has(s.next) && inOrder.has(s.id);
    next.set(s.id, ok ? s.next : null);
  }
  // Stages left out of the flow order sit on a cycle: their links were cut, so they go last.
  const flow = [...order, ...[...stages.keys()].filter((i) => !inOrder.has(stages[i]?.id))];
  const depth = new Map<StageId, number>(stages.map((s) => [s.id, 0]));
  for (const i of flow) {
    const s = stages[i] as Linked;
    const to = next.get(s.id);
    if (to) depth.set(to, Math.max(depth.get(to) ?? 0, (depth.get(s.id) ?? 0) + 1));
  }
  const column = new Map<StageId, number>();
  for (const i of [...flow].reverse()) {
    const s = stages[i] as Linked;
    const to = next.get(s.id);
    column.set(s.id, to ? (column.get(to) ?? 0) - 1 : (depth.get(s.id) ?? 0));
  }
  const grid = new Map(stages.map((s, i) => [s.id, i]));
  const rank = new Map<StageId, number>();
  const last = Math.max(0, ...column.values());
  for (let c = last; c >= 0; c--) {
    const key = (id: StageId) => {
      const to = next.get(id);
      return to ? (rank.get(to) ?? 0) : Infinity;
    };
    stages
      .map((s) => s.id)
      .filter((id) => column.get(id) === c)
      .sort((a, b) => key(a) - key(b) || (grid.get(a) ?? 0) - (grid.get(b) ?? 0))
      .forEach((id, r) => rank.set(id, r));
  }
  return { column, next, rank };
}

/**
 * Sort key of a node within its column: stages by rank; each lost sink right
 * after the stage its own stage feeds (losses hang below the main flow).
 * Compare with {@link compareKeys}.
 */
export type NodeKey = readonly [number, number, number];

/** The key of a stage node. */
export const stageKey = (p: Placement, id: StageId): NodeKey => [p.rank.get(id) ?? 0, 0, 0];

/** The key of the lost sink of stage `id`. */
export function lostKey(p: Placement, id: StageId): NodeKey {
  const to = p.next.get(id);
  return [to ? (p.rank.get(to) ?? 0) : Infinity, 1, p.rank.get(id) ?? 0];
}

/** Lexicographic order of node keys. */
export function compareKeys(a: NodeKey, b: NodeKey): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
