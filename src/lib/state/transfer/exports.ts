import { fileNameFor, modelFileText } from '../../io/model-file';
import { toSankeymatic } from '../../io/sankeymatic';
import { gridToCsv } from '../../io/sheet-export';
import { gridToXlsx } from '../../io/xlsx';
import type { Model } from '../../model/types';
import type { ComputeResult } from '../compute/protocol';
import type { Workspace } from '../workspace.svelte';

/** The files the Export menu writes from the model (pictures are drawn by the page: ui/transfer). */
export type ExportFormat = 'json' | 'csv' | 'xlsx' | 'sankeymatic';

/** A file ready to download: its name (from the model's name), MIME type and contents. */
export interface ExportFile {
  name: string;
  type: string;
  data: string | Uint8Array<ArrayBuffer>;
}

/** MIME type and extension of each format. */
const FORMATS: Record<ExportFormat, { type: string; extension: string }> = {
  json: { type: 'application/json', extension: 'json' },
  csv: { type: 'text/csv;charset=utf-8', extension: 'csv' },
  xlsx: {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
  },
  sankeymatic: { type: 'text/plain;charset=utf-8', extension: 'sankeymatic.txt' },
};

/**
 * Writes the model as a file: format-1 JSON; the grid's values as CSV (what
 * the grid shows: formulas evaluated, rates and loads as percentages); the
 * grid with live formulas as XLSX (exceljs, loaded now); or the steady-state
 * flow as SankeyMATIC text with the constraint highlighted. Labels are
 * neutralised against formula injection by io/.
 *
 * @param result the model and what was computed from it (its flow, evaluated cells)
 */
export async function exportFile(
  format: ExportFormat,
  result: Pick<ComputeResult, 'model' | 'analysis' | 'evaluated'>,
): Promise<ExportFile> {
  const { model, analysis, evaluated } = result;
  const { type, extension } = FORMATS[format];
  const name = fileNameFor(model, extension);
  switch (format) {
    case 'json':
      return modelFile(model);
    case 'csv':
      return { name, type, data: gridToCsv(model, analysis.flow, evaluated) };
    case 'xlsx':
      return {
        name,
        type,
        data: new Uint8Array(await gridToXlsx(model, analysis.flow, evaluated)),
      };
    case 'sankeymatic': {
      const clean = analysis.issues.length === 0 && analysis.constraint.kind !== 'market';
      const highlight = clean ? analysis.constraint.stages : [];
      return { name, type, data: toSankeymatic(model, analysis.flow, { highlight }) };
    }
  }
}

/** The model as a format-1 JSON file (needs no computation, so it works while a formula is broken). */
export function modelFile(model: Model): ExportFile {
  return { name: fileNameFor(model, 'json'), type: FORMATS.json.type, data: modelFileText(model) };
}

/** A file name for a picture of the model: `<model>-<what>.<svg|png>`. */
export function pictureName(model: Model, what: string, extension: 'svg' | 'png'): string {
  return fileNameFor(model, `x`).replace(/\.x$/, `-${what}.${extension}`);
}

/**
 * The latest computation once it has caught up with the model, so an
 * export never pairs a model with the numbers of the edit before.
 *
 * @param timeout milliseconds to wait before giving up
 * @throws Error when the analysis has not caught up within `timeout`, or failed
 */
export async function settledResult(
  workspace: Workspace,
  timeout = 10_000,
): Promise<ComputeResult> {
  const start = Date.now();
  for (;;) {
    const result = workspace.result;
    if (result && result.model === workspace.model) return result;
    if (workspace.computeError) throw new Error(`The analysis failed: ${workspace.computeError}`);
    if (Date.now() - start > timeout) throw new Error('The analysis is still running; try again.');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
