import { formatCount, formatMoney } from './format';
import type { Wording } from './wording';

/*
 * Goldratt's measures for one period, as the summary and the command line
 * show them: throughput, operating expense, T ÷ OE and inventory (valued at
 * the money invested per item: its stage's cost per item plus what was
 * invested upstream on its path, PRODUCT.md "Over time").
 */

/** One measure of the scoreboard (T, OE, T ÷ OE, inventory); `note` says what it is or why it is missing. */
export interface Measure {
  label: string;
  value: string;
  note?: string;
}

/**
 * The scoreboard of the analysed steady state. In pull with no steady state
 * the flows are the simulation's at the horizon, and the notes say so.
 */
export function scoreboard(w: Wording): Measure[] {
  const { flow, objective, snapshot, compounds } = w.analysis;
  const money = (x: number) => formatMoney(x, w.model.currency);
  const at =
    compounds !== null ? `at period ${snapshot?.period ?? w.model.horizon}, no steady state` : null;
  const units = `${formatCount(flow.units)} ${w.noun}${w.per}`;
  const throughput: Measure =
    objective === 'money'
      ? {
          label: 'Throughput',
          value: `${money(flow.money)}${w.per}`,
          note: at ? `${units} ${at}` : units,
        }
      : { label: 'Throughput', value: units, note: at ?? 'set a Value to count money' };
  const oe = flow.operatingExpense;
  return [
    throughput,
    { label: 'Operating expense', value: `${money(oe)}${w.per}` },
    {
      label: 'T ÷ OE',
      value: oe > 0 ? formatCount(flow.money / oe) : '—',
      note: oe > 0 ? (at ?? 'the scoreboard') : 'no operating expense yet',
    },
    {
      label: 'Inventory piling up',
      value: `${money(flow.inventoryMoney)}${w.per}`,
      note: at ?? 'pileup × money invested per item, upstream included',
    },
  ];
}
