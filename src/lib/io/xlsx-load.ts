import type * as ExcelJS from 'exceljs';

/**
 * Loads exceljs on first use (about 1 MB of JavaScript), so that only an XLSX
 * export or import pays for it. Works with the CommonJS build in Node and
 * the browser build Vite picks.
 */
export async function loadExcelJs(): Promise<typeof ExcelJS> {
  const mod = (await import('exceljs')) as typeof ExcelJS & { default?: typeof ExcelJS };
  return mod.default ?? mod;
}

/** Names of the workbook's sheets, beside model/layout.ts's Funnel, Assumptions and Loop. */
export const SETTINGS_SHEET = 'Settings';

/** Labels of the Settings sheet rows (column A), in order; values in column B. */
export const SETTINGS_LABELS = {
  format: 'Format',
  name: 'Name',
  period: 'Period',
  horizon: 'Horizon (periods)',
  currency: 'Currency',
  enabled: 'Pull loop on',
  entry: 'Referred leads enter (stage id)',
  undesirable: 'Undesirable effect',
  conflict: 'Conflict',
  assumption: 'Assumption behind it',
  category: 'Measure hurt most',
} as const;
