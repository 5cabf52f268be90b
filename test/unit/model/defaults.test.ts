import { describe, expect, it } from 'vitest';
import { untitledName } from '../../../src/lib/model/defaults';

describe('untitledName', () => {
  it('numbers new models so no two are called "Untitled model"', () => {
    expect(untitledName([])).toBe('Untitled model');
    expect(untitledName(['Q3 funnel'])).toBe('Untitled model');
    expect(untitledName(['Untitled model'])).toBe('Untitled model 2');
    expect(untitledName(['untitled model ', 'Untitled model 2'])).toBe('Untitled model 3');
  });

  it('takes the lowest number free', () => {
    expect(untitledName(['Untitled model', 'Untitled model 3'])).toBe('Untitled model 2');
  });
});
