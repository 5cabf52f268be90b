import { describe, expect, it } from 'vitest';
import { sharedData } from '../../shared-data';

describe('sharedData', () => {
  it('gives the folder of a data set in ../shared/data', () => {
    expect(sharedData('olist-marketing-funnel')).toMatch(/shared\/data\/olist-marketing-funnel\/$/);
  });

  it('says in one line where missing data is expected', () => {
    let message = '';
    try {
      sharedData('no-such-data-set');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Real data missing: expected .*shared\/data\/no-such-data-set\/ /);
    expect(message).not.toContain('\n');
  });
});
