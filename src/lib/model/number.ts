/**
 * Number literals as users type them in cells (PRODUCT.md "Lay out the funnel
 * as a grid"): `2000`, `1,500`, `2.5k`, `1.2M`, `3bn`, `35%`, `$12,000`,
 * `-€40`, `1e3`.
 *
 * Parsing works on the decimal text (shifting the exponent) rather than by
 * multiplying floats, so `1.2M` is exactly 1200000 and `35%` is the double
 * closest to 0.35.
 */

const LITERAL =
  /^([+-]?)\s*([$€£¥]?)\s*([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?\s*(k|m|mm|b|bn)?\s*(%?)$/i;

const SUFFIX_EXPONENT: Record<string, number> = { k: 3, m: 6, mm: 6, b: 9, bn: 9 };

/**
 * Reads a number literal.
 *
 * @param text raw cell text (leading and trailing spaces are ignored)
 * @returns the number (a percentage as a 0–1 fraction), or `null` when the
 *   text is blank, a formula, or not a number literal
 */
export function parseNumberLiteral(text: string): number | null {
  const match = LITERAL.exec(text.trim());
  if (!match) return null;
  const [, sign1 = '', , sign2 = '', digits = '', exp = '0', suffix = '', percent = ''] = match;
  if (sign1 && sign2) return null;
  if (suffix && percent) return null;
  let exponent = Number(exp);
  if (suffix) exponent += SUFFIX_EXPONENT[suffix.toLowerCase()] ?? 0;
  if (percent) exponent -= 2;
  const negative = (sign1 || sign2) === '-';
  const value = Number(`${digits.replaceAll(',', '')}e${exponent}`);
  if (!Number.isFinite(value)) return null;
  return negative && value !== 0 ? -value : value;
}

/**
 * A 0–1 rate written as the percentage literal {@link parseNumberLiteral}
 * reads back: 0.35 → `35%`, 10 → `1000%`; 12 significant digits, so float
 * noise (0.07 × 100 = 7.000000000000001) is not written.
 *
 * @param rate a fraction (0.35 for 35 %)
 */
export function percentLiteral(rate: number): string {
  return `${+(rate * 100).toPrecision(12)}%`;
}

/** True when the text is a formula (starts with `=`, ignoring leading spaces). */
export function isFormula(text: string): boolean {
  return text.trimStart().startsWith('=');
}

/** True when the cell is blank (empty or only spaces). */
export function isBlank(text: string): boolean {
  return text.trim() === '';
}
