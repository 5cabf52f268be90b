import { detectDelimiter } from '../../io/csv/detect';
import { parseRows } from '../../io/csv/rows';
import { fileKind, type FileKind } from '../../io/kind';
import { columnsFromHeader, isHeaderRow } from '../../io/sheet/headers';
import { LIMITS } from '../../model/limits';
import { STAGE_NUMBER_FIELDS } from '../../model/types';

/**
 * What the Import dialog does with what it was given:
 * `crm` a CRM export (several CSV files in funnel order, or one table);
 * `grid` a table of stages (the grid's own CSV, or one typed in a spreadsheet);
 * `xlsx` a workbook; `model` a model file (.json); `sankeymatic` SankeyMATIC text.
 */
export type ImportKind = 'crm' | 'grid' | 'xlsx' | 'model' | 'sankeymatic';

/** A file as far as telling its kind goes: its name and first bytes. */
export interface FileHead {
  name: string;
  /** The first few KB. */
  head: Uint8Array;
  /** The whole file's size in bytes. */
  size: number;
}

/** The kind chosen, and why in plain words; or why the files cannot be imported together. */
export type KindChoice = { kind: ImportKind; reason: string } | { kind: null; reason: string };

/** Bytes of a file's start read to tell its kind. */
export const HEAD_BYTES = 16 * 1024;

const NAMES: Record<Exclude<FileKind, 'unknown'>, string> = {
  model: 'a model file',
  xlsx: 'a workbook',
  csv: 'a CSV table',
  sankeymatic: 'SankeyMATIC text',
};

const STAGE_FIELDS = new Set<string>(STAGE_NUMBER_FIELDS);

/**
 * Whether a CSV reads as a table of stages rather than a CRM export: its
 * header names a stage column and at least one stage field (Arrivals,
 * Conversion, Capacity…), and the stage names in the first rows do not
 * repeat (a CRM table's stage/status column repeats its few values).
 *
 * @param file the file's name, first bytes (UTF-8 or Windows-1252 as far as headers go) and size
 */
export function looksLikeGrid(file: FileHead): boolean {
  let text = new TextDecoder('utf-8').decode(file.head).replace(/^\ufeff/, '');
  // A head shorter than the file may end in the middle of a row: drop that row.
  if (file.head.length < file.size) text = text.slice(0, text.lastIndexOf('\n') + 1);
  const rows = parseRows(text, detectDelimiter(text).delimiter);
  const [header, ...data] = rows;
  if (!header || !isHeaderRow(header)) return false;
  const columns = columnsFromHeader(header);
  const name = columns.find((c) => c.column === 'name');
  if (!name || !columns.some((c) => STAGE_FIELDS.has(c.column))) return false;
  const names = data.map((r) => (r[name.index] ?? '').trim()).filter((n) => n !== '');
  return names.length <= LIMITS.stages && new Set(names).size === names.length;
}

/**
 * Decides what a set of dropped or chosen files is: one model file, one
 * workbook, one SankeyMATIC file, one table of stages, or a CRM export (one
 * or more CSV files). Anything else gets a reason naming what was found.
 *
 * @param files the files in the order given
 */
export function chooseKind(files: readonly FileHead[]): KindChoice {
  if (files.length === 0) return { kind: null, reason: 'No file was given.' };
  const kinds = files.map((f) => ({ name: f.name, kind: fileKind(f.name, f.head) }));
  const unknown = kinds.find((k) => k.kind === 'unknown');
  if (unknown) {
    return {
      kind: null,
      reason: `${unknown.name} is not a file Bottleneck reads; expected a model (.json), a CSV or XLSX table, SankeyMATIC text, or CSV files of a CRM export.`,
    };
  }
  const [first] = kinds as [{ name: string; kind: Exclude<FileKind, 'unknown'> }];
  if (kinds.every((k) => k.kind === 'csv')) {
    if (files.length === 1 && looksLikeGrid(files[0] as FileHead)) {
      return {
        kind: 'grid',
        reason: `${first.name} has a header naming stage columns (Stage, Arrivals, Conversion…): read as a table of stages.`,
      };
    }
    return files.length === 1
      ? { kind: 'crm', reason: `${first.name} is a CSV table: read as a CRM export.` }
      : {
          kind: 'crm',
          reason: `${files.length} CSV files: read as a CRM export, one table per stage in funnel order.`,
        };
  }
  if (files.length > 1) {
    const found = kinds.map((k) => `${k.name} (${NAMES[k.kind as keyof typeof NAMES]})`);
    return {
      kind: null,
      reason: `Found ${found.join(', ')}; expected one model, workbook or SankeyMATIC file at a time, or only CSV files of a CRM export.`,
    };
  }
  const kind: ImportKind = first.kind === 'csv' ? 'crm' : first.kind;
  return { kind, reason: `${first.name} is ${NAMES[first.kind]}.` };
}
