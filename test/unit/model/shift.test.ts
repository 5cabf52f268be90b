import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shiftReferences } from '../../../src/lib/model/shift';

describe('shiftReferences', () => {
  it('moves relative references by the rows and columns the cell moved', () => {
    expect(shiftReferences('=C3*0.4', 1, 0)).toBe('=C4*0.4');
    expect(shiftReferences('=C3*0.4', 0, 2)).toBe('=E3*0.4');
    expect(shiftReferences('=MIN(B2, 300)+D5', -1, 1)).toBe('=MIN(C1, 300)+E4');
    expect(shiftReferences('=SUM(C2:C5)', 2, 0)).toBe('=SUM(C4:C7)');
  });

  it('keeps anchored parts: $C$3 never moves, C$3 moves its column, $C3 its row', () => {
    expect(shiftReferences('=$C$3+C$3+$C3', 2, 1)).toBe('=$C$3+D$3+$C5');
  });

  it('moves references on other sheets too, but never the sheet name', () => {
    expect(shiftReferences('=Assumptions!B2*Funnel!$E$3', 1, 0)).toBe(
      '=Assumptions!B3*Funnel!$E$3',
    );
    expect(shiftReferences("='Funnel'!C2", 1, 0)).toBe("='Funnel'!C3");
  });

  it('leaves names, functions, numbers and strings alone', () => {
    expect(shiftReferences('=AEs*50+AE_cost+LOG10(100)+1E3+"C3"', 3, 3)).toBe(
      '=AEs*50+AE_cost+LOG10(100)+1E3+"C3"',
    );
    expect(shiftReferences('=Q1_target*2', 1, 0)).toBe('=Q1_target*2');
  });

  it('carries column letters past Z and back', () => {
    expect(shiftReferences('=Z2', 0, 1)).toBe('=AA2');
    expect(shiftReferences('=AA2', 0, -1)).toBe('=Z2');
  });

  it('gives #REF! for a reference moved off the sheet, as Excel does', () => {
    expect(shiftReferences('=C2*2', -2, 0)).toBe('=#REF!*2');
    expect(shiftReferences('=A3', 0, -1)).toBe('=#REF!');
  });

  it('returns numbers and plain text as they are', () => {
    expect(shiftReferences('2.5k', 4, 4)).toBe('2.5k');
    expect(shiftReferences('C3', 1, 0)).toBe('C3');
    expect(shiftReferences('', 1, 0)).toBe('');
  });

  it('moving there and back gives the formula it started from', () => {
    const ref = fc
      .tuple(
        fc.boolean(),
        fc.integer({ min: 0, max: 700 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 900 }),
      )
      .map(([ca, c, ra, r]) => {
        let n = c + 1;
        let letters = '';
        while (n > 0) {
          letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
          n = Math.floor((n - 1) / 26);
        }
        return `${ca ? '$' : ''}${letters}${ra ? '$' : ''}${r}`;
      });
    fc.assert(
      fc.property(
        fc.array(ref, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        (refs, rows, cols) => {
          const formula = `=${refs.join('+')}*2`;
          const there = shiftReferences(formula, rows, cols);
          expect(shiftReferences(there, -rows, -cols)).toBe(formula);
        },
      ),
    );
  });
});
