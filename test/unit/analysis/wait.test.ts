import { describe, expect, it } from 'vitest';
import { waitText } from '../../../src/lib/analysis/wait';

describe('waitText', () => {
  it('says the wait in periods, one period in the singular', () => {
    expect(waitText(1.2, 'month')).toBe('1.2 months');
    expect(waitText(9, 'week')).toBe('9 weeks');
    expect(waitText(1, 'day')).toBe('1 day');
    expect(waitText(0.9996, 'week')).toBe('1 week');
    expect(waitText(0.004, 'quarter')).toBe('0.004 quarters');
  });

  it('says "never processed" rather than a number when nothing is processed, "no wait" when nothing waits', () => {
    expect(waitText(null, 'month')).toBe('never processed');
    expect(waitText(0, 'month')).toBe('no wait');
  });
});
