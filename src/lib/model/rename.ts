import { cleanName } from './clean-text';
import { mapFormulaWords } from './formula-words';
import { LOOP_NUMBER_FIELDS, STAGE_NUMBER_FIELDS, type Model } from './types';

/**
 * Replaces a name in a formula, as a spreadsheet does when a named range is
 * renamed: whole identifiers only (case-insensitive), never inside string
 * literals, never a function name (`NAME(`) or a sheet name (`Name!A1`).
 *
 * @param formula a formula starting with `=` (other text is returned as is)
 */
export function renameInFormula(formula: string, from: string, to: string): string {
  if (from === '') return formula;
  const target = from.toLowerCase();
  return mapFormulaWords(formula, (word, before, after) =>
    word.toLowerCase() === target && before !== '!' && after !== '(' && after !== '!' ? to : word,
  );
}

/**
 * Renames an assumption and every use of its name in the model's formulas.
 *
 * @param row the assumption's row
 * @param name the new name (cleaned of control characters and trimmed here)
 */
export function renameAssumption(model: Model, row: number, name: string): Model {
  const a = model.assumptions[row];
  if (!a) throw new RangeError(`No assumption at row ${row}.`);
  const to = cleanName(name).trim();
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
