import { describe, expect, it } from 'vitest';
import olist from '../../../src/lib/model/examples/olist.json';
import { restoreModel } from '../../../src/lib/model/restore';
import { olistModel } from '../../../scripts/olist-example';
import { olistBytes } from './io-helpers';

describe('the Olist example (Examples menu), derived with the CRM importer', () => {
  it('is exactly the bundled Olist example', async () => {
    const derived = await olistModel(
      olistBytes('marketing_qualified_leads.csv'),
      olistBytes('closed_deals.csv'),
    );
    expect(derived).toEqual(restoreModel(olist));
  });
});
