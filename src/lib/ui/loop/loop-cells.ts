import type { LoopFactor } from '../../analysis/loop';
import { LOOP_FIELD_KIND, LOOP_FIELD_LABELS } from '../../model/fields';
import { LOOP_ROWS, SHEETS } from '../../model/layout';
import type { LoopNumberField, Model } from '../../model/types';
import type { ComputeResult } from '../../state/compute/protocol';
import { numberCell } from '../funnel/cell-view';
import { formatRate } from '../format';
import type { GridCell } from '../grid/types';

/** What a blank loop cell means (see analysis/inputs.ts LOOP_RULES). */
const BLANK: Record<LoopNumberField, string> = {
  referrals: '0',
  lag: '1',
  churn: '0%',
  market: 'no limit',
  customers: '0',
};

const HELP: Record<LoopNumberField, string> = {
  referrals: 'New leads each customer won refers (blank: 0).',
  lag: 'Whole periods, 1 or more, from winning a customer to their referred leads arriving (blank: 1).',
  churn: 'Share of active customers lost each period, 0–100 % (blank: 0 %).',
  market:
    'Customers the market holds: referrals fade as it fills, × (1 − customers ÷ market) (blank: no limit).',
  customers: 'Customers you already have at the start: they count as won and refer too (blank: 0).',
};

/** One loop setting as the Loop panel shows it. */
export interface LoopCellView {
  field: LoopNumberField;
  label: string;
  /** Its address for formulas: "Loop!B2". */
  address: string;
  help: string;
  cell: GridCell;
}

/**
 * The loop's five cells (referrals per customer, referral lag, churn, market,
 * existing customers) shown like the grid's: the evaluated value, a formula
 * marker, an error or an out-of-range warning, or the raw text while the
 * analysis catches up with an edit.
 */
export function loopCells(model: Model, result: ComputeResult | null): LoopCellView[] {
  return LOOP_ROWS.map((field, i) => {
    const raw = model.loop[field];
    const current = result?.model.loop[field] === raw;
    const issue = current
      ? result?.growth.loopIssues.find((x) => x.field === `loop.${field}` && x.kind === 'range')
      : undefined;
    return {
      field,
      label: LOOP_FIELD_LABELS[field],
      address: `${SHEETS.loop}!B${i + 2}`,
      help: HELP[field],
      cell: numberCell(
        raw,
        current ? result?.evaluated.loop[field] : undefined,
        issue,
        LOOP_FIELD_KIND[field],
        model.currency,
        BLANK[field],
      ),
    };
  });
}

/**
 * Where K comes from: "K = 1 referral × 2.5 % of entering leads won =
 * 0.025", or what is missing.
 */
export function loopFactorText(factor: LoopFactor, referrals: number, entryName: string): string {
  if (factor.entry === null) return 'K = 0: no entry stage chosen.';
  const plural = referrals === 1 ? 'referral' : 'referrals';
  return `K = ${+referrals.toPrecision(4)} ${plural} × ${formatRate(factor.yield)} of leads entering ${entryName} won = ${+factor.k.toPrecision(3)}`;
}
