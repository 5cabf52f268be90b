/**
 * Derives the Olist example (Examples menu: "Olist — 11 channels") from the real Olist CRM export in
 * ../shared/data/olist-marketing-funnel with the general CRM importer
 * (src/lib/io/crm): every origin channel a source stage with its own MQLs per
 * month and its own win rate, merging into Closed won, whose capacity is the
 * importer's observed-capacity suggestion (the busiest month), accepted.
 *
 *   npx tsx scripts/olist-example.ts [DATA_DIR] [OUT_FILE]
 *
 * Writes src/lib/model/examples/olist.json; test/unit/io/olist-example.test.ts
 * checks that the file restores to exactly what this derives from the data.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyCapacitySuggestion } from '../src/lib/io/crm/capacity';
import { importCrm } from '../src/lib/io/crm/import';
import { stringifyModel } from '../src/lib/io/model-json';
import type { Model, StageId } from '../src/lib/model/types';

/** The Olist example from the two export files' bytes. */
export async function olistModel(leads: Uint8Array, deals: Uint8Array): Promise<Model> {
  const imported = await importCrm(
    [
      { name: 'marketing_qualified_leads.csv', source: leads },
      { name: 'closed_deals.csv', source: deals },
    ],
    {
      channel: 'origin',
      period: 'month',
      stages: [{ name: 'MQLs' }, { id: 'won', name: 'Closed won' }],
      modelName: 'Olist — channels to closed won (real data)',
    },
  );
  const [busiest] = imported.capacity;
  if (!busiest) throw new Error('The export no longer shows an observed capacity for Closed won.');
  const model = applyCapacitySuggestion(imported.model, busiest, {
    note: `most deals closed in one month (${busiest.periodKey}): observed capacity`,
  });
  return {
    ...model,
    currency: 'BRL',
    loop: {
      enabled: false,
      entry: 'won' as StageId,
      referrals: '0.2',
      lag: '3',
      churn: '2%',
      market: '',
      customers: '0',
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dataDir = resolve(process.argv[2] ?? '../shared/data/olist-marketing-funnel');
  const outFile = resolve(process.argv[3] ?? 'src/lib/model/examples/olist.json');
  const read = (name: string) => new Uint8Array(readFileSync(join(dataDir, name)));
  const model = await olistModel(read('marketing_qualified_leads.csv'), read('closed_deals.csv'));
  writeFileSync(outFile, stringifyModel(model));
  console.log(`Wrote ${outFile}: ${model.stages.length - 1} channels.`);
}
