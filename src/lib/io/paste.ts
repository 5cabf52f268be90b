import { emptyModel } from '../model/defaults';
import { restoreModel } from '../model/restore';
import { serializeModel } from '../model/serialize';
import type { Model } from '../model/types';
import { detectDelimiter } from './csv/detect';
import { parseTable } from './csv/rows';
import { fail, formatCount, guardedSync } from './errors';
import { readColumns, type TableColumn, type TableColumnChoice } from './sheet/headers';
import { tableToStages } from './sheet/table';

/** The most text a paste is read from, in characters (a funnel table is a few KB). */
export const MAX_PASTE_CHARS = 1024 * 1024;

/** Corrections to what was detected in a pasted table. */
export interface PasteOptions {
  /** Whether the first row is a header. */
  header?: boolean;
  /** What each column is, by position. */
  columns?: TableColumn[];
  /** The model whose settings and assumptions the stages go into (default: an empty model). */
  base?: Model;
}

/** A pasted table as a model, and what was detected. */
export interface PasteResult {
  model: Model;
  header: boolean;
  columns: TableColumnChoice[];
  warnings: string[];
}

/**
 * Reads stages from table rows: the header (detected or given) maps the
 * columns, else they are guessed; the stages replace those of `base`.
 *
 * @throws ImportError or ModelError when the rows are not a table of stages
 */
export function rowsToModel(rows: string[][], options: PasteOptions, file: string): PasteResult {
  const { header, data, columns } = readColumns(rows, options);
  const { stages, warnings } = tableToStages(data, columns, file);
  const base = options.base ?? emptyModel();
  const entry = stages.some((s) => s.id === base.loop.entry) ? base.loop.entry : null;
  const model = restoreModel(serializeModel({ ...base, stages, loop: { ...base.loop, entry } }));
  return { model, header, columns, warnings };
}

/**
 * Turns a table pasted from Google Sheets or Excel (tab-separated; comma or
 * semicolon CSV also reads) into stages. A header row naming Stage, Feeds
 * into, Arrivals, Conversion, Capacity… maps the columns; without one, the
 * first text column holds the names, a column of percentages the
 * conversions, and the first number column how many reached each stage
 * (the first count becomes arrivals, the rest conversions such as
 * `=500/2000`). Rows feed each other in order unless a "Feeds into" column
 * says otherwise. The stages replace those of `base`; its other settings stay.
 *
 * @throws ImportError when the text is empty, too long, not a table of stages,
 *   or has more rows than a model holds
 */
export function pasteToModel(text: string, options: PasteOptions = {}): PasteResult {
  const file = 'The pasted table';
  return guardedSync(file, () => {
    if (text.length > MAX_PASTE_CHARS) {
      fail(
        file,
        `is ${formatCount(text.length)} characters; a paste is read up to ${formatCount(MAX_PASTE_CHARS)}.`,
      );
    }
    if (text.trim() === '') fail(file, 'is empty; expected rows of stages, one per line.');
    const delimiter = text.includes('\t') ? '\t' : detectDelimiter(text).delimiter;
    const rows = parseTable(text, delimiter, file).map((r) =>
      r.map((c) => c.replace(/\u00a0/g, ' ')),
    );
    const result = rowsToModel(rows, options, file);
    if (result.columns.every((c) => ['name', 'next', 'id', 'ignore'].includes(c.column))) {
      result.warnings.push(
        'Only stage names were read: no column of numbers was found (expected columns separated by tabs, as Google Sheets and Excel copy them).',
      );
    }
    return result;
  });
}
