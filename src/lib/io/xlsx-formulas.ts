import { SHEETS } from '../model/layout';

/*
 * Which formulas a workbook gets as live formulas. A model's formula text can
 * come from anyone (a share link, a file), and Excel runs what the app's
 * engine would not: `=WEBSERVICE("https://…")` sends data out,
 * `=cmd|' /C calc'!A0` (DDE) starts a program, `=[1]Sheet1!$A$1` reads another
 * workbook. So a formula is written live only when every word of it is known:
 * the workbook's own cells (A1 references and ranges, on the Funnel,
 * Assumptions and Loop sheets), the model's assumption names, numbers, and
 * functions on an allow-list of arithmetic, logic, lookup and finance ones.
 * Anything else is written as its value, with the formula in a note.
 */

/** Functions written as live formulas: arithmetic, logic, counting, lookup within the workbook, finance. */
const LIVE_FUNCTIONS: ReadonlySet<string> = new Set([
  'ABS', 'AND', 'AVERAGE', 'AVERAGEIF', 'AVERAGEIFS', 'CEILING', 'CHOOSE', 'COUNT', 'COUNTA',
  'COUNTBLANK', 'COUNTIF', 'COUNTIFS', 'EXP', 'FALSE', 'FLOOR', 'FV', 'HLOOKUP', 'IF', 'IFERROR',
  'IFNA', 'IFS', 'INDEX', 'INT', 'ISBLANK', 'ISERROR', 'ISNUMBER', 'LN', 'LOG', 'LOG10', 'MATCH',
  'MAX', 'MEDIAN', 'MIN', 'MOD', 'MROUND', 'N', 'NOT', 'NPV', 'OR', 'PI', 'PMT', 'POWER', 'PRODUCT',
  'PV', 'QUOTIENT', 'RATE', 'ROUND', 'ROUNDDOWN', 'ROUNDUP', 'SIGN', 'SQRT', 'SUM', 'SUMIF',
  'SUMIFS', 'SUMPRODUCT', 'SWITCH', 'TRUE', 'TRUNC', 'VLOOKUP', 'XOR',
]); // prettier-ignore

/** Whether a formula may be written live, and if not, why (a phrase: "it calls WEBSERVICE"). */
export type FormulaVerdict = { live: true } | { live: false; reason: string };

const OWN_SHEETS = new Set(Object.values(SHEETS).map((s) => s.toLowerCase()));
const WORD = /[A-Za-z0-9_.\\$]/;
const OPERATORS = new Set([...'+-*/^&=<>%(),:; ']);
const CELL = /^\$?[A-Za-z]{1,3}\$?\d{1,7}$/;
const COLUMN = /^\$?[A-Za-z]{1,3}$/;
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE]\d+)?$/;
const MANTISSA = /^(?:\d+\.?\d*|\.\d+)[eE]$/;

const refuse = (reason: string): FormulaVerdict => ({ live: false, reason });

/** The verdict on one word of a formula, given the characters around it. */
function wordVerdict(
  word: string,
  before: string,
  after: string,
  names: ReadonlySet<string>,
): FormulaVerdict {
  if (after === '(') {
    return LIVE_FUNCTIONS.has(word.toUpperCase())
      ? { live: true }
      : refuse(
          `it calls ${word.toUpperCase()}, which is not on the list of functions exported live`,
        );
  }
  if (after === '!') {
    return OWN_SHEETS.has(word.toLowerCase())
      ? { live: true }
      : refuse(`it refers to the sheet ${word}, which is not the model's`);
  }
  if (NUMBER.test(word) || CELL.test(word) || /^(true|false)$/i.test(word)) return { live: true };
  if (COLUMN.test(word) && (after === ':' || before === ':')) return { live: true };
  if (names.has(word.toLowerCase())) return { live: true };
  return refuse(`it uses the name ${word}, which is not one of the model's assumptions`);
}

/**
 * Decides whether a model formula is written to a workbook as a live formula.
 *
 * @param formula the formula without its leading `=`
 * @param names the assumption names the workbook defines (lower case)
 * @returns `{ live: true }`, or `{ live: false, reason }` naming the first unknown part
 */
export function liveFormula(formula: string, names: ReadonlySet<string>): FormulaVerdict {
  let i = 0;
  let previous = '';
  while (i < formula.length) {
    const c = formula[i] as string;
    if (c === '"') {
      let j = i + 1;
      while (j < formula.length && !(formula[j] === '"' && formula[j + 1] !== '"')) {
        j += formula[j] === '"' ? 2 : 1;
      }
      if (j >= formula.length) return refuse('a quoted text in it never ends');
      i = j + 1;
      previous = '"';
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      while (j < formula.length && !(formula[j] === "'" && formula[j + 1] !== "'")) {
        j += formula[j] === "'" ? 2 : 1;
      }
      const sheet = formula.slice(i + 1, j).replace(/''/g, "'");
      if (formula[j + 1] !== '!' || !OWN_SHEETS.has(sheet.toLowerCase())) {
        return refuse(`it refers to '${sheet}', which is not one of the model's sheets`);
      }
      i = j + 2;
      previous = '!';
      continue;
    }
    if (WORD.test(c)) {
      let j = i + 1;
      while (j < formula.length && WORD.test(formula[j] as string)) j++;
      let word = formula.slice(i, j);
      // 1e+5: the sign and digits of an exponent belong to the number.
      const exponent = MANTISSA.test(word) ? /^[+-]\d+/.exec(formula.slice(j)) : null;
      if (exponent) {
        j += exponent[0].length;
        word = `${word}${exponent[0].slice(1)}`;
      }
      const after = formula.slice(j).trimStart()[0] ?? '';
      const verdict = wordVerdict(word, previous, after, names);
      if (!verdict.live) return verdict;
      i = j;
      previous = word;
      continue;
    }
    if (c === '[') return refuse('it refers to another workbook');
    if (c === '|') return refuse('it starts another program (a DDE link)');
    if (c === '!' && /^[A-Za-z_]/.test(previous)) {
      i++;
      continue;
    }
    if (!OPERATORS.has(c)) return refuse(`it holds “${c}”`);
    if (c !== ' ') previous = c;
    i++;
  }
  return { live: true };
}

/** First line of the note on a cell whose formula was written as its value. */
const NOTE_HEADING = 'Bottleneck formula, written as its value:';

/**
 * The note on a cell whose formula is not written live: the heading, the
 * formula (from which {@link formulaFromNote} reads it back), and why.
 *
 * @param formula the formula with its leading `=`
 * @param reason why it is not live (a phrase from {@link liveFormula})
 */
export function formulaNote(formula: string, reason: string): string {
  return `${NOTE_HEADING}\n${formula}\n(not a live formula in this workbook: ${reason}.)`;
}

/**
 * The formula a note written by {@link formulaNote} holds, or null for any other note.
 *
 * @param note a cell's note as exceljs reads it (text, or rich text)
 */
export function formulaFromNote(note: unknown): string | null {
  const text =
    typeof note === 'string'
      ? note
      : typeof note === 'object' && note !== null && 'texts' in note && Array.isArray(note.texts)
        ? note.texts.map((t: { text?: unknown }) => String(t.text ?? '')).join('')
        : '';
  const [heading, formula] = text.split('\n');
  return heading === NOTE_HEADING && formula?.startsWith('=') ? formula : null;
}
