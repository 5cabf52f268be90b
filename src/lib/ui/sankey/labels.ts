import type { Period, StageId } from '../../model/types';
import { formatCount, perPeriodShort } from '../format';
import type { Datum } from './graph';
import type { StageNumbers } from './shapes';
import { FONT, textWidth } from './text';
import type { DrawnConstraint } from './kept-inputs';

/** Vertical room (px) above a node that its label takes. */
export const LABEL_ROOM = {
  /** A stage: its name and numbers. */
  stage: 34,
  /** Extra above the constraint: the "Constraint" badge. */
  badge: 20,
  /** A lost sink: one line. */
  lost: 17,
} as const;

/** The texts of the Sankey's labels and the room they take. */
export interface Labels {
  /**
   * A stage's numbers line: processed per period, and out for a final stage
   * that loses items when that fits in `room` px.
   */
  numbers(id: StageId, room?: number): string;
  /** A lost sink's line: "180/wk lost". */
  lost(id: StageId): string;
  /** A queue's count: "1,800/wk". */
  pileup(id: StageId): string;
  /** The badge over the constraint ("Constraint", or "Constraint (tie)"). */
  badge: string;
  /** Width of the badge's pill, px. */
  badgeWidth: number;
  /** Room above a node for its label, px. */
  above(d: Datum): number;
  /** Estimated width of a node's label, px (before truncation). */
  width(d: Datum): number;
}

/**
 * The labels of a layout.
 *
 * @param num a stage's steady-state numbers
 * @param final whether a stage ends the funnel
 * @param names stage names by id
 */
export function labelsOf(
  period: Period,
  constraint: DrawnConstraint | null,
  num: (id: StageId) => StageNumbers,
  final: (id: StageId) => boolean,
  names: ReadonlyMap<StageId, string>,
): Labels {
  const short = perPeriodShort(period);
  const constrained = new Set<StageId>(constraint?.stages ?? []);
  const numbers = (id: StageId, room = Infinity) => {
    const n = num(id);
    const processed = `${formatCount(n.processed)}${short}`;
    const full =
      final(id) && n.out < n.processed ? `${processed} · ${formatCount(n.out)} out` : processed;
    return textWidth(full, FONT.small) <= room ? full : processed;
  };
  const lost = (id: StageId) => `${formatCount(num(id).lost)}${short} lost`;
  const badge = constraint?.kind === 'tie' ? 'Constraint (tie)' : 'Constraint';
  const badgeWidth = textWidth(badge, FONT.badge, true) + 14;
  return {
    numbers,
    lost,
    pileup: (id) => `${formatCount(num(id).pileup)}${short}`,
    badge,
    badgeWidth,
    above: (d) =>
      d.kind === 'lost'
        ? LABEL_ROOM.lost
        : LABEL_ROOM.stage + (constrained.has(d.id) ? LABEL_ROOM.badge : 0),
    width: (d) =>
      d.kind === 'lost'
        ? textWidth(lost(d.id), FONT.small)
        : Math.max(
            textWidth(names.get(d.id) ?? '', FONT.name, true),
            textWidth(numbers(d.id), FONT.small),
            constrained.has(d.id) ? badgeWidth : 0,
          ),
  };
}
