import { REFUSED_MESSAGE } from './refusals';
import type { CellError, CellErrorCode } from './types';

/** HyperFormula's error types mapped to the codes users see. */
const CODE_OF_TYPE: Record<string, CellErrorCode> = {
  DIV_BY_ZERO: '#DIV/0!',
  NAME: '#NAME?',
  CYCLE: '#CYCLE!',
  VALUE: '#VALUE!',
  REF: '#REF!',
  NUM: '#NUM!',
  NA: '#N/A',
  ERROR: '#ERROR!',
  SPILL: '#SPILL!',
};

/**
 * Explains a HyperFormula error in plain words.
 *
 * @param type HyperFormula's `ErrorType` (e.g. `DIV_BY_ZERO`)
 * @param detail HyperFormula's message, used to name an unknown name
 */
export function explainError(type: string, detail: string): CellError {
  const code = CODE_OF_TYPE[type] ?? '#ERROR!';
  switch (code) {
    case '#DIV/0!':
      return {
        code,
        explanation: 'Divides by zero: a cell this formula divides by is 0 or blank.',
      };
    case '#NAME?': {
      const name = /(?:expression|function) (\S+?)\.? not recognized/i.exec(detail)?.[1];
      return {
        code,
        explanation: name
          ? `Unknown name "${name}": it is neither an assumption nor a function. Check the spelling or add it under Assumptions.`
          : 'Unknown name: a word in this formula is neither an assumption nor a function.',
      };
    }
    case '#CYCLE!':
      return {
        code,
        explanation:
          'Circular reference: this cell depends on itself, directly or through other cells.',
      };
    case '#VALUE!':
      return {
        code,
        explanation: 'Wrong kind of value: the formula uses text where a number is needed.',
      };
    case '#REF!':
      return { code, explanation: 'Refers to a cell that no longer exists (its row was deleted).' };
    case '#NUM!':
      return {
        code,
        explanation: 'Not a valid number: the result is too large or the calculation is undefined.',
      };
    case '#N/A':
      return { code, explanation: 'No value available: a lookup in this formula found nothing.' };
    case '#SPILL!':
      return {
        code,
        explanation:
          'The formula gives several values; a cell holds one. Wrap it in SUM, MIN or MAX.',
      };
    default:
      if (detail === REFUSED_MESSAGE) {
        return {
          code: '#ERROR!',
          explanation:
            "Uses a cell that can't be computed: fix that cell's formula (its own error says why).",
        };
      }
      return {
        code: '#ERROR!',
        explanation: /pars/i.test(detail)
          ? "The formula can't be read: check brackets, commas and operators."
          : `The formula failed: ${detail || 'unknown error'}.`,
      };
  }
}

/** The error of a number cell that holds text (or a formula that gives text or TRUE/FALSE). */
export function notANumber(shown: string): CellError {
  const quoted = shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
  return {
    code: '#VALUE!',
    explanation: `"${quoted}" is not a number. Type a number (2000, 1,500, 2.5k, 35%, $12,000) or a formula starting with =.`,
  };
}
