import type { Model, Period, StageId } from '../../model/types';
import type { CsvDescription, CsvOptions } from '../csv/read';
import type { ByteSource } from '../csv/source';

/**
 * How the export is laid out:
 * `joined` several tables in funnel order, one per stage, each row of a later
 * table joined to the earlier one on a shared id (leads → deals);
 * `status` one table with a stage/status column;
 * `dated` one table with a date column per stage (reached when filled).
 */
export type CrmLayout = 'joined' | 'status' | 'dated';

/** A source that can be read twice (detection, then import): a File, bytes, text, or a stream factory. */
export type ReplayableSource = Extract<
  ByteSource,
  Blob | Uint8Array | ArrayBuffer | string | (() => unknown)
>;

/** One CSV file of the export. */
export interface CrmFile {
  /** The file name, used in messages and default stage names. */
  name: string;
  source: ReplayableSource;
}

/** The user's corrections; every field left out is detected. */
export interface CrmOptions {
  layout?: CrmLayout;
  /** The model's period, which arrivals and capacity are counted in (default month). */
  period?: Period;
  /** Per file: encoding, delimiter, header, column roles. */
  csv?: (CsvOptions | undefined)[];
  /** `joined`: the column joining file k to file k + 1, named in each. */
  joins?: { from: string; to: string }[];
  /** The channel column (first file), or null for no channel split. */
  channel?: string | null;
  /** Per file (`joined`) or for the table: the date column of the stage's events, or null for none. */
  dateColumns?: (string | null)[];
  /** `status`: the stage/status column. */
  statusColumn?: string;
  /** `status`: stage values in funnel order (values left out, or lost/disqualified ones, end as drop-offs). */
  statusOrder?: string[];
  /** `dated`: the date columns that are stages, in funnel order. */
  stageColumns?: string[];
  /** Names and ids of the stages built, in funnel order. */
  stages?: ({ name?: string; id?: string } | undefined)[];
  /** The model's name. */
  modelName?: string;
  /** The largest file read, in bytes (default 200 MB). */
  maxBytes?: number;
  signal?: AbortSignal;
  /** Bytes read so far over all files, and their total (`null` when a size is unknown). */
  onProgress?: (bytesRead: number, totalBytes: number | null) => void;
}

/** What was detected and chosen, for the preview; pass fields back in {@link CrmOptions} to change them. */
export interface CrmPlan {
  layout: CrmLayout;
  period: Period;
  files: CsvDescription[];
  joins: { from: string; to: string }[];
  channel: string | null;
  /** Per file (one entry per stage column for `dated`): the date column used, or null. */
  dateColumns: (string | null)[];
  /** Per file: the rep/owner columns. */
  ownerColumns: string[][];
  statusColumn: string | null;
  stageColumns: string[];
  /** Why each choice was made, in plain words. */
  notes: string[];
}

/** One stage of the imported funnel with its counts. */
export interface StageCount {
  id: StageId;
  name: string;
  /** Items that reached the stage, over the whole export. */
  count: number;
  /** Items per period key (`2018-04`), from the stage's dates; empty without dates. */
  perPeriod: Map<string, number>;
  /** Distinct values of each rep/owner column among the stage's items. */
  owners: { column: string; distinct: number }[];
}

/** One channel: its items at each stage (by stage index). */
export interface ChannelCount {
  /** The channel's value in the file; `''` for blank. */
  key: string;
  /** Shown name: `Organic search`, `(blank)`. */
  label: string;
  /** The source stage built for it. */
  stageId: StageId;
  counts: number[];
}

/**
 * Observed capacity, offered and never set silently: the most items the stage
 * processed in one period, where a rep/owner column says people did the work.
 */
export interface CapacitySuggestion {
  stageId: StageId;
  stageName: string;
  /** Items per period. */
  capacity: number;
  period: Period;
  /** The busiest period's key and label (`2018-04`, `April 2018`). */
  periodKey: string;
  periodLabel: string;
  owners: { column: string; distinct: number }[];
  /** The suggestion in a sentence. */
  message: string;
}

/** The imported funnel, what it was built from, and what to offer the user. */
export interface CrmResult {
  model: Model;
  plan: CrmPlan;
  stages: StageCount[];
  /** Null when there is no channel split. */
  channels: ChannelCount[] | null;
  /** Periods the arrivals were averaged over, and the dates they span. */
  periods: { count: number; first: string | null; last: string | null; label: string };
  capacity: CapacitySuggestion[];
  warnings: string[];
}
