import type { Period } from '../../model/types';
import { epochDay, parseDate, type DateFormat } from '../csv/dates';
import type { CsvDescription } from '../csv/read';
import { countOf, fail } from '../errors';
import { columnNamed } from './plan';
import { periodKey } from './periods';

/** Counts for one stage while reading: dated events per period, owners, date range. */
export class StageTally {
  readonly perPeriod = new Map<string, number>();
  readonly owners = new Map<string, Set<string>>();
  /** Epoch days of the earliest and latest event. */
  first: number | null = null;
  last: number | null = null;
  badDates = 0;
  example = '';

  /** Counts one event's date (blank: no date; not a date: counted as bad). */
  addDate(text: string | undefined, format: DateFormat | null, period: Period): void {
    const t = text?.trim() ?? '';
    if (!format || t === '') return;
    const date = parseDate(t, format);
    if (!date) {
      if (this.badDates++ === 0) this.example = t;
      return;
    }
    const key = periodKey(date, period);
    this.perPeriod.set(key, (this.perPeriod.get(key) ?? 0) + 1);
    const day = epochDay(date);
    if (this.first === null || day < this.first) this.first = day;
    if (this.last === null || day > this.last) this.last = day;
  }

  /** Records the item's owners (column name → value). */
  addOwners(cells: readonly string[], columns: readonly { name: string; index: number }[]): void {
    for (const c of columns) {
      const v = cells[c.index]?.trim() ?? '';
      if (v === '') continue;
      let set = this.owners.get(c.name);
      if (!set) this.owners.set(c.name, (set = new Set()));
      set.add(v);
    }
  }

  /** A warning about values that were not dates, or null. */
  dateWarning(file: string, column: string | null): string | null {
    if (this.badDates === 0 || column === null) return null;
    return `${file}: ${countOf(this.badDates, 'value')} of "${column}" not a date (e.g. "${this.example}"); those rows count, but in no period.`;
  }
}

/** Channel key → items reached at each stage. */
export class ChannelCounts {
  readonly byChannel = new Map<string, number[]>();

  constructor(readonly stages: number) {}

  /** Adds `times` items of a channel reaching stages `from`…`upTo` (inclusive). */
  reach(channel: string, upTo: number, from = 0, times = 1): void {
    let counts = this.byChannel.get(channel);
    if (!counts) this.byChannel.set(channel, (counts = new Array<number>(this.stages).fill(0)));
    for (let k = from; k <= upTo; k++) counts[k] = (counts[k] as number) + times;
  }

  /** Items at a stage over all channels. */
  total(stage: number): number {
    let n = 0;
    for (const counts of this.byChannel.values()) n += counts[stage] ?? 0;
    return n;
  }
}

/** What the counting pass yields for any layout. */
export interface Tally {
  /** Default stage names in funnel order. */
  stageNames: string[];
  channels: ChannelCounts;
  stages: StageTally[];
  /** Per stage: whether its events are dated (capacity can be observed only then). */
  dated: boolean[];
  warnings: string[];
}

/** Resolves column names of a file to indexes (and date formats). */
export function columnsOf(d: CsvDescription) {
  return {
    index: (name: string | null, what: string): number | null =>
      name === null ? null : columnNamed(d, name, what).index,
    date: (name: string | null): DateFormat | null => {
      if (name === null) return null;
      const c = columnNamed(d, name, 'date');
      if (c.date) return c.date;
      return fail(
        d.file,
        `column "${c.name}" holds no dates this import reads (e.g. "${c.examples[0] ?? ''}"); expected dates like 2018-02-26 or 26-02-2018.`,
      );
    },
    owners: (names: readonly string[]) =>
      names.map((n) => ({ name: n, index: columnNamed(d, n, 'owner').index })),
  };
}

/** Cell text, trimmed ('' when the row is short). */
export const cell = (cells: readonly string[], index: number | null): string =>
  index === null ? '' : (cells[index]?.trim() ?? '');

/** A file name as a stage name: `marketing_qualified_leads.csv` → `Marketing qualified leads`. */
export function stageNameOf(text: string): string {
  const words = text
    .replace(/\.[a-z0-9]{1,5}$/i, '')
    .replace(/[_\-.\s]+/g, ' ')
    .trim();
  return words ? (words[0]?.toUpperCase() ?? '') + words.slice(1) : 'Stage';
}
