import { describe, expect, it } from 'vitest';
import { filterChoices } from '../../../src/lib/ui/grid/choices';

const options = [
  { value: '', label: '— end of funnel —' },
  { value: 'meetings', label: 'Meetings' },
  { value: 'won', label: 'Closed won' },
  { value: 'demo', label: 'Démo booked' },
  { value: 'wonder', label: 'Wonderful leads' },
];
const labels = (typed: string) => filterChoices(options, typed).map((o) => o.label);

describe('type-ahead in a list cell', () => {
  it('keeps every option, in order, for blank text', () => {
    expect(labels('  ')).toEqual(options.map((o) => o.label));
  });

  it('puts labels starting with the text first, then a word starting with it, then anywhere', () => {
    expect(labels('won')).toEqual(['Wonderful leads', 'Closed won']);
    expect(labels('on')).toEqual(['Closed won', 'Wonderful leads']);
    expect(labels('CLO')).toEqual(['Closed won']);
  });

  it('ignores case and accents, and finds the end of the funnel by "end"', () => {
    expect(labels('demo')).toEqual(['Démo booked']);
    expect(labels('end')).toEqual(['— end of funnel —']);
  });

  it('leaves nothing for a name no option has', () => {
    expect(labels('Nowhere')).toEqual([]);
  });
});
