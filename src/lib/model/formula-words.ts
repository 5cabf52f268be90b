import { isFormula } from './number';

/** Characters that continue a word of a formula: names, cell references, numbers. */
const WORD_PART = /[A-Za-z0-9_.\\$]/;

/**
 * Rewrites the words of a formula one by one: names, cell references
 * (`C3`, `$B$2`) and numbers, never the inside of a string literal (`"a b"`,
 * with `""` as an escaped quote) or of a quoted sheet name (`'My sheet'!A1`).
 * Operators, spaces, parentheses and `!` are kept as they are.
 *
 * @param formula a formula starting with `=` (any other text is returned as is)
 * @param rewrite given a word, the character before it (`''` at the start)
 *   and the first non-space character after it (`''` at the end); returns
 *   its replacement
 */
export function mapFormulaWords(
  formula: string,
  rewrite: (word: string, before: string, after: string) => string,
): string {
  if (!isFormula(formula)) return formula;
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const c = formula[i] as string;
    if (c === '"') {
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === '"' && formula[j + 1] === '"') j += 2;
        else if (formula[j] === '"') break;
        else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === "'") {
      const j = formula.indexOf("'", i + 1);
      const end = j === -1 ? formula.length : j + 1;
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    if (WORD_PART.test(c)) {
      let j = i + 1;
      while (j < formula.length && WORD_PART.test(formula[j] as string)) j++;
      const after = formula.slice(j).trimStart()[0] ?? '';
      out += rewrite(formula.slice(i, j), formula[i - 1] ?? '', after);
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
