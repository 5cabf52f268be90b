import type { Limit } from '../../analysis/elevate';
import { near } from '../../analysis/ties';
import type { CellChange, Raise, WhatIf } from '../../analysis/trial';
import { STAGE_FIELD_LABELS } from '../../model/fields';
import { constraintNoun } from '../../report/constraint-facts';
import { formatCount, formatMoney, formatRate } from '../../report/format';
import { list, possessive, s, t, type Part } from '../../report/parts';
import { zeroConversionFrom } from '../../report/stage-facts';
import { gainParts, type Wording } from '../../report/wording';

/*
 * The words of the focusing-steps panel: changes, gains and limits as text,
 * and the action that applies a what-if. Names, the output noun and the
 * number formats are the report's (src/lib/report), as in the summary.
 */

/** A what-if the user can apply in one click (one undoable edit). */
export interface FocusAction {
  /** Button text: "Apply" plus what it writes ("Contact capacity → 1,601"). */
  label: string;
  changes: CellChange[];
}

/** A value of a stage field as shown: 5% · 1,500 · ∞. */
function shown(field: CellChange['field'], x: number, currency: string): string {
  if (field === 'conversion') return formatRate(x);
  if (field === 'capacity' && x === Infinity) return '∞';
  if (field === 'cost_per_period' || field === 'cost_per_item' || field === 'value')
    return formatMoney(x, currency);
  return formatCount(x);
}

/**
 * "Contact's capacity 1,500 → 1,650" for each change. A change too small
 * for the usual format (0.04 → 0.044) shows both numbers to 4 significant
 * digits, as its cell keeps them, rather than "0.04 → 0.04".
 */
export function changeText(w: Wording, changes: readonly CellChange[]): string {
  return list(
    changes.map((ch) => {
      const before = w.analysis.inputs.stages.find((x) => x.id === ch.stageId)?.[ch.field] ?? 0;
      const label = STAGE_FIELD_LABELS[ch.field].toLowerCase();
      let [from, to] = [before, ch.value].map((x) => shown(ch.field, x, w.model.currency));
      if (from === to && before !== ch.value)
        [from, to] = [before, ch.value].map((x) => String(+x.toPrecision(4)));
      return `${possessive(w.name(ch.stageId))} ${label} ${from} → ${to}`;
    }),
  );
}

/**
 * What a what-if's raises are called: `asked` ("+1 point", "+10 %") when
 * every cell written is what was asked; otherwise what they really are,
 * from the numbers written ("+10.07 %" for a capacity rounded up for its
 * cell, "+0.5 points, capped at 100 %").
 */
export function raiseName(raises: readonly Raise[], asked: string): string {
  const off = raises.filter((r) => !near(r.to, r.asked));
  if (off.length === 0) return asked;
  return list(
    off.map((r) => {
      if (r.field === 'capacity') return `+${formatCount(((r.to - r.from) / r.from) * 100)} %`;
      const points = formatCount((r.to - r.from) * 100);
      return `+${points} point${points === '1' ? '' : 's'}${r.capped ? ', capped at 100 %' : ''}`;
    }),
  );
}

/** "Apply: Contact capacity → 1,601". */
export function action(w: Wording, changes: readonly CellChange[]): FocusAction {
  const what = changes
    .map(
      (ch) =>
        `${w.name(ch.stageId)} ${STAGE_FIELD_LABELS[ch.field].toLowerCase()} → ${shown(ch.field, ch.value, w.model.currency)}`,
    )
    .join(', ');
  return { label: `Apply: ${what}`, changes: [...changes] };
}

/** What a what-if gains: "+0.25 Closed won/mo (+$3,000/mo)", or that the loop then compounds. */
export function gainText(w: Wording, what: WhatIf): Part[] {
  if (what.gain === null)
    return [s('the loop then compounds'), t(': only the market limits growth')];
  return gainParts(w, what.gain);
}

/** A limit in words: "Meeting", "a tie of A and B", "the market (demand)", "nothing but the market (the loop compounds)". */
export function limitText(w: Wording, limit: Limit): string {
  if (limit.kind === 'compounds') return 'nothing but the market (the loop compounds)';
  if (limit.kind !== 'market') return constraintNoun(w, limit);
  const first = limit.bindsFirst;
  // Capacities differ after elevating, conversions do not: a stage whose items are never won never binds.
  return first && first.factor > 1 && zeroConversionFrom(w, first.stage) === null
    ? `the market (demand; ${w.name(first.stage)} binds first)`
    : 'the market (demand)';
}
