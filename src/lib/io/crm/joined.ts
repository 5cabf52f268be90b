import type { CsvDescription } from '../csv/read';
import { countOf, fail, formatCount } from '../errors';
import { cell, ChannelCounts, columnsOf, StageTally, stageNameOf, type Tally } from './tally';
import type { CrmPlan } from './types';

/** Reads file `i` of the export row by row; resolves to the number of data rows. */
export type ReadRows = (file: number, onRow: (cells: string[]) => void) => Promise<number>;

/**
 * What makes a row one item: in a later file the id joining it to the earlier
 * one (a lead counts once at each stage); in the first file the id it shares
 * with the next file, or its first id column.
 */
function keyColumn(d: CsvDescription, plan: CrmPlan, k: number): string | null {
  if (k > 0) return plan.joins[k - 1]?.to ?? null;
  return plan.joins[0]?.from ?? d.columns.find((c) => c.role === 'id')?.name ?? null;
}

/**
 * Counts the `joined` layout: file 0 holds the first stage (with the channel
 * column); each later file holds the items that reached the next stage,
 * found in the earlier file through the join column. Rows of a later file
 * whose id is not in the earlier file are left out (with a warning; with an
 * error when none match); a repeated id counts once.
 *
 * @throws ImportError when no row of a file joins, or a file has no rows
 */
export async function tallyJoined(plan: CrmPlan, read: ReadRows): Promise<Tally> {
  const n = plan.files.length;
  const channels = new ChannelCounts(n);
  const stages = plan.files.map(() => new StageTally());
  const warnings: string[] = [];
  let channelOf: Map<string, string> | null = null;
  for (let k = 0; k < n; k++) {
    const d = plan.files[k] as CsvDescription;
    const cols = columnsOf(d);
    const channelIndex = k === 0 ? cols.index(plan.channel, 'channel') : null;
    const joinIn = k > 0 ? (plan.joins[k - 1]?.to ?? null) : null;
    const joinInIndex = cols.index(joinIn, 'join');
    const keyName = keyColumn(d, plan, k);
    const keyIndex = cols.index(keyName, 'id');
    const joinOutIndex = cols.index(plan.joins[k]?.from ?? null, 'join');
    const dateName = plan.dateColumns[k] ?? null;
    const dateIndex = cols.index(dateName, 'date');
    const dateFormat = cols.date(dateName);
    const owners = cols.owners(plan.ownerColumns[k] ?? []);
    const tally = stages[k] as StageTally;
    const next = new Map<string, string>();
    const seen = new Set<string>();
    // When the row's own id is also the id the next file joins on, the map of those ids
    // tells repeats too (one collection of a million ids, not two).
    const sharedIds = keyIndex !== null && keyIndex === joinOutIndex;
    let joinValues = 0;
    let unmatched = 0;
    let repeats = 0;
    let repeated = '';
    const rows = await read(k, (cells) => {
      let channel = k === 0 ? cell(cells, channelIndex) : undefined;
      if (channelOf !== null) {
        const id = cell(cells, joinInIndex);
        if (id !== '') joinValues++;
        channel = channelOf.get(id);
        if (channel === undefined) {
          unmatched++;
          return;
        }
      }
      const key = cell(cells, keyIndex);
      const out = cell(cells, joinOutIndex);
      const repeat = key !== '' && (sharedIds ? next.has(key) : seen.has(key));
      if (joinOutIndex !== null && out !== '' && !(repeat && sharedIds))
        next.set(out, channel ?? '');
      if (repeat) {
        if (repeats++ === 0) repeated = key;
        return;
      }
      if (!sharedIds && key !== '') seen.add(key);
      channels.reach(channel ?? '', k, k);
      tally.addDate(cells[dateIndex ?? -1], dateFormat, plan.period);
      tally.addOwners(cells, owners);
    });
    const prev = plan.files[k - 1];
    if (rows === 0)
      fail(
        d.file,
        `has a header but no rows; expected one row per item that reached "${stageNameOf(d.file)}".`,
      );
    if (prev && joinValues - unmatched === 0) {
      fail(
        d.file,
        `0 of ${formatCount(joinValues)} ${joinIn} values match ${prev.file}; expected each row's "${joinIn}" to be a "${plan.joins[k - 1]?.from}" of ${prev.file} (are the files from the same export, in funnel order?).`,
      );
    }
    if (prev && unmatched > 0) {
      warnings.push(
        `${d.file}: ${formatCount(unmatched)} of ${countOf(rows, 'row')} match no "${plan.joins[k - 1]?.from}" of ${prev.file} (by "${joinIn}") and are left out.`,
      );
    }
    if (repeats > 0) {
      warnings.push(
        `${d.file}: ${countOf(repeats, 'row')} ${repeats === 1 ? 'repeats' : 'repeat'} a "${keyName}" already seen (e.g. "${repeated}"); expected one row per ${keyName}, so each counts once.`,
      );
    }
    const dates = tally.dateWarning(d.file, dateName);
    if (dates) warnings.push(dates);
    channelOf = next;
  }
  return {
    stageNames: plan.files.map((d) => stageNameOf(d.file)),
    channels,
    stages,
    dated: plan.dateColumns.map((c) => c !== null),
    warnings,
  };
}
