import type { StageFlow } from '../analysis/steady';
import { near, piles } from '../analysis/ties';
import { downstreamOf } from '../model/graph';
import type { StageId } from '../model/types';
import { formatCount, formatLoad } from './format';
import { s, t, type Part } from './parts';
import { flowAt, type Wording } from './wording';

/*
 * Sentences about one stage: its load, and why its pileup buys nothing.
 * Each is computed from the steady state it describes.
 */

/** True when the stage processes all it can: items arrive and it runs at (or over) its capacity. */
export const runsFull = (f: StageFlow): boolean =>
  f.load !== null && f.inflow > 0 && (f.load >= 1 || near(f.load, 1));

/**
 * The load sentence: "Load 120%: 1,800 arrive/mo, it can process 1,500;
 * 300/mo pile up.", or that it runs at exactly its capacity, or has room.
 */
export function loadLine(w: Wording, f: StageFlow): Part[] {
  const load = [t('Load '), s(formatLoad(f.load))];
  if (piles(f))
    return [
      ...load,
      t(`: ${formatCount(f.inflow)} arrive${w.per}, it can process ${formatCount(f.processed)}; `),
      s(`${formatCount(f.pileup)}${w.per}`),
      t(' pile up.'),
    ];
  if (runsFull(f))
    return [
      ...load,
      t(`: ${formatCount(f.inflow)} arrive${w.per}, exactly its capacity; nothing piles up.`),
    ];
  return [
    ...load,
    t(`: ${formatCount(f.inflow)} arrive${w.per}, it processes all of them; nothing piles up.`),
  ];
}

/** A stage's load sentence by id, prefixed with its name: "Ads: load 333%: …". */
export function namedLoadLine(w: Wording, id: StageId): Part[] {
  const f = flowAt(w, id);
  if (!f) return [];
  const [first, ...rest] = loadLine(w, f);
  return [s(w.name(id)), t(`: ${first?.text.toLowerCase() ?? ''}`), ...rest];
}

/** The first stage from `id` (itself included) to the end that converts 0 %: none of its items is ever won. */
export function zeroConversionFrom(w: Wording, id: StageId): StageId | null {
  const stages = w.analysis.inputs.stages;
  const path = [id, ...downstreamOf(stages, id)];
  return path.find((d) => stages.find((x) => x.id === d)?.conversion === 0) ?? null;
}

/** Why more capacity at a stage adds nothing: the words, and the full stage downstream that blocks it (if that is why). */
export interface Nothing {
  text: string;
  blockedBy: StageId | null;
}

/**
 * Why more capacity at a stage adds nothing, from the flow: a full stage
 * downstream takes no more ("Contact downstream runs full"), or none of its
 * items can be won ("none of it is won: Leads converts 0 %"); else only that
 * it adds no throughput (the analysis's verdict, e.g. no value on its path).
 */
export function whyNothing(w: Wording, id: StageId): Nothing {
  const stages = w.analysis.inputs.stages;
  const after = downstreamOf(stages, id);
  const blocker = after.find((d) => {
    const f = flowAt(w, d);
    return f !== undefined && runsFull(f);
  });
  if (blocker) return { text: `${w.name(blocker)} downstream runs full`, blockedBy: blocker };
  const zero = zeroConversionFrom(w, id);
  if (zero) return { text: `none of it is won: ${w.name(zero)} converts 0 %`, blockedBy: null };
  return { text: 'what it passes on adds no throughput', blockedBy: null };
}
