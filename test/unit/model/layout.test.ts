import { describe, expect, it } from 'vitest';
import { columnIndex, columnLetter } from '../../../src/lib/model/layout';

describe('columnIndex', () => {
  it('reads column letters in any case as the 0-based index columnLetter writes', () => {
    expect(columnIndex('A')).toBe(0);
    expect(columnIndex('z')).toBe(25);
    expect(columnIndex('AA')).toBe(26);
    expect(columnIndex('BL')).toBe(63);
    for (const index of [0, 25, 26, 63, 701, 702, 16_383]) {
      expect(columnIndex(columnLetter(index))).toBe(index);
    }
  });
});
