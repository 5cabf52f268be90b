import type { CsvDescription } from '../csv/read';
import { countOf, fail } from '../errors';
import type { ReadRows } from './joined';
import { cell, ChannelCounts, columnsOf, StageTally, type Tally } from './tally';
import type { CrmPlan } from './types';

/** Status values that mean the item left the funnel (they are drop-offs, not stages). */
const LOST =
  /lost|disqualif|unqualif|reject|churn|dead|no[\s_-]?show|cancel|junk|spam|declin|abandon|closed[\s_-]?no/i;

/* Where a status usually sits in a funnel; the first pattern that matches wins. */
const RANKS: [RegExp, number][] = [
  [/won|customer|signed|converted|paid|onboard|active|closed/i, 6],
  [/proposal|quote|negotiat|trial|evaluat|poc|pilot|contract|decision|commit/i, 5],
  [/meeting|demo|discovery|call|scheduled|booked|appointment|presentation/i, 4],
  [/sql|sales[\s_-]?qualified|opportunit|accepted|\bsal\b/i, 3],
  [/mql|marketing[\s_-]?qualified/i, 2],
  [/qualified|connected|engaged|replied/i, 3],
  [/contacted|attempt|working|reached|nurtur|in[\s_-]?progress/i, 1],
  [/new|lead|open|prospect|raw|inbound|subscriber|visitor|signup|sign[\s_-]?up/i, 0],
];

/** Unknown statuses sit in the middle. */
const UNKNOWN_RANK = 3.5;

const rankOf = (status: string) => RANKS.find(([re]) => re.test(status))?.[1] ?? UNKNOWN_RANK;

/** Funnel order of the stage statuses, and the statuses counted as drop-offs. */
export function orderStatuses(
  counts: ReadonlyMap<string, number>,
  given: readonly string[] | undefined,
  file: string,
): { stages: string[]; lost: string[]; guessed: boolean } {
  const all = [...counts.keys()];
  if (given) {
    const byLower = new Map(all.map((s) => [s.toLowerCase(), s]));
    const stages = given.map((g) => {
      const found = byLower.get(g.trim().toLowerCase());
      if (found === undefined) {
        return fail(
          file,
          `no row has the status "${g}"; the statuses found are ${all.map((s) => `"${s}"`).join(', ')}.`,
        );
      }
      return found;
    });
    return { stages, lost: all.filter((s) => !stages.includes(s)), guessed: false };
  }
  const lost = all.filter((s) => LOST.test(s));
  const stages = all
    .filter((s) => !LOST.test(s))
    .sort(
      (a, b) =>
        rankOf(a) - rankOf(b) || (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a.localeCompare(b),
    );
  return { stages, lost, guessed: true };
}

/**
 * Counts the `status` layout: each row is an item at its current stage, so an
 * item at stage k has passed stages 0…k. Rows with a lost/disqualified status
 * (or a status left out of `statusOrder`) count at the first stage only, since
 * the export does not say where they dropped. Arrivals are dated by the
 * table's date column; capacity cannot be observed (one date per row).
 *
 * @throws ImportError when the table has no rows or no stage status
 */
export async function tallyStatus(
  plan: CrmPlan,
  read: ReadRows,
  statusOrder?: readonly string[],
): Promise<Tally> {
  const d = plan.files[0] as CsvDescription;
  const cols = columnsOf(d);
  const statusIndex = cols.index(plan.statusColumn, 'status');
  const channelIndex = cols.index(plan.channel, 'channel');
  const dateName = plan.dateColumns[0] ?? null;
  const dateIndex = cols.index(dateName, 'date');
  const dateFormat = cols.date(dateName);
  const arrivals = new StageTally();
  const rowsBy = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  const rows = await read(0, (cells) => {
    const status = cell(cells, statusIndex) || '(no status)';
    const channel = cell(cells, channelIndex);
    let byChannel = rowsBy.get(status);
    if (!byChannel) rowsBy.set(status, (byChannel = new Map()));
    byChannel.set(channel, (byChannel.get(channel) ?? 0) + 1);
    totals.set(status, (totals.get(status) ?? 0) + 1);
    arrivals.addDate(cells[dateIndex ?? -1], dateFormat, plan.period);
  });
  if (rows === 0) fail(d.file, 'has a header but no rows; expected one row per lead or deal.');
  const { stages, lost, guessed } = orderStatuses(totals, statusOrder, d.file);
  if (stages.length === 0) {
    fail(
      d.file,
      `every status (${lost.map((s) => `"${s}"`).join(', ')}) reads as lost; name the stages in funnel order.`,
    );
  }
  const channels = new ChannelCounts(stages.length);
  for (const [status, byChannel] of rowsBy) {
    const k = stages.indexOf(status);
    for (const [channel, n] of byChannel) channels.reach(channel, Math.max(0, k), 0, n);
  }
  const warnings: string[] = [];
  if (guessed)
    warnings.push(
      `Stage order guessed from the status names: ${stages.join(' → ')}; correct it if it is wrong.`,
    );
  if (lost.length > 0) {
    const n = lost.reduce((sum, s) => sum + (totals.get(s) ?? 0), 0);
    warnings.push(
      `${countOf(n, 'row')} with status ${lost.map((s) => `"${s}"`).join(', ')} count at "${stages[0]}" only: the export does not say where they dropped.`,
    );
  }
  const dates = arrivals.dateWarning(d.file, dateName);
  if (dates) warnings.push(dates);
  return {
    stageNames: stages,
    channels,
    stages: stages.map((_, k) => (k === 0 ? arrivals : new StageTally())),
    dated: stages.map((_, k) => k === 0 && dateName !== null),
    warnings,
  };
}
