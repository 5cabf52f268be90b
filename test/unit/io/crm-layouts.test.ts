import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../helpers';
import { applyCapacitySuggestion } from '../../../src/lib/io/crm/capacity';
import { describeCrm } from '../../../src/lib/io/crm/plan';
import { importCrm } from '../../../src/lib/io/crm/import';
import { crmFixture, expectImportError } from './io-helpers';

/* The fixtures' counts are spelled out in test/fixtures/crm/README.md and below, by hand. */

const cells = (r: {
  model: { stages: { id: string; arrivals: string; conversion: string; next: string | null }[] };
}) => r.model.stages.map((s) => [s.id, s.arrivals, s.conversion, s.next]);

describe('CRM layout: one table with a status column', () => {
  it('orders the statuses, counts lost ones at the first stage, splits channels', async () => {
    const r = await importCrm([crmFixture('status-deals.csv')]);
    expect(r.plan.layout).toBe('status');
    expect(r.plan.statusColumn).toBe('stage');
    expect(r.plan.files[0]?.columns.find((c) => c.name === 'created')?.date).toEqual({
      order: 'mdy',
      time: true,
    });
    expect(r.stages.map((s) => [s.name, s.count])).toEqual([
      ['New', 14],
      ['Contacted', 8],
      ['Meeting booked', 5],
      ['Closed Won', 3],
    ]);
    // google 6 → 3 past New, linkedin 5 → 4, blank 3 → 1; Closed Lost (2 rows) count at New only.
    expect(cells(r)).toEqual([
      ['ch_google', '=6/months', '=3/6', 'contacted'],
      ['ch_linkedin', '=5/months', '=4/5', 'contacted'],
      ['ch_blank', '=3/months', '=1/3', 'contacted'],
      ['contacted', '', '=5/8', 'meeting_booked'],
      ['meeting_booked', '', '=3/5', 'closed_won'],
      ['closed_won', '', '', null],
    ]);
    expect(r.periods.count).toBe(3);
    expect(r.warnings.join('\n')).toMatch(/2 rows with status "Closed Lost" count at "New" only/);
    expect(r.capacity).toEqual([]);
  });

  it('takes the stage order and channel choice from the user', async () => {
    const r = await importCrm([crmFixture('status-deals.csv')], {
      statusOrder: ['new', 'Meeting booked', 'Closed Won'],
      channel: null,
    });
    // Contacted is left out of the order, so its 3 rows end at New with the lost ones.
    expect(cells(r)).toEqual([
      ['new', '=14/months', '=5/14', 'meeting_booked'],
      ['meeting_booked', '', '=3/5', 'closed_won'],
      ['closed_won', '', '', null],
    ]);
    await expectImportError(
      () => importCrm([crmFixture('status-deals.csv')], { statusOrder: ['New', 'Demo'] }),
      /no row has the status "Demo"; the statuses found are .*"Closed Lost"/,
    );
  });
});

describe('CRM layout: one table with a date column per stage', () => {
  it('counts an item at every stage up to its last date, with observed capacity per stage', async () => {
    const r = await importCrm([crmFixture('dated-pipeline.csv')]);
    expect(r.plan.layout).toBe('dated');
    expect(r.plan.stageColumns).toEqual(['created_at', 'contacted_at', 'meeting_at', 'won_at']);
    expect(r.stages.map((s) => [s.name, s.count])).toEqual([
      ['Created', 9],
      ['Contacted', 7],
      ['Meeting', 5],
      ['Won', 3],
    ]);
    expect(cells(r)).toEqual([
      ['ch_ads', '=5/months', '=4/5', 'contacted'],
      ['ch_seo', '=4/months', '=3/4', 'contacted'],
      ['contacted', '', '=5/7', 'meeting'],
      ['meeting', '', '=3/5', 'won'],
      ['won', '', '', null],
    ]);
    expect(r.stages[2]?.perPeriod).toEqual(
      new Map([
        ['2024-01', 1],
        ['2024-02', 2],
        ['2024-03', 2],
      ]),
    );
    expect(r.capacity.map((c) => [c.stageId, c.capacity, c.periodKey])).toEqual([
      ['created', 3, '2024-01'],
      ['contacted', 2, '2024-01'],
      ['meeting', 2, '2024-02'],
      ['won', 2, '2024-02'],
    ]);
    expect(r.warnings).toEqual(['dated-pipeline.csv: 1 row without any stage date left out.']);
  });

  it('counts arrivals in the model period (weeks) and names stages as asked', async () => {
    const r = await importCrm([crmFixture('dated-pipeline.csv')], {
      period: 'week',
      stages: [{ name: 'Leads' }, undefined, undefined, { id: 'closed', name: 'Closed won' }],
    });
    // 3 January 2024 (ISO week 1) to 10 March 2024 (week 10).
    expect(r.periods).toMatchObject({ count: 10, first: '2024-W01', last: '2024-W10' });
    expect(r.model.assumptions).toEqual([
      {
        name: 'weeks',
        value: '10',
        note: 'weeks of Leads in the export (week 1 of 2024 – week 10 of 2024)',
      },
    ]);
    expect(r.model.period).toBe('week');
    expect(r.model.stages.map((s) => s.name)).toEqual([
      'Ads Leads',
      'Seo Leads',
      'Contacted',
      'Meeting',
      'Closed won',
    ]);
    expect(r.model.stages.at(-1)?.id).toBe('closed');
  });
});

describe('CRM layout: several files joined on ids', () => {
  it('reads Windows-1252 semicolon files with day-first dates, joining on each shared id', async () => {
    const files = ['joined-leads.csv', 'joined-meetings.csv', 'joined-deals.csv'].map(crmFixture);
    const r = await importCrm(files);
    expect(r.plan.files.map((d) => [d.encoding.encoding, d.delimiter.delimiter])).toEqual([
      ['windows-1252', ';'],
      ['windows-1252', ';'],
      ['windows-1252', ';'],
    ]);
    expect(r.plan.joins).toEqual([
      { from: 'lead_id', to: 'lead_id' },
      { from: 'meeting_id', to: 'meeting_id' },
    ]);
    expect(r.channels?.map((c) => [c.label, ...c.counts])).toEqual([
      ['Référence', 3, 2, 1],
      ['Salon', 3, 1, 1],
      ['(blank)', 1, 1, 0],
    ]);
    expect(cells(r)).toEqual([
      ['ch_reference', '=3/months', '=2/3', 'joined_meetings'],
      ['ch_salon', '=3/months', '=1/3', 'joined_meetings'],
      ['ch_blank', '=1/months', '=1/1', 'joined_meetings'],
      ['joined_meetings', '', '=2/4', 'joined_deals'],
      ['joined_deals', '', '', null],
    ]);
    expect(r.warnings).toEqual([
      'joined-meetings.csv: 1 of 5 rows match no "lead_id" of joined-leads.csv (by "lead_id") and are left out.',
      'joined-deals.csv: 1 row repeats a "meeting_id" already seen (e.g. "M3"); expected one row per meeting_id, so each counts once.',
    ]);
    expect(r.capacity.map((c) => [c.stageName, c.capacity, c.periodLabel, c.owners])).toEqual([
      ['Joined meetings', 2, 'January 2024', [{ column: 'rep', distinct: 2 }]],
      ['Joined deals', 1, 'January 2024', [{ column: 'ae', distinct: 2 }]],
    ]);
  });

  it('builds a model that evaluates and whose accepted suggestion caps the stage', async () => {
    const files = ['joined-leads.csv', 'joined-meetings.csv', 'joined-deals.csv'].map(crmFixture);
    const r = await importCrm(files, {
      stages: [{ name: 'Leads' }, { name: 'Meetings' }, { name: 'Deals' }],
    });
    const accepted = applyCapacitySuggestion(r.model, r.capacity[0]!, { note: 'two reps' });
    expect(accepted.assumptions.at(-1)).toEqual({
      name: 'busiest_month',
      value: '2',
      note: 'two reps',
    });
    expect(accepted.stages.find((s) => s.id === 'meetings')?.capacity).toBe('=busiest_month');
    const twice = applyCapacitySuggestion(accepted, r.capacity[1]!);
    expect(twice.assumptions.at(-1)?.name).toBe('busiest_month_deals');
    const analysis = analyzeModel(twice);
    expect(analysis.issues).toEqual([]);
    expect(analysis.flow.stages.find((s) => s.id === 'meetings')?.processed).toBeLessThanOrEqual(2);
  });

  it('describes the plan without importing, and takes corrected joins', async () => {
    const files = ['joined-leads.csv', 'joined-meetings.csv'].map(crmFixture);
    const plan = await describeCrm(files);
    expect(plan.notes[0]).toBe('joined-meetings.csv is joined to joined-leads.csv on "lead_id".');
    await expectImportError(
      () => importCrm(files, { joins: [{ from: 'lead_id', to: 'nope' }] }),
      /joined-meetings\.csv: has no join column "nope"; its columns are "meeting_id", "lead_id", "date", "rep"\./,
    );
  });
});

describe('CRM import keeps labels from files as text', () => {
  it('names channel stages with the values as written, formula-like or not', async () => {
    const hostile = '=HYPERLINK("http://evil.example","x")';
    const csv = `id,stage,source\n1,New,"${hostile.replaceAll('"', '""')}"\n2,Won,"${hostile.replaceAll('"', '""')}"\n3,New,<b>x</b>\n`;
    const r = await importCrm([{ name: 'deals.csv', source: csv }]);
    expect(r.model.stages.map((s) => s.name)).toEqual([`${hostile} New`, '<b>x</b> New', 'Won']);
  });
});
