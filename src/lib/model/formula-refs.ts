import { mapFormulaWords } from './formula-words';
import { isFormula } from './number';
import type { Model } from './types';

/** Functions whose value changes on every evaluation: a formula using them does not rest on its inputs alone. */
const VOLATILE = new Set(['rand', 'randbetween', 'now', 'today']);

/** Words that are constants, not references: numbers (`50`, `1.5`, `1e3`) and booleans. */
const CONSTANT = /^(?:\d+\.?\d*|\.\d+)(?:e\d*)?$|^(?:true|false)$/i;

/**
 * The one assumption a formula rests on: the row of the only assumption it
 * names, when everything else in it is a constant or a (non-volatile)
 * function — `=AEs*50`, `=ROUND(AEs*12.5, 0)`. A formula that also refers
 * to a cell (`=AEs*C2`), another sheet (`Funnel!C2`), a second assumption
 * or an unknown name rests on more than one thing, and gives null.
 *
 * Names match case-insensitively, as the engine's named expressions do;
 * scientific notation such as `1e-3` counts as a constant.
 *
 * @param formula a cell's text; anything that is not a formula gives null
 * @returns the assumption's row in `model.assumptions`, or null
 */
export function soleAssumption(model: Model, formula: string): number | null {
  if (!isFormula(formula)) return null;
  const rows = new Map(model.assumptions.map((a, i) => [a.name.toLowerCase(), i]));
  const found = new Set<number>();
  let other = false;
  mapFormulaWords(formula, (word, before, after) => {
    const lower = word.toLowerCase();
    if (after === '(') other ||= VOLATILE.has(lower);
    else if (before === '!' || after === '!' || after === ':' || before === ':') other = true;
    else if (CONSTANT.test(word)) return word;
    else if (rows.has(lower)) found.add(rows.get(lower) as number);
    else other = true;
    return word;
  });
  // Quoted sheet names ('My sheet'!A1) are skipped by the word scanner: a `!` anywhere means a reference.
  if (other || found.size !== 1 || formula.includes('!')) return null;
  return [...found][0] as number;
}
