import type { CellValue } from 'exceljs';
import { isBlank, isFormula, parseNumberLiteral } from '../model/number';

/*
 * Cells between the model (text as typed) and a workbook (typed values). A
 * number literal is written as a number with a number format that shows it
 * as typed (`35%` → 0.35 as `0%`, `$12,000` → 12000 as `"$"#,##0`), so it
 * reads back as the same text; `2.5k` and `1e3` read back as `2500` and
 * `1000` (the same number). Formulas are written as formulas. Labels are
 * always plain strings: a label is never a formula, whatever it starts with.
 */

const LITERAL_SHAPE = /^([+-]?)\s*([$€£¥]?)\s*([+-]?)([\d,]*)(?:\.(\d*))?\s*(%?)$/;

/** A number cell's value and the number format that shows it as it was typed. */
export interface NumberCell {
  value: CellValue;
  numFmt?: string;
}

/**
 * The workbook value of a model cell.
 *
 * @param text the cell as typed: blank, a number literal, or a formula
 * @param result the formula's evaluated number, cached in the file for readers that do not recalculate
 */
export function toWorkbookCell(text: string, result?: number): NumberCell {
  if (isBlank(text)) return { value: null };
  const t = text.trim();
  if (isFormula(t)) {
    return {
      value: result === undefined ? { formula: t.slice(1) } : { formula: t.slice(1), result },
    };
  }
  const n = parseNumberLiteral(t);
  if (n === null) return { value: t };
  const shape = LITERAL_SHAPE.exec(t);
  if (!shape) return { value: n };
  const [, , currency = '', , digits = '', decimals, percent] = shape;
  const grouped = digits.includes(',');
  if (!currency && !grouped && !percent) return { value: n };
  const places = decimals ? `.${'0'.repeat(decimals.length)}` : '';
  const numFmt = `${currency ? `"${currency}"` : ''}${grouped ? '#,##0' : '0'}${places}${percent}`;
  return { value: n, numFmt };
}

const FORMAT_SHAPE = /^(?:"([$€£¥])")?(#,##0|0)(?:\.(0+))?(%?)$/;

/** A number as it would be typed, following its number format where it is one {@link toWorkbookCell} writes. */
function numberText(value: number, numFmt: string | undefined): string {
  const shape = numFmt ? FORMAT_SHAPE.exec(numFmt) : null;
  if (!shape) return String(value);
  const [, currency = '', integer, decimals = '', percent] = shape;
  const shown = percent ? +(value * 100).toPrecision(15) : value;
  const abs = Math.abs(shown);
  const body =
    integer === '#,##0'
      ? abs.toLocaleString('en-US', {
          minimumFractionDigits: decimals.length,
          maximumFractionDigits: Math.max(decimals.length, 15),
        })
      : decimals
        ? abs.toFixed(Math.max(decimals.length, (String(abs).split('.')[1] ?? '').length))
        : String(abs);
  return `${shown < 0 ? '-' : ''}${currency}${body}${percent}`;
}

/** Text of a formula's cached result, or '' when it has none. */
const resultText = (result: unknown): string =>
  typeof result === 'number' || typeof result === 'string' || typeof result === 'boolean'
    ? String(result)
    : '';

/** Text of rich text, hyperlinks and other objects a label cell can hold. */
function objectText(value: object): string | null {
  if ('richText' in value && Array.isArray(value.richText)) {
    return value.richText.map((r: { text?: unknown }) => String(r.text ?? '')).join('');
  }
  if ('text' in value && typeof value.text === 'string') return value.text;
  return null;
}

/**
 * A number cell of a workbook as model text: formulas as `=…`, numbers as
 * typed (see {@link toWorkbookCell}), anything else as its text (the model
 * flags text in a number field). A shared formula, which only Excel's own
 * fill writes, is read as its cached value.
 *
 * @param warn called with a phrase when a cell is read as less than it was
 * @param formulas false to read formulas as their cached values (a sheet laid out
 *   otherwise than the Funnel sheet, whose cell references would point elsewhere)
 */
export function fromWorkbookCell(
  value: CellValue,
  numFmt: string | undefined,
  warn: (what: string) => void,
  formulas = true,
): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numberText(value, numFmt);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) {
    warn('a date, read as blank');
    return '';
  }
  if ('formula' in value && typeof value.formula === 'string') {
    if (formulas) return `=${value.formula}`;
    return typeof value.result === 'number' ? numberText(value.result, numFmt) : '';
  }
  if ('sharedFormula' in value) {
    warn('a shared formula, read as its value');
    return typeof value.result === 'number' ? String(value.result) : '';
  }
  if ('error' in value) {
    warn(`an error (${String(value.error)}), read as blank`);
    return '';
  }
  return objectText(value) ?? '';
}

/** A label cell of a workbook as plain text: a formula's cached result, never its formula run. */
export function labelFromWorkbookCell(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('formula' in value || 'sharedFormula' in value) {
    const cached = resultText((value as { result?: unknown }).result);
    return (
      cached || ('formula' in value && typeof value.formula === 'string' ? `=${value.formula}` : '')
    );
  }
  return objectText(value) ?? '';
}
