import type * as ExcelJS from 'exceljs';
import { emptyModel } from '../model/defaults';
import { LOOP_FIELD_LABELS } from '../model/fields';
import { HEADER_ROWS, LOOP_ROWS, SHEETS } from '../model/layout';
import { LIMITS } from '../model/limits';
import { restoreModel } from '../model/restore';
import { serializeModel } from '../model/serialize';
import { PERIODS, type Assumption, type Loop, type Model, type Period } from '../model/types';
import { fail, formatCount, guarded } from './errors';
import { openWorkbookArchive } from './xlsx-archive';
import type { PasteOptions } from './paste';
import type { GridImport } from './sheet-import';
import { FUNNEL_HEADERS } from './sheet/grid';
import { readColumns, type TableColumn } from './sheet/headers';
import { tableToAssumptions, tableToStages } from './sheet/table';
import { fromWorkbookCell, labelFromWorkbookCell } from './xlsx-cells';
import { formulaFromNote } from './xlsx-formulas';
import { loadExcelJs, SETTINGS_LABELS, SETTINGS_SHEET } from './xlsx-load';

const LABEL_COLUMNS = new Set<TableColumn>(['name', 'next', 'id', 'ignore']);

/** The used rows of a sheet as cells, through `read(cell, column index)`. */
function rowsOf(
  sheet: ExcelJS.Worksheet,
  read: (cell: ExcelJS.Cell, column: number) => string,
): string[][] {
  const rows: string[][] = [];
  const width = Math.min(sheet.columnCount, 64);
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(Array.from({ length: width }, (_, c) => read(row.getCell(c + 1), c)));
  }
  return rows;
}

function settingsOf(wb: ExcelJS.Workbook): Map<string, ExcelJS.CellValue> {
  const sheet = wb.getWorksheet(SETTINGS_SHEET);
  const out = new Map<string, ExcelJS.CellValue>();
  sheet?.eachRow((row) => {
    out.set(labelFromWorkbookCell(row.getCell(1).value).trim(), row.getCell(2).value);
  });
  return out;
}

/** The model settings from the Settings sheet, over `base`. */
function withSettings(base: Model, wb: ExcelJS.Workbook): Model {
  const s = settingsOf(wb);
  const text = (key: keyof typeof SETTINGS_LABELS) =>
    labelFromWorkbookCell(s.get(SETTINGS_LABELS[key]) ?? null);
  const has = (key: keyof typeof SETTINGS_LABELS) => s.has(SETTINGS_LABELS[key]);
  const period = text('period') as Period;
  const horizon = Number(text('horizon'));
  return {
    ...base,
    ...(has('name') && { name: text('name').slice(0, LIMITS.name) }),
    ...(PERIODS.includes(period) && { period }),
    ...(Number.isInteger(horizon) && horizon >= 1 && horizon <= LIMITS.horizon && { horizon }),
    ...(/^[A-Z]{3}$/.test(text('currency')) && { currency: text('currency') }),
    loop: {
      ...base.loop,
      ...(has('enabled') && { enabled: /^(true|1|yes)$/i.test(text('enabled')) }),
      ...(has('entry') && { entry: (text('entry').trim() || null) as Loop['entry'] }),
    },
    notes: {
      undesirable: has('undesirable') ? text('undesirable') : base.notes.undesirable,
      conflict: has('conflict') ? text('conflict') : base.notes.conflict,
      assumption: has('assumption') ? text('assumption') : base.notes.assumption,
      category: has('category') ? text('category') : base.notes.category,
    },
  };
}

/**
 * Reads an .xlsx workbook back into a model: the Funnel sheet's header maps
 * its columns (as {@link gridToXlsx} writes them, or any table of stages),
 * formulas come back as formulas and numbers as typed, labels as plain text
 * (a formula in a label cell gives its cached value, never runs); the
 * Assumptions, Loop and Settings sheets, when present, give the rest; what is
 * missing comes from `base`.
 *
 * @param source the file's bytes
 * @throws ImportError when the file is too large (or expands too far), not a workbook, damaged,
 *   or holds no table of stages
 */
export function importXlsx(
  source: Uint8Array | ArrayBuffer,
  options: PasteOptions & { file?: string } = {},
): Promise<GridImport> {
  const file = options.file ?? 'The workbook';
  return guarded(file, async () => {
    const bytes = source instanceof Uint8Array ? source : new Uint8Array(source);
    const { archive, warnings } = openWorkbookArchive(bytes, file);
    const Excel = await loadExcelJs();
    const wb = new Excel.Workbook();
    try {
      await wb.xlsx.load(archive as unknown as ArrayBuffer);
    } catch (error) {
      fail(
        file,
        `cannot be read as a workbook (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
    const funnel = wb.getWorksheet(SHEETS.funnel) ?? wb.worksheets[0];
    if (!funnel || funnel.rowCount === 0)
      fail(
        file,
        `has no ${SHEETS.funnel} sheet with stages; expected a header row and a row per stage.`,
      );
    if (funnel.rowCount > LIMITS.stages + HEADER_ROWS + 100) {
      fail(
        file,
        `its ${funnel.name} sheet has ${formatCount(funnel.rowCount)} rows; a model holds at most ${LIMITS.stages} stages.`,
      );
    }
    const labels = rowsOf(funnel, (c) => labelFromWorkbookCell(c.value));
    const headerRow = labels[0] ?? [];
    const { header, columns } = readColumns(labels, options);
    const kinds = columns.map((c) => c.column);
    // Formulas keep their meaning only in the Funnel sheet's own layout (A Stage, B Feeds into, C…).
    const ownLayout = FUNNEL_HEADERS.every((h, i) => headerRow[i]?.trim() === h);
    if (!ownLayout) {
      warnings.push(
        `${funnel.name}: not laid out as Bottleneck's Funnel sheet, so formulas are read as their values.`,
      );
    }
    const cells = rowsOf(funnel, (c, i) =>
      LABEL_COLUMNS.has(kinds[i] ?? 'ignore')
        ? labelFromWorkbookCell(c.value)
        : ((ownLayout ? formulaFromNote(c.note) : null) ??
          fromWorkbookCell(
            c.value,
            c.numFmt,
            (what) => warnings.push(`${funnel.name}!${c.address} holds ${what}.`),
            ownLayout,
          )),
    );
    const table = tableToStages(header ? cells.slice(1) : cells, columns, file);
    const base = withSettings(options.base ?? emptyModel(), wb);
    const model: Model = {
      ...base,
      stages: table.stages,
      assumptions: assumptionsOf(wb, base, warnings),
      loop: loopOf(wb, base, warnings),
    };
    if (model.loop.entry !== null && !model.stages.some((s) => s.id === model.loop.entry))
      model.loop.entry = null;
    return {
      model: restoreModel(serializeModel(model)),
      header,
      columns,
      warnings: [...warnings, ...table.warnings],
    };
  });
}

function assumptionsOf(wb: ExcelJS.Workbook, base: Model, warnings: string[]): Assumption[] {
  const sheet = wb.getWorksheet(SHEETS.assumptions);
  if (!sheet) return base.assumptions;
  const warn = (what: string) => warnings.push(`${sheet.name}: a value holds ${what}.`);
  return tableToAssumptions(
    rowsOf(sheet, (c, i) =>
      i === 1
        ? (formulaFromNote(c.note) ?? fromWorkbookCell(c.value, c.numFmt, warn))
        : labelFromWorkbookCell(c.value),
    ).slice(HEADER_ROWS),
  );
}

function loopOf(wb: ExcelJS.Workbook, base: Model, warnings: string[]): Loop {
  const sheet = wb.getWorksheet(SHEETS.loop);
  if (!sheet) return base.loop;
  const loop = { ...base.loop };
  const warn = (what: string) => warnings.push(`${sheet.name}: a value holds ${what}.`);
  LOOP_ROWS.forEach((f, i) => {
    const row = sheet.getRow(i + HEADER_ROWS + 1);
    if (labelFromWorkbookCell(row.getCell(1).value).trim() !== LOOP_FIELD_LABELS[f]) return;
    const cell = row.getCell(2);
    loop[f] = (formulaFromNote(cell.note) ?? fromWorkbookCell(cell.value, cell.numFmt, warn))
      .trim()
      .slice(0, LIMITS.cellText);
  });
  return loop;
}
