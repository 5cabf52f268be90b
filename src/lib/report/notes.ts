import type { Constraint } from '../analysis/constraint';
import { near, piles } from '../analysis/ties';
import type { StageId } from '../model/types';
import { formatCount, formatLoad, formatRate } from './format';
import { s, t, type Part } from './parts';
import { whyNothing } from './stage-facts';
import { flowAt, type Wording } from './wording';

/*
 * The sentences every kind of constraint ends with: overproduction, stages
 * near capacity, the referred leads of pull, the market's share left.
 */

/**
 * Stages that pile up but bind nothing (the analysis's `overproduction`),
 * with why more capacity there adds nothing. Those held up by a full stage
 * downstream are overproduction that subordinating removes; the others
 * (nothing they pass on is won) are said to pile up for nothing.
 */
export function overproductionLines(w: Wording, c: Constraint): Part[][] {
  const mine: readonly StageId[] = c.stages;
  const piling = c.overproduction.filter((id) => {
    const f = flowAt(w, id);
    return f !== undefined && piles(f) && !mine.includes(id);
  });
  const blocked = piling.filter((id) => whyNothing(w, id).blockedBy !== null);
  const lines: Part[][] = [];
  if (blocked.length > 0) {
    const parts: Part[] = [t('Also piling up: ')];
    blocked.forEach((id, i) => {
      if (i > 0) parts.push(t(', '));
      const f = flowAt(w, id);
      parts.push(
        s(w.name(id)),
        t(` (${formatCount(f?.pileup ?? 0)}${w.per}: ${whyNothing(w, id).text})`),
      );
    });
    parts.push(t(' — overproduction: more capacity there adds nothing; subordinate it.'));
    lines.push(parts);
  }
  for (const id of piling.filter((x) => !blocked.includes(x))) {
    const f = flowAt(w, id);
    lines.push([
      s(w.name(id)),
      t(' piles up '),
      s(`${formatCount(f?.pileup ?? 0)}${w.per}`),
      t(
        ` (load ${formatLoad(f?.load ?? null)}), yet more capacity there adds nothing: ${whyNothing(w, id).text}.`,
      ),
    ]);
  }
  return lines;
}

/** Stages above 85 % load that still have room (those over it are told elsewhere). */
export function nearCapacityLine(w: Wording, c: Constraint): Part[][] {
  const near85 = c.nearCapacity.filter((id) => {
    const load = flowAt(w, id)?.load ?? null;
    return load !== null && load < 1 && !near(load, 1);
  });
  if (near85.length === 0) return [];
  const parts: Part[] = [t('Near capacity: ')];
  near85.forEach((id, i) => {
    if (i > 0) parts.push(t(', '));
    parts.push(s(w.name(id)), t(` (load ${formatLoad(flowAt(w, id)?.load ?? null)})`));
  });
  parts.push(t(' — above 85 % load, queues build with ordinary variability.'));
  return [parts];
}

/** In pull with a steady state: how many referred leads enter, and where. */
export function pullLine(w: Wording): Part[][] {
  const { analysis: a } = w;
  const entry = a.inputs.loop.entry;
  if (a.mode !== 'pull' || a.compounds !== null || a.referred <= 0 || entry === null) return [];
  return [
    [
      t('Pull: '),
      s(`${formatCount(a.referred)} referred leads${w.per}`),
      t(' enter '),
      s(w.name(entry)),
      t(' and count in these flows.'),
    ],
  ];
}

/** The market's share left at the start, when the market is partly or wholly full. */
export function marketShareLine(w: Wording): Part[][] {
  const share = w.analysis.marketShare;
  if (!(share < 1)) return [];
  if (share <= 0)
    return [
      [t('The market is '), s('full'), t(' at the start: no new customers, so nothing flows.')],
    ];
  return [
    [
      t('The market is '),
      s(`${formatRate(1 - share)} full`),
      t(` at the start: arrivals and referrals run at ${formatRate(share)} of their cells.`),
    ],
  ];
}
