import { isFormula } from './number';
import { LOOP_NUMBER_FIELDS, STAGE_NUMBER_FIELDS, type Model } from './types';

const IDENT_START = /[A-Za-z_\\]/;
const IDENT_PART = /[A-Za-z0-9_.\\]/;

/**
 * Replaces a name in a formula, as a spreadsheet does when a named range is
 * renamed: whole identifiers only (case-insensitive), never inside string
 * literals, never a function name (`NAME(`) or a sheet name (`Name!A1`).
 *
 * @param formula a formula starting with `=` (other text is returned as is)
 */
export function renameInFormula(formula: string, from: string, to: string): string {
  if (!isFormula(formula) || from === '') return formula;
  const target = from.toLowerCase();
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const c = formula[i] as string;
    if (c === '"') {
      // A string literal; "" inside is an escaped quote.
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
      // A quoted sheet name: 'My sheet'!A1.
      const j = formula.indexOf("'", i + 1);
      const end = j === -1 ? formula.length : j + 1;
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    const prev = formula[i - 1] ?? '';
    if (IDENT_START.test(c) && !IDENT_PART.test(prev) && prev !== '$' && prev !== '!') {
      let j = i + 1;
      while (j < formula.length && IDENT_PART.test(formula[j] as string)) j++;
      const word = formula.slice(i, j);
      const after = formula.slice(j).trimStart()[0];
      out += word.toLowerCase() === target && after !== '(' && after !== '!' ? to : word;
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/**
 * Renames an assumption and every use of its name in the model's formulas.
 *
 * @param row the assumption's row
 * @param name the new name (trimmed)
 */
export function renameAssumption(model: Model, row: number, name: string): Model {
  const a = model.assumptions[row];
  if (!a) throw new RangeError(`No assumption at row ${row}.`);
  const to = name.trim();
  const from = a.name;
  if (from === to) return model;
  const fix = (text: string) => (from === '' ? text : renameInFormula(text, from, to));
  const stages = model.stages.map((s) => {
    const out = { ...s };
    for (const f of STAGE_NUMBER_FIELDS) out[f] = fix(s[f]);
    return out;
  });
  const assumptions = model.assumptions.map((x, i) => ({
    ...x,
    name: i === row ? to : x.name,
    value: fix(x.value),
  }));
  const loop = { ...model.loop };
  for (const f of LOOP_NUMBER_FIELDS) loop[f] = fix(model.loop[f]);
  return { ...model, stages, assumptions, loop };
}
