import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralizeCell, restoreCell } from '../../../src/lib/io/injection';

describe('formula injection (OWASP)', () => {
  it.each(['=1+1', '+1', '-1+2', '@SUM(A1)', '\tx', '\rx', "'x"])(
    'neutralises %j with a leading apostrophe',
    (text) => {
      expect(neutralizeCell(text)).toBe(`'${text}`);
      expect(restoreCell(neutralizeCell(text))).toBe(text);
    },
  );

  it('leaves plain text and plain numbers in number columns alone', () => {
    expect(neutralizeCell('Leads')).toBe('Leads');
    expect(neutralizeCell('-5', true)).toBe('-5');
    expect(neutralizeCell('-5%', true)).toBe('-5%');
    expect(neutralizeCell('-2.5k', true)).toBe("'-2.5k");
    expect(neutralizeCell('-5')).toBe("'-5");
    expect(restoreCell("'til then")).toBe("'til then");
  });

  it('never lets a formula trigger lead, and always restores the text (seeded)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 12 }), fc.boolean(), (text, numbers) => {
        const safe = neutralizeCell(text, numbers);
        if (!numbers || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?%?$/i.test(text))
          expect(safe).not.toMatch(/^[=+\-@\t\r]/);
        expect(restoreCell(safe)).toBe(text);
      }),
      { seed: 7, numRuns: 2000 },
    );
  });
});
