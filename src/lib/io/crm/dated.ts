import type { DateFormat } from '../csv/dates';
import type { CsvDescription } from '../csv/read';
import { countOf, fail } from '../errors';
import type { ReadRows } from './joined';
import { cell, ChannelCounts, columnsOf, StageTally, type Tally } from './tally';
import type { CrmPlan } from './types';

/** A date column's name as a stage name: `contacted_at` → `Contacted`, `first_contact_date` → `First contact`. */
export function stageNameOfColumn(column: string): string {
  const bare = column
    .replace(/[_\-.\s]*(date|time|datetime|timestamp|at|on|dt|ts)$/i, '')
    .replace(/^(date|dt)[_\-.\s]*/i, '')
    .replace(/[_\-.\s]+/g, ' ')
    .trim();
  const words = bare || column.trim() || 'Stage';
  return (words[0]?.toUpperCase() ?? '') + words.slice(1);
}

/**
 * Counts the `dated` layout: one row per item, one date column per stage in
 * funnel order; an item reached a stage when that stage's date, or any later
 * stage's, is filled (an item with a meeting date was contacted). Each
 * stage's dates give its events per period, so observed capacity is known
 * for every stage. Rows without any date are left out.
 *
 * @throws ImportError when the table has no dated rows
 */
export async function tallyDated(plan: CrmPlan, read: ReadRows): Promise<Tally> {
  const d = plan.files[0] as CsvDescription;
  const cols = columnsOf(d);
  const n = plan.stageColumns.length;
  const stageIndexes = plan.stageColumns.map((c) => cols.index(c, 'stage date') as number);
  const formats = plan.stageColumns.map((c) => cols.date(c) as DateFormat);
  const channelIndex = cols.index(plan.channel, 'channel');
  const owners = cols.owners(plan.ownerColumns[0] ?? []);
  const channels = new ChannelCounts(n);
  const stages = plan.stageColumns.map(() => new StageTally());
  let undated = 0;
  const rows = await read(0, (cells) => {
    let reached = -1;
    stageIndexes.forEach((index, k) => {
      if (cell(cells, index) !== '') reached = k;
    });
    if (reached < 0) {
      undated++;
      return;
    }
    channels.reach(cell(cells, channelIndex), reached);
    for (let k = 0; k <= reached; k++) {
      const tally = stages[k] as StageTally;
      tally.addDate(cells[stageIndexes[k] as number], formats[k] as DateFormat, plan.period);
      tally.addOwners(cells, owners);
    }
  });
  if (rows === 0) fail(d.file, 'has a header but no rows; expected one row per lead or deal.');
  if (rows === undated) {
    fail(
      d.file,
      `no row has a date in ${plan.stageColumns.map((c) => `"${c}"`).join(', ')}; expected a date in each stage an item reached.`,
    );
  }
  const warnings: string[] = [];
  if (undated > 0)
    warnings.push(`${d.file}: ${countOf(undated, 'row')} without any stage date left out.`);
  stages.forEach((t, k) => {
    const w = t.dateWarning(d.file, plan.stageColumns[k] ?? null);
    if (w) warnings.push(w);
  });
  return {
    stageNames: plan.stageColumns.map(stageNameOfColumn),
    channels,
    stages,
    dated: stages.map(() => true),
    warnings,
  };
}
