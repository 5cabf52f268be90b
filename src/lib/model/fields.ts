import type { LoopNumberField, StageNumberField } from './types';

/** Column header of each stage number field, as PRODUCT.md's interface names require. */
export const STAGE_FIELD_LABELS: Record<StageNumberField, string> = {
  arrivals: 'Arrivals',
  conversion: 'Conversion',
  capacity: 'Capacity',
  lag: 'Lag',
  cost_per_period: 'Cost per period',
  cost_per_item: 'Cost per item',
  value: 'Value',
  variable_cost: 'Variable cost',
};

/** Label of each loop number field. */
export const LOOP_FIELD_LABELS: Record<LoopNumberField, string> = {
  referrals: 'Referrals per customer',
  lag: 'Referral lag',
  churn: 'Churn',
  market: 'Market',
  customers: 'Existing customers',
};

/** What a blank cell means for each stage number field (PRODUCT.md, stage fields table). */
export const STAGE_FIELD_BLANK: Record<StageNumberField, string> = {
  arrivals: '0',
  conversion: '100 %',
  capacity: 'unlimited',
  lag: '0',
  cost_per_period: '0',
  cost_per_item: '0',
  value: '0',
  variable_cost: '0',
};

/** How a number in a field is shown: a count of items, a 0–1 rate, whole periods, or money. */
export type FieldKind = 'count' | 'rate' | 'periods' | 'money';

/** The kind of every stage number field, for formatting and range checks. */
export const STAGE_FIELD_KIND: Record<StageNumberField, FieldKind> = {
  arrivals: 'count',
  conversion: 'rate',
  capacity: 'count',
  lag: 'periods',
  cost_per_period: 'money',
  cost_per_item: 'money',
  value: 'money',
  variable_cost: 'money',
};

/** The kind of every loop number field. */
export const LOOP_FIELD_KIND: Record<LoopNumberField, FieldKind> = {
  referrals: 'count',
  lag: 'periods',
  churn: 'rate',
  market: 'count',
  customers: 'count',
};
