import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { analyzeModel } from '../helpers';
import { applyCapacitySuggestion } from '../../../src/lib/io/crm/capacity';
import { importCrm } from '../../../src/lib/io/crm/import';
import type { CrmResult } from '../../../src/lib/io/crm/types';
import { olistBytes, olistFiles } from './io-helpers';

/*
 * Every fact of ../shared/data/olist-marketing-funnel/README.md, reproduced by
 * the general importer from the untouched files, streamed in chunks.
 */

const README_ORIGINS: [string, number, number][] = [
  ['organic_search', 2296, 271],
  ['paid_search', 1586, 195],
  ['social', 1350, 75],
  ['unknown', 1099, 179],
  ['direct_traffic', 499, 56],
  ['email', 493, 15],
  ['referral', 284, 24],
  ['other', 150, 4],
  ['display', 118, 6],
  ['other_publicities', 65, 3],
  ['', 60, 14],
];

let result: CrmResult;
const imported = async () => (result ??= await importCrm(olistFiles()));

describe('CRM import of the Olist export (README facts)', () => {
  it('detects the layout, join, channel, dates and reps', async () => {
    const { plan } = await imported();
    expect(plan.layout).toBe('joined');
    expect(plan.joins).toEqual([{ from: 'mql_id', to: 'mql_id' }]);
    expect(plan.channel).toBe('origin');
    expect(plan.dateColumns).toEqual(['first_contact_date', 'won_date']);
    expect(plan.ownerColumns[1]).toEqual(['sdr_id', 'sr_id']);
    const [leads, deals] = plan.files;
    expect(leads?.columns.find((c) => c.name === 'first_contact_date')?.date).toEqual({
      order: 'dmy',
      time: false,
    });
    expect(deals?.columns.find((c) => c.name === 'won_date')?.date).toEqual({
      order: 'dmy',
      time: true,
    });
  });

  it('counts 8,000 MQLs between June 2017 and May 2018 and 842 closed-won (10.5 %)', async () => {
    const r = await imported();
    expect(r.stages.map((s) => s.count)).toEqual([8000, 842]);
    expect(r.periods).toEqual({
      count: 12,
      first: '2017-06',
      last: '2018-05',
      label: 'June 2017 – May 2018',
    });
    const [mqls, won] = r.stages.map((s) => s.count) as [number, number];
    expect(((won / mqls) * 100).toFixed(1)).toBe('10.5');
    expect(r.warnings).toEqual([]);
  });

  it('reproduces every per-origin pair, blanks as their own "(blank)" channel', async () => {
    const { channels, model } = await imported();
    expect(channels?.map((c) => [c.key, c.counts[0], c.counts[1]])).toEqual(README_ORIGINS);
    expect(channels?.at(-1)?.label).toBe('(blank)');
    for (const [origin, mqls, won] of README_ORIGINS) {
      const stage = model.stages.find((s) => s.id === `ch_${origin || 'blank'}`);
      expect(stage).toMatchObject({ arrivals: `=${mqls}/months`, conversion: `=${won}/${mqls}` });
      expect(stage?.next).toBe(model.stages.at(-1)?.id);
    }
  });

  it('counts 32 SDRs and 22 sales reps, and the busiest month April 2018 with 207 deals', async () => {
    const { stages, capacity, model } = await imported();
    expect(stages[1]?.owners).toEqual([
      { column: 'sdr_id', distinct: 32 },
      { column: 'sr_id', distinct: 22 },
    ]);
    expect(capacity).toHaveLength(1);
    expect(capacity[0]).toMatchObject({
      capacity: 207,
      periodKey: '2018-04',
      periodLabel: 'April 2018',
      period: 'month',
    });
    // A suggestion only: the model's stages have no capacity until the user accepts it.
    expect(model.stages.every((s) => s.capacity === '')).toBe(true);
    const accepted = applyCapacitySuggestion(model, capacity[0]!);
    expect(accepted.stages.at(-1)?.capacity).toBe('=busiest_month');
    expect(accepted.assumptions.at(-1)).toMatchObject({ name: 'busiest_month', value: '207' });
  });

  it('evaluates to 842 / 12 won per month across the channels', async () => {
    const { model } = await imported();
    const analysis = analyzeModel(model);
    expect(analysis.issues).toEqual([]);
    expect(analysis.flow.units).toBeCloseTo(842 / 12, 9);
  });

  it('agrees with a plain papaparse count of the same files', async () => {
    type Row = Record<string, string>;
    const parse = (name: string) =>
      Papa.parse<Row>(new TextDecoder().decode(olistBytes(name)), {
        header: true,
        skipEmptyLines: true,
      }).data;
    const leads = parse('marketing_qualified_leads.csv');
    const deals = parse('closed_deals.csv');
    const { stages } = await imported();
    expect(stages[0]?.count).toBe(leads.length);
    expect(stages[1]?.count).toBe(deals.length);
    const months = new Map<string, number>();
    for (const d of deals) {
      const key = `${d.won_date?.slice(6, 10)}-${d.won_date?.slice(3, 5)}`;
      months.set(key, (months.get(key) ?? 0) + 1);
    }
    expect(stages[1]?.perPeriod).toEqual(new Map([...months].sort(([a], [b]) => (a < b ? -1 : 1))));
  });
});
