import type { Period } from '../../model/types';
import type { ColumnDescription, ColumnRole } from '../csv/columns';
import { describeCsv, type CsvDescription } from '../csv/read';
import { fail, guarded } from '../errors';
import type { CrmFile, CrmLayout, CrmOptions, CrmPlan } from './types';

/** The largest CSV file a CRM import reads by default, in bytes (100 MB exports must fit). */
export const MAX_CRM_BYTES = 200 * 1024 * 1024;

const lower = (s: string) => s.trim().toLowerCase();

/** A column by name (case-insensitive), or a message listing the file's columns. */
export function columnNamed(d: CsvDescription, name: string, what: string): ColumnDescription {
  const found = d.columns.find((c) => lower(c.name) === lower(name));
  if (found) return found;
  return fail(
    d.file,
    `has no ${what} column "${name}"; its columns are ${d.columns.map((c) => `"${c.name}"`).join(', ')}.`,
  );
}

const withRole = (d: CsvDescription, role: ColumnRole) => d.columns.filter((c) => c.role === role);

/** A hint when a table has one column: the delimiter was probably wrong. */
function oneColumnHint(d: CsvDescription): string {
  if (d.columns.length > 1) return '';
  const first = (d.header.present ? d.columns[0]?.name : d.preview[0]?.[0]) ?? '';
  const shown = first.length > 60 ? `${first.slice(0, 60)}…` : first;
  return ` ${d.file} was read as one column ("${shown}"), so its delimiter may be wrong (read as ${JSON.stringify(d.delimiter.delimiter)}).`;
}

/** Chooses the column joining two consecutive files: shared by name, id-like, unique in the earlier file. */
function chooseJoin(a: CsvDescription, b: CsvDescription): { from: string; to: string } {
  const idLike = (c: ColumnDescription) => c.role === 'id' || c.role === 'reference';
  const shared = a.columns
    .map((c) => [c, b.columns.find((x) => lower(x.name) === lower(c.name))] as const)
    .filter(
      (pair): pair is readonly [ColumnDescription, ColumnDescription] => pair[1] !== undefined,
    );
  const score = ([x, y]: readonly [ColumnDescription, ColumnDescription]) =>
    (x.role === 'id' ? 4 : 0) + (idLike(y) ? 2 : 0) + (/id$/i.test(x.name) ? 1 : 0);
  const best = [...shared].sort((p, q) => score(q) - score(p))[0];
  if (!best || score(best) < 4) {
    const ids = [...withRole(a, 'id'), ...withRole(b, 'id'), ...withRole(b, 'reference')].map(
      (c) => `"${c.name}"`,
    );
    return fail(
      b.file,
      `shares no id column with ${a.file}; expected a column such as ${ids[0] ?? '"lead_id"'} in both files to join them.${oneColumnHint(b) || oneColumnHint(a)}`,
    );
  }
  return { from: best[0].name, to: best[1].name };
}

/** Prefers a column whose name suggests the role, else the first of that role. */
function pick(columns: ColumnDescription[], prefer: RegExp): ColumnDescription | undefined {
  return columns.find((c) => prefer.test(c.name)) ?? columns[0];
}

function chooseLayout(files: CsvDescription[], options: CrmOptions): CrmLayout {
  if (options.layout) return options.layout;
  if (files.length > 1) return 'joined';
  const [table] = files as [CsvDescription];
  if (options.statusColumn || withRole(table, 'stage').length > 0) return 'status';
  if (options.stageColumns || withRole(table, 'date').length >= 2) return 'dated';
  return fail(
    table.file,
    `found no stage/status column and ${withRole(table, 'date').length} date column(s); expected one table with a stage or status column, one with a date column per stage, or several files in funnel order (leads, then deals).${oneColumnHint(table)}`,
  );
}

/**
 * Detects how a CRM export is laid out and which columns to use, from the
 * first megabyte of each file; everything chosen can be overridden through
 * {@link CrmOptions} and is explained in `notes`.
 *
 * @param files the export's CSV files, in funnel order
 * @throws ImportError when a file cannot be read or the layout cannot be told
 */
export async function describeCrm(
  files: readonly CrmFile[],
  options: CrmOptions = {},
): Promise<CrmPlan> {
  if (files.length === 0) fail(undefined, 'no files given; expected one or more CSV files.');
  const descriptions: CsvDescription[] = [];
  for (const [i, f] of files.entries()) {
    descriptions.push(
      await guarded(f.name, () =>
        describeCsv(f.source, {
          file: f.name,
          maxBytes: options.maxBytes ?? MAX_CRM_BYTES,
          ...(options.signal && { signal: options.signal }),
          ...(options.csv?.[i] && { csv: options.csv[i] }),
        }),
      ),
    );
  }
  const layout = chooseLayout(descriptions, options);
  if (layout !== 'joined' && descriptions.length > 1) {
    fail(
      undefined,
      `the "${layout}" layout reads one table; ${descriptions.length} files were given.`,
    );
  }
  const period: Period = options.period ?? 'month';
  const notes: string[] = [];
  const first = descriptions[0] as CsvDescription;

  const joins = descriptions.slice(1).map((d, i) => {
    const prev = descriptions[i] as CsvDescription;
    const given = options.joins?.[i];
    if (given) {
      columnNamed(prev, given.from, 'join');
      columnNamed(d, given.to, 'join');
      return given;
    }
    const join = chooseJoin(prev, d);
    notes.push(
      `${d.file} is joined to ${prev.file} on ${join.from === join.to ? `"${join.from}"` : `"${join.from}" = "${join.to}"`}.`,
    );
    return join;
  });

  let channel: string | null = null;
  if (options.channel !== undefined) {
    channel = options.channel === null ? null : columnNamed(first, options.channel, 'channel').name;
  } else {
    channel = pick(withRole(first, 'channel'), /origin|channel|source/i)?.name ?? null;
    notes.push(
      channel
        ? `Channels from "${channel}" (${first.file}).`
        : 'No channel column found: no channel split.',
    );
  }

  const statusColumn =
    layout !== 'status'
      ? null
      : options.statusColumn
        ? columnNamed(first, options.statusColumn, 'status').name
        : (pick(withRole(first, 'stage'), /stage|status/i)?.name ?? null);
  if (layout === 'status' && statusColumn === null)
    fail(first.file, 'has no stage or status column; name one.');

  const stageColumns =
    layout !== 'dated'
      ? []
      : options.stageColumns
        ? options.stageColumns.map((n) => columnNamed(first, n, 'stage date').name)
        : withRole(first, 'date').map((c) => c.name);
  if (layout === 'dated' && stageColumns.length < 2) {
    fail(
      first.file,
      `has ${stageColumns.length} stage date column(s); expected one per stage (at least two).`,
    );
  }

  const dateColumns =
    layout === 'dated'
      ? stageColumns
      : descriptions.map((d, i) => {
          const given = options.dateColumns?.[i];
          if (given === null) return null;
          if (given !== undefined) return columnNamed(d, given, 'date').name;
          const found = pick(withRole(d, 'date'), /creat|first|won|clos|date/i)?.name ?? null;
          notes.push(
            found ? `Dates of ${d.file} from "${found}".` : `${d.file} has no date column.`,
          );
          return found;
        });

  const ownerColumns = descriptions.map((d) => withRole(d, 'owner').map((c) => c.name));
  return {
    layout,
    period,
    files: descriptions,
    joins,
    channel,
    dateColumns,
    ownerColumns,
    statusColumn,
    stageColumns,
    notes,
  };
}
