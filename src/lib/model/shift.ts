import { mapFormulaWords } from './formula-words';
import { columnIndex, columnLetter } from './layout';

/** An A1 reference: `$` anchors, column letters, row number. */
const REFERENCE = /^(\$?)([A-Za-z]{1,3})(\$?)([1-9][0-9]*)$/;

/**
 * Moves the relative A1 references of a formula as a spreadsheet does when
 * a cell is copied `rows` down and `columns` right (negative: up, left):
 * `=C3*0.4` copied one row down reads `=C4*0.4`; an anchored part stays
 * (`$C$3` never moves, `C$3` moves its column only). References on other
 * sheets (`Assumptions!B2`) move the same way, as in Excel and Google Sheets.
 * Names (`=AEs*50`), function names (`LOG10(`), numbers and string literals
 * are left as they are. A reference moved above row 1 or left of column A
 * becomes `#REF!`, as in Excel. Text that is not a formula is returned as is.
 *
 * Source: the relative/absolute reference rules of Excel ("Switch between
 * relative, absolute, and mixed references") and Google Sheets.
 *
 * @param text a cell's text
 * @param rows how many rows the cell moved (whole number)
 * @param columns how many columns the cell moved (whole number)
 */
export function shiftReferences(text: string, rows: number, columns: number): string {
  if (rows === 0 && columns === 0) return text;
  return mapFormulaWords(text, (word, _before, after) => {
    const ref = REFERENCE.exec(word);
    if (!ref || after === '(') return word;
    const [, colAnchor = '', letters = '', rowAnchor = '', digits = ''] = ref;
    const column = columnIndex(letters) + (colAnchor ? 0 : columns);
    const row = Number(digits) + (rowAnchor ? 0 : rows);
    if (column < 0 || row < 1) return '#REF!';
    return `${colAnchor}${columnLetter(column)}${rowAnchor}${row}`;
  });
}
