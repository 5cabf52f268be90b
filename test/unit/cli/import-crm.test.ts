import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreModel } from '../../../src/lib/model/restore';
import type { Model } from '../../../src/lib/model/types';
import { olistDir } from '../io/io-helpers';
import { ROOT, runAll, type Run } from './run';

// `bottleneck import-crm`, the real bin spawned on the untouched Olist export
// (../shared/data/olist-marketing-funnel) and on small bad files.
const olist = ['marketing_qualified_leads.csv', 'closed_deals.csv'].map((f) =>
  relative(ROOT, join(olistDir(), f)),
);
const [leads, deals] = olist as [string, string];
const CRM = 'test/fixtures/crm';
let dir: string;
let runs: Record<string, Run>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bottleneck-import-crm-'));
  const empty = join(dir, 'empty.csv');
  const binary = join(dir, 'deals.csv');
  await writeFile(empty, '');
  await writeFile(binary, new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 1, 2, 3]));
  runs = await runAll({
    json: ['import-crm', leads, deals, '--json'],
    summary: ['import-crm', leads, deals],
    capacity: ['import-crm', leads, deals, '--observed-capacity', '--json', '--name', 'Olist'],
    noChannel: ['import-crm', leads, deals, '--no-channel', '--json'],
    statusTable: ['import-crm', `${CRM}/status-deals.csv`, '--channel', 'source', '--json'],
    badChannel: ['import-crm', leads, deals, '--channel', 'utm_source'],
    missing: ['import-crm', leads, join(dir, 'no-such.csv')],
    empty: ['import-crm', leads, empty],
    binary: ['import-crm', leads, binary],
    noJoin: ['import-crm', `${CRM}/dated-pipeline.csv`, deals],
    badPeriod: ['import-crm', leads, '--period', 'fortnight'],
    noFile: ['import-crm', '--json'],
  });
}, 60_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

const model = (run: Run | undefined): Model => {
  expect(run?.code).toBe(0);
  return restoreModel(JSON.parse(run?.stdout ?? ''));
};

describe('bottleneck import-crm on the Olist export', () => {
  it('prints a format-1 model: one source stage per origin merging into closed deals', () => {
    const m = model(runs.json);
    expect(JSON.parse(runs.json?.stdout ?? '')).toMatchObject({
      format: 'bottleneck-model',
      version: 1,
    });
    const sources = m.stages.filter((s) => s.next === 'closed_deals');
    expect(sources.map((s) => [s.id, s.arrivals, s.conversion])).toEqual([
      ['ch_organic_search', '=2296/months', '=271/2296'],
      ['ch_paid_search', '=1586/months', '=195/1586'],
      ['ch_social', '=1350/months', '=75/1350'],
      ['ch_unknown', '=1099/months', '=179/1099'],
      ['ch_direct_traffic', '=499/months', '=56/499'],
      ['ch_email', '=493/months', '=15/493'],
      ['ch_referral', '=284/months', '=24/284'],
      ['ch_other', '=150/months', '=4/150'],
      ['ch_display', '=118/months', '=6/118'],
      ['ch_other_publicities', '=65/months', '=3/65'],
      ['ch_blank', '=60/months', '=14/60'],
    ]);
    expect(m.assumptions).toEqual([expect.objectContaining({ name: 'months', value: '12' })]);
    expect(m.stages.find((s) => s.id === 'closed_deals')?.capacity).toBe('');
  });

  it('sets the observed capacity (207 in April 2018) only when asked', () => {
    const m = model(runs.capacity);
    expect(m.name).toBe('Olist');
    expect(m.stages.find((s) => s.id === 'closed_deals')?.capacity).toBe('=busiest_month');
    expect(m.assumptions.find((a) => a.name === 'busiest_month')?.value).toBe('207');
  });

  it('summarises for people: counts, conversion, channels and the capacity on offer', () => {
    const { code, stdout, stderr } = runs.summary as Run;
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/June 2017 – May 2018 \(12 months\)/);
    expect(stdout).toMatch(/Marketing qualified leads +8,000\n/);
    expect(stdout).toMatch(/Closed deals +842 +10\.5 % of Marketing qualified leads/);
    expect(stdout).toMatch(/Organic search +2,296 → +271 +11\.8 %/);
    expect(stdout).toMatch(/\(blank\) +60 → +14 +23\.3 %/);
    expect(stdout).toMatch(
      /handled at most 207 in one month \(April 2018\)[^]*--observed-capacity/,
    );
  });

  it('takes no channel split, or a channel column by name', () => {
    expect(model(runs.noChannel).stages.map((s) => [s.id, s.arrivals])).toEqual([
      ['marketing_qualified_leads', '=8000/months'],
      ['closed_deals', ''],
    ]);
    const status = model(runs.statusTable);
    expect(status.stages.some((s) => s.id.startsWith('ch_'))).toBe(true);
  });
});

describe('bottleneck import-crm on bad input', () => {
  const failed = (run: Run | undefined, code: number, message: RegExp) => {
    expect(run?.code).toBe(code);
    expect(run?.stdout).toBe('');
    expect(run?.stderr).toMatch(message);
  };

  it('names the file and says what was found and expected (exit 1)', () => {
    failed(
      runs.badChannel,
      1,
      /^bottleneck: marketing_qualified_leads\.csv: has no channel column "utm_source"; its columns are "mql_id", "first_contact_date", "landing_page_id", "origin"\.\n$/,
    );
    failed(runs.missing, 1, /no-such\.csv: no such file\.\n$/);
    failed(
      runs.empty,
      1,
      /^bottleneck: empty\.csv: the file is empty \(0 bytes\); expected CSV text/,
    );
    failed(
      runs.binary,
      1,
      /^bottleneck: deals\.csv: this is .*, not CSV text; expected a CSV export/,
    );
    failed(
      runs.noJoin,
      1,
      /^bottleneck: closed_deals\.csv: shares no id column with dated-pipeline\.csv; expected a column such as/,
    );
  });

  it('refuses a bad period and a missing FILE as usage errors (exit 2)', () => {
    failed(
      runs.badPeriod,
      2,
      /--period "fortnight": expected one of day, week, month, quarter, year\./,
    );
    failed(runs.noFile, 2, /import-crm needs FILE\.\nUsage: bottleneck import-crm FILE \[FILE…\]/);
  });
});
