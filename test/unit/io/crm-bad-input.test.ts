import { describe, expect, it } from 'vitest';
import { importCrm } from '../../../src/lib/io/crm/import';
import type { CrmFile } from '../../../src/lib/io/crm/types';
import { expectImportError, olistBytes } from './io-helpers';

const LEADS = 'marketing_qualified_leads.csv';
const DEALS = 'closed_deals.csv';
const text = (name: string) => new TextDecoder().decode(olistBytes(name));
const file = (name: string, source: CrmFile['source']): CrmFile => ({ name, source });
const olist = (
  leads: CrmFile['source'] = olistBytes(LEADS),
  deals: CrmFile['source'] = olistBytes(DEALS),
) => [file(LEADS, leads), file(DEALS, deals)];

describe('CRM import: bad input gets a clear message', () => {
  it('an empty file', async () => {
    await expectImportError(
      () => importCrm(olist(new Uint8Array(0))),
      /^marketing_qualified_leads\.csv: the file is empty \(0 bytes\); expected CSV text with a header row\.$/,
    );
  });

  it('a header and no rows', async () => {
    await expectImportError(
      () => importCrm(olist(undefined, 'mql_id,seller_id,won_date\r\n')),
      /closed_deals\.csv: has a header but no rows; expected one row per item that reached "Closed deals"\./,
    );
  });

  it('binary data', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await expectImportError(
      () => importCrm(olist(png)),
      /marketing_qualified_leads\.csv: this is a PNG image, not CSV text; expected a CSV export/,
    );
    const noise = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    await expectImportError(
      () => importCrm(olist(noise)),
      /this is binary data \(it holds NUL bytes\), not CSV text/,
    );
  });

  it('a truncated file: imports what is there and says the file may be cut short', async () => {
    const deals = text(DEALS);
    const cut = deals.slice(0, deals.indexOf('\n', deals.length / 2) + 20);
    const r = await importCrm(olist(undefined, cut));
    expect(r.stages[1]?.count).toBeLessThan(842);
    expect(r.warnings.join('\n')).toMatch(
      /closed_deals\.csv: the last row has 1 of 14 fields: the file may be cut short\./,
    );
    expect(r.warnings.join('\n')).toMatch(
      /closed_deals\.csv: 1 of .* rows match no "mql_id" of marketing_qualified_leads\.csv/,
    );
  });

  it('a file 10 × larger than the cap', async () => {
    const leads = olistBytes(LEADS);
    await expectImportError(
      () => importCrm(olist(new Blob([leads])), { maxBytes: Math.floor(leads.length / 10) }),
      /^marketing_qualified_leads\.csv: the file is 695\.2 KB; this import reads at most 69\.5 KB\. Split the export/,
    );
  });

  it('a mis-delimited file', async () => {
    await expectImportError(
      () => importCrm(olist(), { csv: [{ delimiter: ';' }] }),
      /closed_deals\.csv: shares no id column with marketing_qualified_leads\.csv; expected a column such as "mql_id" in both files to join them\. marketing_qualified_leads\.csv was read as one column \("mql_id,first_contact_date,landing_page_id,origin"\), so its delimiter may be wrong \(read as ";"\)\./,
    );
  });

  it('duplicate ids: each counts once, with a warning', async () => {
    const leads = text(LEADS);
    const lines = leads.split('\r\n');
    const doubled = [...lines.slice(0, 101), ...lines.slice(1, 6), ...lines.slice(101)].join(
      '\r\n',
    );
    const r = await importCrm(olist(doubled));
    expect(r.stages[0]?.count).toBe(8000);
    expect(r.warnings).toEqual([
      `marketing_qualified_leads.csv: 5 rows repeat a "mql_id" already seen (e.g. "${lines[1]?.split(',')[0]}"); expected one row per mql_id, so each counts once.`,
    ]);
  });

  it('ids that do not join', async () => {
    const deals = text(DEALS).replace(/^([0-9a-f]{32}),/gm, (_, id: string) => `x${id.slice(1)},`);
    await expectImportError(
      () => importCrm(olist(undefined, deals)),
      /^closed_deals\.csv: 0 of 842 mql_id values match marketing_qualified_leads\.csv; expected each row's "mql_id" to be a "mql_id" of marketing_qualified_leads\.csv/,
    );
  });

  it('a single table with no stage column and no dates per stage', async () => {
    await expectImportError(
      () => importCrm([file(LEADS, olistBytes(LEADS))]),
      /marketing_qualified_leads\.csv: found no stage\/status column and 1 date column\(s\); expected one table with a stage or status column/,
    );
  });

  it('a channel column that is not one', async () => {
    await expectImportError(
      () => importCrm(olist(), { channel: 'mql_id' }),
      /"mql_id" has 8,000 distinct values; a channel split makes one stage per channel, at most 100/,
    );
    await expectImportError(
      () => importCrm(olist(), { channel: 'campaign' }),
      /has no channel column "campaign"; its columns are "mql_id", "first_contact_date"/,
    );
  });

  it('a cancel mid-way', async () => {
    const controller = new AbortController();
    const error = await expectImportError(
      () =>
        importCrm(olist(new Blob([olistBytes(LEADS)])), {
          signal: controller.signal,
          onProgress: () => controller.abort(),
        }),
      /cancelled/,
    );
    expect(error.cancelled).toBe(true);
  });

  it('progress runs over both files to their total', async () => {
    const seen: [number, number | null][] = [];
    await importCrm(olist(new Blob([olistBytes(LEADS)]), new Blob([olistBytes(DEALS)])), {
      onProgress: (read, total) => seen.push([read, total]),
    });
    const total = olistBytes(LEADS).length + olistBytes(DEALS).length;
    expect(seen.at(-1)).toEqual([total, total]);
  });
});
