import type { Model } from '../model/types';
import { restoreModel } from '../model/restore';
import { serializeModel } from '../model/serialize';
import { decodeAll } from './csv/decode';
import { detectDelimiter } from './csv/detect';
import { parseTable } from './csv/rows';
import { fail, formatBytes, guardedSync } from './errors';
import { restoreCell } from './injection';
import { rowsToModel, type PasteOptions, type PasteResult } from './paste';
import { CSV_ASSUMPTIONS_MARK } from './sheet-export';
import { tableToAssumptions } from './sheet/table';

/** The largest grid CSV read, in bytes (a 500-stage grid is well under 1 MB). */
export const MAX_GRID_BYTES = 4 * 1024 * 1024;

/** A grid CSV read back: the model and the same details a paste gives. */
export type GridImport = PasteResult;

/**
 * Reads a grid CSV (as {@link gridToCsv} writes it, or any CSV table of
 * stages) into a model: apostrophes added against formula injection come
 * off, computed columns are skipped, ids come from the Id column, and an
 * Assumption/Value/Note table after the stages replaces the assumptions.
 * Settings the CSV does not hold (name, period, loop…) come from `base`.
 *
 * @param source the CSV as text or bytes (UTF-8, UTF-16 with BOM, or Windows-1252)
 * @param options `base` model and column corrections, and the file name for messages
 * @throws ImportError when the file is too large, empty, or not a table of stages
 */
export function importGridCsv(
  source: string | Uint8Array,
  options: PasteOptions & { file?: string } = {},
): GridImport {
  const file = options.file ?? 'The CSV file';
  return guardedSync(file, () => {
    const size = typeof source === 'string' ? source.length : source.byteLength;
    if (size > MAX_GRID_BYTES) {
      fail(
        file,
        `is ${formatBytes(size)}; a grid CSV is read up to ${formatBytes(MAX_GRID_BYTES)}.`,
      );
    }
    const text = typeof source === 'string' ? source : decodeAll(source).text;
    if (text.trim() === '')
      fail(
        file,
        'is empty; expected a header row (Stage, Feeds into, Arrivals…) and a row per stage.',
      );
    const rows = parseTable(text, detectDelimiter(text).delimiter, file).map((r) =>
      r.map(restoreCell),
    );
    const mark = rows.findIndex((r, i) => i > 0 && (r[0] ?? '').trim() === CSV_ASSUMPTIONS_MARK);
    const funnel = mark < 0 ? rows : rows.slice(0, mark);
    const result = rowsToModel(funnel, options, file);
    if (mark < 0) return result;
    const withAssumptions: Model = {
      ...result.model,
      assumptions: tableToAssumptions(rows.slice(mark + 1)),
    };
    return { ...result, model: restoreModel(serializeModel(withAssumptions)) };
  });
}
