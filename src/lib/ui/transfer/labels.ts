import type { CrmLayout } from '../../io/crm/types';
import type { ColumnRole } from '../../io/csv/columns';
import type { DateOrder } from '../../io/csv/dates';
import type { CsvEncoding } from '../../io/csv/decode';
import type { Delimiter } from '../../io/csv/rows';
import type { TableColumn } from '../../io/sheet/headers';
import { STAGE_FIELD_LABELS } from '../../model/fields';
import { STAGE_NUMBER_FIELDS } from '../../model/types';

/* The words the Import dialog shows for each detected choice, in the order offered. */

/** CRM layouts. */
export const LAYOUTS: [CrmLayout, string][] = [
  ['joined', 'Several files, one per stage, joined on an id'],
  ['status', 'One table with a stage or status column'],
  ['dated', 'One table with a date column per stage'],
];

/** Column roles. */
export const ROLES: [ColumnRole, string][] = [
  ['id', 'Id'],
  ['reference', 'Id of another table'],
  ['date', 'Date'],
  ['stage', 'Stage / status'],
  ['channel', 'Channel'],
  ['owner', 'Rep / owner'],
  ['number', 'Number'],
  ['text', 'Text'],
  ['empty', 'Empty'],
];

/** Date orders, as the parts are written (any of `-`, `/`, `.` between them). */
export const DATE_ORDERS: [DateOrder, string][] = [
  ['ymd', 'YYYY-MM-DD'],
  ['dmy', 'DD/MM/YYYY'],
  ['mdy', 'MM/DD/YYYY'],
];

/** Text encodings. */
export const ENCODINGS: [CsvEncoding, string][] = [
  ['utf-8', 'UTF-8'],
  ['windows-1252', 'Windows-1252 (Excel, Western)'],
  ['utf-16le', 'UTF-16 LE'],
  ['utf-16be', 'UTF-16 BE'],
];

/** Delimiters. */
export const DELIMITERS: [Delimiter, string][] = [
  [',', 'Comma ,'],
  [';', 'Semicolon ;'],
  ['\t', 'Tab'],
  ['|', 'Pipe |'],
];

/** What a column of a table of stages can be read as. */
export const TABLE_COLUMNS: [TableColumn, string][] = [
  ['name', 'Stage name'],
  ['next', 'Feeds into'],
  ['volume', 'Items reached (counts)'],
  ...STAGE_NUMBER_FIELDS.map((f): [TableColumn, string] => [f, STAGE_FIELD_LABELS[f]]),
  ['id', 'Stage id'],
  ['ignore', 'Ignore'],
];
