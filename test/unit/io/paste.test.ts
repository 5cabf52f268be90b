import { describe, expect, it } from 'vitest';
import { analyzeModel, model } from '../helpers';
import { pasteToModel, MAX_PASTE_CHARS } from '../../../src/lib/io/paste';
import { expectImportError } from './io-helpers';

const cells = (m: ReturnType<typeof pasteToModel>['model']) =>
  m.stages.map((s) => [s.name, s.arrivals, s.conversion, s.capacity, s.next]);

describe('paste a table from Google Sheets or Excel', () => {
  it('maps columns by a header row and keeps numbers as typed', () => {
    const text =
      'Stage\tArrivals\tConversion\tCapacity\r\nAccounts\t2,000\t90%\t2.5k\r\nContact\t\t5 %\t1,500\r\nWon\t\t\t\r\n';
    const r = pasteToModel(text);
    expect(r.header).toBe(true);
    expect(r.columns.map((c) => c.column)).toEqual(['name', 'arrivals', 'conversion', 'capacity']);
    expect(cells(r.model)).toEqual([
      ['Accounts', '2,000', '90%', '2.5k', 'contact'],
      ['Contact', '', '5 %', '1,500', 'won'],
      ['Won', '', '', '', null],
    ]);
    expect(r.warnings).toEqual([]);
    expect(analyzeModel(r.model).flow.units).toBeCloseTo(75, 9);
  });

  it('reads a table without a header: names, then how many reached each stage', () => {
    const r = pasteToModel('Leads\t2000\nMQLs\t500\nSQLs\t100\nWon\t20\n');
    expect(r.header).toBe(false);
    expect(r.columns.map((c) => [c.column, c.reason])).toEqual([
      ['name', 'the first text column'],
      ['volume', 'numbers: how many reached each stage'],
    ]);
    expect(cells(r.model)).toEqual([
      ['Leads', '2000', '=500/2000', '', 'mqls'],
      ['MQLs', '', '=100/500', '', 'sqls'],
      ['SQLs', '', '=20/100', '', 'won'],
      ['Won', '', '', '', null],
    ]);
    expect(analyzeModel(r.model).flow.units).toBeCloseTo(20, 9);
  });

  it('takes a column of percentages as conversions and a second count column as capacity', () => {
    const r = pasteToModel('Leads\t2000\t25%\t3000\nDemos\t500\t10%\t300\nWon\t50\t\t\n');
    expect(r.columns.map((c) => c.column)).toEqual(['name', 'volume', 'conversion', 'capacity']);
    expect(cells(r.model)).toEqual([
      ['Leads', '2000', '25%', '3000', 'demos'],
      ['Demos', '', '10%', '300', 'won'],
      ['Won', '', '', '', null],
    ]);
  });

  it('reads CSV too, and links channels merging by "Feeds into"', () => {
    const text =
      'Stage,Feeds into,Arrivals,Conversion\nAds,Demo,400,10%\nReferrals,Demo,100,30%\nDemo,,,"25%"\n';
    const r = pasteToModel(text);
    expect(cells(r.model)).toEqual([
      ['Ads', '400', '10%', '', 'demo'],
      ['Referrals', '100', '30%', '', 'demo'],
      ['Demo', '', '25%', '', null],
    ]);
  });

  it("takes the user's column choices", () => {
    const r = pasteToModel('Leads\t2000\nWon\t20\n', { columns: ['name', 'arrivals'] });
    expect(cells(r.model)).toEqual([
      ['Leads', '2000', '', '', 'won'],
      ['Won', '20', '', '', null],
    ]);
  });

  it('keeps labels as text, whatever they start with', () => {
    const names = ['=HYPERLINK("http://evil","x")', '@SUM(1)', '+1', '<b>bold</b>'];
    const r = pasteToModel(
      names.map((n, i) => `"${n.replaceAll('"', '""')}"\t${i + 1}`).join('\n'),
    );
    expect(r.model.stages.map((s) => s.name)).toEqual(names);
  });

  it("keeps the base model's settings and assumptions", () => {
    const base = model([{ id: 'x' }], {
      assumptions: [{ name: 'AEs', value: '4', note: '' }],
      period: 'week',
    });
    const r = pasteToModel('Stage\tCapacity\nWork\t=AEs*50\n', { base });
    expect(r.model.period).toBe('week');
    expect(r.model.assumptions).toEqual(base.assumptions);
    expect(analyzeModel(r.model).inputs.stages[0]?.capacity).toBe(200);
  });
});

describe('paste: bad input', () => {
  it('empty text', async () => {
    await expectImportError(
      () => pasteToModel(' \n\t\n'),
      /^The pasted table: is empty; expected rows of stages, one per line\.$/,
    );
  });
  it('text that is not a number in a number column: left blank, with a warning', () => {
    const r = pasteToModel('Stage\tConversion\nLeads\tn/a\n');
    expect(r.model.stages[0]?.conversion).toBe('');
    expect(r.warnings).toEqual([
      '"Leads", Conversion: "n/a" is not a number or a formula; left blank.',
    ]);
  });
  it('mis-delimited text: names only, and says so', () => {
    const r = pasteToModel('Leads 2000\nWon 20\n');
    expect(r.model.stages.map((s) => s.name)).toEqual(['Leads 2000', 'Won 20']);
    expect(r.warnings.join(' ')).toMatch(
      /no column of numbers was found \(expected columns separated by tabs/,
    );
  });
  it('more rows than a model holds', async () => {
    const text = Array.from({ length: 501 }, (_, i) => `S${i}\t${i}`).join('\n');
    await expectImportError(
      () => pasteToModel(text),
      /the table has 501 rows; a model holds at most 500 stages\./,
    );
  });
  it('text over the size cap', async () => {
    await expectImportError(
      () => pasteToModel('x'.repeat(MAX_PASTE_CHARS + 1)),
      /a paste is read up to 1,048,576/,
    );
  });
  it('a header without rows', async () => {
    await expectImportError(
      () => pasteToModel('Stage\tArrivals\n'),
      /the table has no rows of stages/,
    );
  });
});
