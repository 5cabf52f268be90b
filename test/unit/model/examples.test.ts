import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/lib/model/examples';

describe('examples', () => {
  it.each(EXAMPLES.map((e) => [e.id, e] as const))(
    'example %s has a name a user would give it, not a reference to the spec',
    (_, example) => {
      for (const text of [example.title, example.model().name]) {
        expect(text).not.toMatch(/PRODUCT\.md|reference chain/i);
      }
    },
  );
});
