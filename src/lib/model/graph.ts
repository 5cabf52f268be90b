import type { Stage, StageId } from './types';

/** What the graph functions need of a stage: its id and where it feeds. */
export type Linked = Pick<Stage, 'id' | 'next'>;

/**
 * The stages in flow order: every stage after all stages that feed it, and
 * otherwise in grid order (a stable topological sort, Kahn's algorithm).
 * Stages caught in a `next` cycle are left out; {@link findCycle} names them.
 *
 * @param stages the model's stages, in grid order
 * @returns indexes into `stages`, in flow order
 */
export function flowOrder(stages: readonly Linked[]): number[] {
  const index = new Map(stages.map((s, i) => [s.id, i]));
  const feeders = new Array<number>(stages.length).fill(0);
  for (const s of stages) {
    const j = s.next === null ? undefined : index.get(s.next);
    if (j !== undefined) feeders[j] = (feeders[j] ?? 0) + 1;
  }
  const ready: number[] = [];
  feeders.forEach((n, i) => {
    if (n === 0) ready.push(i);
  });
  const order: number[] = [];
  // `ready` is kept sorted by grid index so the order is stable.
  while (ready.length > 0) {
    const i = ready.shift() as number;
    order.push(i);
    const next = stages[i]?.next;
    const j = next === null || next === undefined ? undefined : index.get(next);
    if (j === undefined) continue;
    feeders[j] = (feeders[j] ?? 0) - 1;
    if (feeders[j] === 0) {
      const at = ready.findIndex((k) => k > j);
      ready.splice(at === -1 ? ready.length : at, 0, j);
    }
  }
  return order;
}

/**
 * Finds a cycle along `next` links.
 *
 * @returns the ids on the first cycle found, in flow order, or `null` when there is none
 */
export function findCycle(stages: readonly Linked[]): StageId[] | null {
  const next = new Map(stages.map((s) => [s.id, s.next]));
  const done = new Set<StageId>();
  for (const start of stages) {
    const path: StageId[] = [];
    const onPath = new Set<StageId>();
    let at: StageId | null | undefined = start.id;
    while (at !== null && at !== undefined && !done.has(at)) {
      if (onPath.has(at)) return path.slice(path.indexOf(at));
      onPath.add(at);
      path.push(at);
      at = next.get(at);
    }
    for (const id of path) done.add(id);
  }
  return null;
}

/**
 * Which stages feed each stage (channels merging).
 *
 * @returns for every stage id, the ids of the stages whose `next` is it, in grid order
 */
export function feedersOf(stages: readonly Linked[]): Map<StageId, StageId[]> {
  const feeders = new Map<StageId, StageId[]>(stages.map((s) => [s.id, []]));
  for (const s of stages) {
    if (s.next !== null) feeders.get(s.next)?.push(s.id);
  }
  return feeders;
}

/**
 * The stages downstream of a stage, following `next` to the end of the funnel.
 *
 * @returns ids after `id` (not including it), nearest first; stops at a cycle
 */
export function downstreamOf(stages: readonly Linked[], id: StageId): StageId[] {
  const next = new Map(stages.map((s) => [s.id, s.next]));
  const seen = new Set<StageId>([id]);
  const out: StageId[] = [];
  let at = next.get(id) ?? null;
  while (at !== null && !seen.has(at) && next.has(at)) {
    out.push(at);
    seen.add(at);
    at = next.get(at) ?? null;
  }
  return out;
}

/**
 * The stages upstream of a stage: every stage whose flow reaches it.
 *
 * @returns the set of ids that reach `id` along `next` links (not including `id`)
 */
export function upstreamOf(stages: readonly Linked[], id: StageId): Set<StageId> {
  const feeders = feedersOf(stages);
  const seen = new Set<StageId>();
  const stack = [...(feeders.get(id) ?? [])];
  while (stack.length > 0) {
    const at = stack.pop() as StageId;
    if (seen.has(at) || at === id) continue;
    seen.add(at);
    stack.push(...(feeders.get(at) ?? []));
  }
  return seen;
}
