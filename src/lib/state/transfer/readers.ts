import { ImportError, fail, formatBytes, toImportError } from '../../io/errors';
import { readModelFile } from '../../io/model-file';
import { fromSankeymatic, MAX_SANKEYMATIC_CHARS } from '../../io/sankeymatic-import';
import type { TableColumnChoice } from '../../io/sheet/headers';
import { importGridCsv, MAX_GRID_BYTES } from '../../io/sheet-import';
import { MAX_XLSX_BYTES } from '../../io/xlsx-archive';
import { emptyModel } from '../../model/defaults';
import type { Model } from '../../model/types';
import type { PasteOptions } from '../../io/paste';
import type { ImportKind } from './kinds';
import { readWorkbook } from './workbook-reader';

/** A file read as a whole model (everything but a CRM export), for the Import dialog's preview. */
export interface ModelPreview {
  model: Model;
  warnings: string[];
  /** For tables of stages: whether the first row was a header, and what each column was read as. */
  table: { header: boolean; columns: TableColumnChoice[] } | null;
}

/** A model's name from its file's name: `funnel-q3.csv` → `funnel-q3`. */
export function nameFromFile(file: string): string {
  return file.replace(/\.[a-z0-9]{1,5}$/i, '').trim() || 'Imported model';
}

/** A file's bytes, refusing one larger than `max` before reading it. */
async function bytesOf(file: Blob & { name: string }, max: number, what: string) {
  if (file.size > max) {
    fail(file.name, `is ${formatBytes(file.size)}; ${what} is read up to ${formatBytes(max)}.`);
  }
  return new Uint8Array(await file.arrayBuffer());
}

/**
 * Reads one file (or pasted SankeyMATIC text) as a model for the preview;
 * never touches what is open.
 *
 * @param kind what the file is (see kinds.ts); not `crm`
 * @param source the file, or the text typed into the dialog
 * @param table corrections of a table's header and columns (`grid`, `xlsx`)
 * @param signal cancels the read (a workbook is read in a worker of its own, ended at once)
 * @throws ImportError (only) with a message saying what was found and what was expected;
 *   `cancelled` after an abort
 */
export async function readPreview(
  kind: Exclude<ImportKind, 'crm'>,
  source: File | string,
  table: Pick<PasteOptions, 'header' | 'columns'> = {},
  signal?: AbortSignal,
): Promise<ModelPreview> {
  const name = typeof source === 'string' ? 'The SankeyMATIC text' : source.name;
  try {
    if (kind === 'sankeymatic') {
      const text =
        typeof source === 'string'
          ? source
          : new TextDecoder().decode(
              await bytesOf(source, 4 * MAX_SANKEYMATIC_CHARS, 'SankeyMATIC text'),
            );
      const { model, warnings } = fromSankeymatic(text);
      return { model, warnings, table: null };
    }
    if (typeof source === 'string') return fail(name, `cannot be read as ${kind}.`);
    if (kind === 'model') {
      return { model: await readModelFile(source, name), warnings: [], table: null };
    }
    const options = { ...table, file: name, base: emptyModel(nameFromFile(name)) };
    const read =
      kind === 'xlsx'
        ? await readWorkbook(
            { ...options, bytes: await bytesOf(source, MAX_XLSX_BYTES, 'a workbook') },
            signal,
          )
        : importGridCsv(await bytesOf(source, MAX_GRID_BYTES, 'a grid CSV'), options);
    return {
      model: read.model,
      warnings: read.warnings,
      table: { header: read.header, columns: read.columns },
    };
  } catch (error) {
    throw error instanceof ImportError ? error : toImportError(error, name);
  }
}
