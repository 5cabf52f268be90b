import type { Analysis } from '../../analysis/analyze';
import type { Limit } from '../../analysis/elevate';
import type { CellChange, WhatIf } from '../../analysis/trial';
import { STAGE_FIELD_LABELS } from '../../model/fields';
import type { Model, StageId } from '../../model/types';
import { formatCount, formatMoney, formatRate } from '../format';
import type { Part } from '../summary/summary';

/*
 * The words of the focusing-steps panel: stage names, changes, gains and
 * limits as text, and the action that applies a what-if.
 */

/** A what-if the user can apply in one click (one undoable edit). */
export interface FocusAction {
  /** Button text: "Apply" plus what it writes ("Contact capacity → 1,601"). */
  label: string;
  changes: CellChange[];
}

/** A strong part: stage names and key numbers. */
export const s = (text: string): Part => ({ text, strong: true });
/** A plain part. */
export const t = (text: string): Part => ({ text });

/** Everything the sentences need to name stages and format numbers. */
export interface Context {
  model: Model;
  analysis: Analysis;
  /** The per-period suffix: "/mo". */
  per: string;
  /** Show money gains too (the model has values: stages are ranked by money). */
  money: boolean;
}

/** A stage's name by id (the id when it is gone). */
export const nameOf = (c: Context, id: StageId) =>
  c.model.stages.find((x) => x.id === id)?.name ?? id;

/** "Contact’s", "Meetings’". */
export const possessive = (name: string) => (/s$/i.test(name) ? `${name}’` : `${name}’s`);

/** "A", "A and B", "A, B and C". */
export function list(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** A signed count: +0.25, +0, −3. */
function signed(x: number): string {
  if (Math.abs(x) < 1e-9) return '+0';
  return x > 0 ? `+${formatCount(x)}` : `−${formatCount(-x)}`;
}

/** A value of a stage field as shown: 5% · 1,500 · ∞. */
function shown(field: CellChange['field'], x: number, currency: string): string {
  if (field === 'conversion') return formatRate(x);
  if (field === 'capacity' && x === Infinity) return '∞';
  if (field === 'cost_per_period' || field === 'cost_per_item' || field === 'value')
    return formatMoney(x, currency);
  return formatCount(x);
}

/** "Contact's capacity 1,500 → 1,650" for each change. */
export function changeText(c: Context, changes: readonly CellChange[]): string {
  return list(
    changes.map((ch) => {
      const before = c.analysis.inputs.stages.find((x) => x.id === ch.stageId)?.[ch.field] ?? 0;
      const label = STAGE_FIELD_LABELS[ch.field].toLowerCase();
      return `${possessive(nameOf(c, ch.stageId))} ${label} ${shown(ch.field, before, c.model.currency)} → ${shown(ch.field, ch.value, c.model.currency)}`;
    }),
  );
}

/** "Apply: Contact capacity → 1,601". */
export function action(c: Context, changes: readonly CellChange[]): FocusAction {
  const what = changes
    .map(
      (ch) =>
        `${nameOf(c, ch.stageId)} ${STAGE_FIELD_LABELS[ch.field].toLowerCase()} → ${shown(ch.field, ch.value, c.model.currency)}`,
    )
    .join(', ');
  return { label: `Apply: ${what}`, changes: [...changes] };
}

/** What a what-if gains: "+0.25 won/mo (+$3,000/mo)", or that the loop then compounds. */
export function gainText(c: Context, w: WhatIf): Part[] {
  if (w.gain === null) return [s('the loop then compounds'), t(': only the market limits growth')];
  const units = s(`${signed(w.gain.units)} won${c.per}`);
  if (!c.money || Math.abs(w.gain.money) < 1e-9) return [units];
  const m = w.gain.money;
  const money = `${m > 0 ? '+' : '−'}${formatMoney(Math.abs(m), c.model.currency)}${c.per}`;
  return [units, t(` (${money})`)];
}

/** A limit in words: "Meeting", "a tie of A and B", "the market (demand)", "nothing but the market (the loop compounds)". */
export function limitText(c: Context, limit: Limit): string {
  if (limit.kind === 'stage') return nameOf(c, limit.stages[0]);
  if (limit.kind === 'tie') return `a tie of ${list(limit.stages.map((id) => nameOf(c, id)))}`;
  if (limit.kind === 'compounds') return 'nothing but the market (the loop compounds)';
  const first = limit.bindsFirst;
  return first
    ? `the market (demand; ${nameOf(c, first.stage)} binds first)`
    : 'the market (demand)';
}
