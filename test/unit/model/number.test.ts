import { describe, expect, it } from 'vitest';
import { isFormula, parseNumberLiteral, percentLiteral } from '../../../src/lib/model/number';

describe('parseNumberLiteral', () => {
  it.each([
    ['2000', 2000],
    ['1,500', 1500],
    ['1,234,567.5', 1234567.5],
    ['2.5k', 2500],
    ['2.5K', 2500],
    ['1.2M', 1200000],
    ['3bn', 3e9],
    ['35%', 0.35],
    ['12.5 %', 0.125],
    ['$12,000', 12000],
    ['-$40', -40],
    ['€1.5k', 1500],
    ['.5', 0.5],
    ['1e3', 1000],
    ['  7  ', 7],
    ['-0', 0],
  ])('reads %j as %d', (text, value) => {
    expect(parseNumberLiteral(text)).toBe(value);
  });

  it('is exact where float multiplication is not', () => {
    expect(parseNumberLiteral('1.005k')).toBe(1005);
    expect(1.005 * 1000).not.toBe(1005);
    expect(parseNumberLiteral('0.7%')).toBe(0.007);
  });

  it.each([
    '',
    'abc',
    '=A1',
    '1,50',
    '12,34,567',
    '1.2.3',
    '5k%',
    '--5',
    '$',
    '1 000',
    'Infinity',
    'NaN',
  ])('refuses %j', (text) => {
    expect(parseNumberLiteral(text)).toBeNull();
  });

  it('tells formulas', () => {
    expect(isFormula('=A1')).toBe(true);
    expect(isFormula('  =A1')).toBe(true);
    expect(isFormula('A1=')).toBe(false);
  });
});

describe('percentLiteral', () => {
  it('writes a rate as the percentage parseNumberLiteral reads back, without float noise', () => {
    expect(percentLiteral(0.35)).toBe('35%');
    expect(percentLiteral(0.07)).toBe('7%');
    expect(percentLiteral(10)).toBe('1000%');
    expect(percentLiteral(0)).toBe('0%');
    for (const rate of [0.35, 0.07, 0.123456, 1, 10, 0]) {
      expect(parseNumberLiteral(percentLiteral(rate))).toBeCloseTo(rate, 12);
    }
  });
});
