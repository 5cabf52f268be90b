/**
 * Derives example (d) from the real Olist CRM export in
 * ../shared/data/olist-marketing-funnel: every origin channel a source stage
 * with its own MQLs per month and its own win rate, merging into Closed won.
 *
 *   npx tsx scripts/olist-example.ts [DATA_DIR] [OUT_FILE]
 *
 * Writes src/lib/model/examples/olist.json; test/unit/examples.test.ts checks
 * the file against the data, so it can never drift from it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { olistExample } from '../src/lib/model/examples/olist-derive';

const dataDir = resolve(process.argv[2] ?? '../shared/data/olist-marketing-funnel');
const outFile = resolve(process.argv[3] ?? 'src/lib/model/examples/olist.json');
const read = (name: string) => readFileSync(join(dataDir, name), 'utf8');
const doc = olistExample(read('marketing_qualified_leads.csv'), read('closed_deals.csv'));
writeFileSync(outFile, `${JSON.stringify(doc, null, 2)}\n`);
console.log(`Wrote ${outFile}: ${doc.stages.length - 1} channels.`);
