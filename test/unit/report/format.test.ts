import { describe, expect, it } from 'vitest';
import { timesToday } from '../../../src/lib/report/format';

describe('timesToday', () => {
  it('says how far demand must rise, never "1× today" for a rise under 1 %', () => {
    expect(timesToday(1.25)).toBe('1.25× today');
    expect(timesToday(5)).toBe('5× today');
    expect(timesToday(1.0004)).toMatch(/^0\.04 ?% more than today$/);
    expect(timesToday(1.0004)).not.toMatch(/1× today/);
  });
});
