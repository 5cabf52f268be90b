import type * as ExcelJS from 'exceljs';
import type { SteadyState } from '../analysis/steady';
import type { CellResult, EvaluatedModel } from '../engine/types';
import { LOOP_FIELD_LABELS } from '../model/fields';
import {
  columnLetter,
  FUNNEL_COLUMNS,
  funnelAddress,
  HEADER_ROWS,
  LOOP_ROWS,
  SHEETS,
} from '../model/layout';
import { STAGE_NUMBER_FIELDS, type Model } from '../model/types';
import { FORMAT_TAG, FORMAT_VERSION } from '../model/version';
import {
  ASSUMPTION_HEADERS,
  COMPUTED_HEADERS,
  computedRow,
  FUNNEL_HEADERS,
  ID_HEADER,
} from './sheet/grid';
import { toWorkbookCell } from './xlsx-cells';
import { formulaNote, liveFormula } from './xlsx-formulas';
import { loadExcelJs, SETTINGS_LABELS, SETTINGS_SHEET } from './xlsx-load';

/** A name Excel accepts for a defined name (and not a cell address such as AE1 or R1C1). */
export function isExcelName(name: string): boolean {
  return (
    /^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) &&
    !/^[RrCc]$/.test(name) &&
    !/^[Rr]\d*[Cc]\d*$/.test(name) &&
    name.length <= 255
  );
}

const numberOf = (r: CellResult | undefined) => (r?.kind === 'number' ? r.value : undefined);

/**
 * The assumption names the workbook defines, lower case, each with its row on
 * the Assumptions sheet: those Excel accepts, the first of any repeated one
 * (the engine refuses the same names, so those formulas show #NAME? in both).
 */
function definedNames(model: Model): Map<string, number> {
  const rows = new Map<string, number>();
  model.assumptions.forEach((a, i) => {
    const name = a.name.trim();
    if (isExcelName(name) && !rows.has(name.toLowerCase())) {
      rows.set(name.toLowerCase(), i + HEADER_ROWS + 1);
    }
  });
  return rows;
}

/**
 * Writes a model cell (number, formula or blank) with its number format and
 * cached result. A formula that is not safe to run in Excel (xlsx-formulas.ts)
 * is written as its value, the formula and the reason in the cell's note.
 *
 * @param names the workbook's defined names, lower case
 */
function put(
  cell: ExcelJS.Cell,
  text: string,
  result: CellResult | undefined,
  names: ReadonlySet<string>,
): void {
  const { value, numFmt } = toWorkbookCell(text, numberOf(result));
  if (
    value !== null &&
    typeof value === 'object' &&
    'formula' in value &&
    typeof value.formula === 'string'
  ) {
    const verdict = liveFormula(value.formula, names);
    if (!verdict.live) {
      // exceljs drops a note on an empty cell, so a formula without a number keeps an empty text.
      cell.value = numberOf(result) ?? '';
      cell.note = formulaNote(text.trim(), verdict.reason);
      return;
    }
  }
  cell.value = value;
  if (numFmt) cell.numFmt = numFmt;
}

function header(sheet: ExcelJS.Worksheet, labels: readonly string[]): void {
  const row = sheet.getRow(1);
  labels.forEach((l, i) => (row.getCell(i + 1).value = l));
  row.font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: HEADER_ROWS }];
}

/**
 * The computed columns as live formulas over the row's own cells (their
 * values cached from the steady state). Inflow adds the Out of each feeder by
 * fixed reference, so Excel sees no circular reference; a blank conversion is
 * 100 % and a blank capacity unlimited, as in the app (PRODUCT.md).
 */
function computedFormulas(model: Model, i: number): string[] {
  const row = i + HEADER_ROWS + 1;
  const computed = (k: number) => `${columnLetter(FUNNEL_COLUMNS.length + k)}${row}`;
  const inflow = computed(0);
  const processed = computed(1);
  const outColumn = columnLetter(FUNNEL_COLUMNS.length + 3);
  const id = model.stages[i]?.id;
  const feeders = model.stages.flatMap((s, j) =>
    s.next === id ? [`${outColumn}${j + HEADER_ROWS + 1}`] : [],
  );
  const capacity = funnelAddress(i, 'capacity');
  const conversion = funnelAddress(i, 'conversion');
  return [
    [`N(${funnelAddress(i, 'arrivals')})`, ...feeders].join('+'),
    `IF(ISBLANK(${capacity}),${inflow},MIN(${inflow},${capacity}))`,
    `${inflow}-${processed}`,
    `${processed}*IF(ISBLANK(${conversion}),1,${conversion})`,
    `IF(OR(ISBLANK(${capacity}),${capacity}=0),"",${inflow}/${capacity})`,
  ];
}

function funnelSheet(
  wb: ExcelJS.Workbook,
  model: Model,
  names: ReadonlySet<string>,
  flow: SteadyState,
  evaluated?: EvaluatedModel,
): void {
  const sheet = wb.addWorksheet(SHEETS.funnel);
  header(sheet, [...FUNNEL_HEADERS, ...COMPUTED_HEADERS, ID_HEADER]);
  const nameOf = new Map(model.stages.map((s) => [s.id, s.name]));
  model.stages.forEach((s, i) => {
    const row = sheet.getRow(i + HEADER_ROWS + 1);
    row.getCell(1).value = s.name;
    row.getCell(2).value = s.next === null ? null : (nameOf.get(s.next) ?? null);
    for (const f of STAGE_NUMBER_FIELDS) {
      put(row.getCell(FUNNEL_COLUMNS.indexOf(f) + 1), s[f], evaluated?.stages[i]?.[f], names);
    }
    const values = computedRow(flow, i);
    computedFormulas(model, i).forEach((formula, k) => {
      const result = values[k];
      row.getCell(FUNNEL_COLUMNS.length + k + 1).value =
        result === null || result === undefined || !Number.isFinite(result)
          ? { formula, result: '' }
          : { formula, result };
    });
    row.getCell(FUNNEL_COLUMNS.length + COMPUTED_HEADERS.length + 1).value = s.id;
  });
  sheet.getColumn(1).width = 28;
  sheet.getColumn(2).width = 22;
}

function assumptionsSheet(
  wb: ExcelJS.Workbook,
  model: Model,
  names: ReadonlyMap<string, number>,
  evaluated?: EvaluatedModel,
): void {
  const sheet = wb.addWorksheet(SHEETS.assumptions);
  header(sheet, ASSUMPTION_HEADERS);
  const known = new Set(names.keys());
  model.assumptions.forEach((a, i) => {
    const r = i + HEADER_ROWS + 1;
    const row = sheet.getRow(r);
    row.getCell(1).value = a.name;
    put(row.getCell(2), a.value, evaluated?.assumptions[i], known);
    row.getCell(3).value = a.note === '' ? null : a.note;
    const name = a.name.trim();
    if (names.get(name.toLowerCase()) === r)
      wb.definedNames.add(`${SHEETS.assumptions}!$B$${r}`, name);
  });
  sheet.getColumn(1).width = 20;
  sheet.getColumn(3).width = 40;
}

function loopSheet(
  wb: ExcelJS.Workbook,
  model: Model,
  names: ReadonlySet<string>,
  evaluated?: EvaluatedModel,
): void {
  const sheet = wb.addWorksheet(SHEETS.loop);
  header(sheet, ['Setting', 'Value']);
  LOOP_ROWS.forEach((f, i) => {
    const row = sheet.getRow(i + HEADER_ROWS + 1);
    row.getCell(1).value = LOOP_FIELD_LABELS[f];
    put(row.getCell(2), model.loop[f], evaluated?.loop[f], names);
  });
  sheet.getColumn(1).width = 24;
}

function settingsSheet(wb: ExcelJS.Workbook, model: Model): void {
  const sheet = wb.addWorksheet(SETTINGS_SHEET);
  header(sheet, ['Setting', 'Value']);
  const values: Record<keyof typeof SETTINGS_LABELS, string | number | boolean> = {
    format: `${FORMAT_TAG} ${FORMAT_VERSION}`,
    name: model.name,
    period: model.period,
    horizon: model.horizon,
    currency: model.currency,
    enabled: model.loop.enabled,
    entry: model.loop.entry ?? '',
    ...model.notes,
  };
  (Object.keys(SETTINGS_LABELS) as (keyof typeof SETTINGS_LABELS)[]).forEach((key, i) => {
    const row = sheet.getRow(i + HEADER_ROWS + 1);
    row.getCell(1).value = SETTINGS_LABELS[key];
    row.getCell(2).value = values[key] === '' ? null : values[key];
  });
  sheet.getColumn(1).width = 30;
  sheet.getColumn(2).width = 40;
}

/**
 * The model as an XLSX workbook with live formulas: a Funnel sheet laid out
 * exactly as model/layout.ts says (header row 1, stages from row 2; A Stage,
 * B Feeds into, C… the number fields), so `=C3*0.4` means the same cell; the
 * computed Inflow, Processed, Pileup, Out and Load as formulas; an
 * Assumptions sheet whose names are workbook names (so `=AEs*50` works in
 * Excel); the Loop sheet; and a Settings sheet (name, period, loop switch,
 * notes) so {@link importXlsx} gives back the same model. Labels are
 * written as plain strings, never formulas (no formula injection); a model
 * formula is live only when it uses nothing but the workbook's own cells, the
 * assumption names and allow-listed functions (xlsx-formulas.ts), else it is
 * written as its value with the formula in a note (and read back from it).
 * Excel recalculates on open; cached results come from `flow` and `evaluated`.
 *
 * @param model the model
 * @param flow its steady state, for the computed columns' cached values
 * @param evaluated its evaluated cells, for formulas' cached values (optional)
 * @returns the .xlsx file's bytes
 */
export async function gridToXlsx(
  model: Model,
  flow: SteadyState,
  evaluated?: EvaluatedModel,
): Promise<Uint8Array> {
  const Excel = await loadExcelJs();
  const wb = new Excel.Workbook();
  wb.creator = 'Bottleneck';
  wb.calcProperties.fullCalcOnLoad = true;
  const names = definedNames(model);
  const known = new Set(names.keys());
  funnelSheet(wb, model, known, flow, evaluated);
  assumptionsSheet(wb, model, names, evaluated);
  loopSheet(wb, model, known, evaluated);
  settingsSheet(wb, model);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
