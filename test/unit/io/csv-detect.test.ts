import { describe, expect, it } from 'vitest';
import { classifyColumns } from '../../../src/lib/io/csv/columns';
import { detectDateFormat, parseDate } from '../../../src/lib/io/csv/dates';
import { detectDelimiter, detectHeader } from '../../../src/lib/io/csv/detect';
import { describeCsv } from '../../../src/lib/io/csv/read';

const table = (d: string, rows: string[][]) => rows.map((r) => r.join(d)).join('\n') + '\n';
const ROWS = [
  ['id', 'created', 'amount', 'owner'],
  ['1', '2024-01-05', '1.5', 'ann'],
  ['2', '2024-01-06', '2.5', 'bob'],
  ['3', '2024-02-01', '3', 'ann'],
];

describe('delimiter', () => {
  it.each([
    [',', 'comma'],
    [';', 'semicolon'],
    ['\t', 'tab'],
    ['|', 'pipe'],
  ])('detects %j', (d, name) => {
    expect(detectDelimiter(table(d, ROWS))).toEqual({
      delimiter: d,
      reason: `${name}: every row has 4 fields`,
    });
  });

  it('prefers the semicolon when commas are decimal marks', () => {
    const text = 'stage;rate;count\nLeads;0,5;2000\nDeals;0,25;10\n';
    expect(detectDelimiter(text).delimiter).toBe(';');
  });

  it('says so when nothing splits the rows', () => {
    expect(detectDelimiter('just\nwords\nhere\n')).toEqual({
      delimiter: ',',
      reason: 'no delimiter splits the rows: one column (comma assumed)',
    });
  });

  it('follows an Excel "sep=" line', async () => {
    const d = await describeCsv('sep=|\na,b|c\n1,5|2\n', {});
    expect(d.delimiter).toEqual({
      delimiter: '|',
      reason: 'pipe: named by the file\'s "sep=" line',
    });
    expect(d.columns.map((c) => c.name)).toEqual(['a,b', 'c']);
  });
});

describe('header row', () => {
  it('is found when the rows below hold numbers or dates', () => {
    expect(detectHeader(ROWS).present).toBe(true);
  });
  it('is not found when the first row holds data', () => {
    expect(detectHeader(ROWS.slice(1))).toEqual({
      present: false,
      reason: 'the first row holds data ("1"), so columns are numbered',
    });
  });
  it('names columns "Column n" without one, and takes the user\'s choice', async () => {
    const d = await describeCsv(table(',', ROWS.slice(1)), {});
    expect(d.columns.map((c) => c.name)).toEqual(['Column 1', 'Column 2', 'Column 3', 'Column 4']);
    const forced = await describeCsv(table(',', ROWS), { csv: { header: false } });
    expect(forced.header).toEqual({ present: false, reason: 'chosen by you' });
    expect(forced.preview[0]).toEqual(ROWS[0]);
  });
});

describe('dates', () => {
  it.each([
    [
      ['26-02-2018 19:58', '08-05-2018 20:17'],
      'dmy',
      true,
      /DD-MM-YYYY HH:MM \(day first: "26-02-2018 19:58" has a day above 12\)/,
    ],
    [['2/26/2018', '5/8/2018'], 'mdy', false, /MM\/DD\/YYYY \(month first: "2\/26\/2018"/],
    [['2018-02-26', '2018-05-08T20:17:00Z'], 'ymd', true, /YYYY-MM-DD HH:MM \(year first\)/],
    [['3/25/24 2:05 PM', '12/1/24 9:00 AM'], 'mdy', true, /month first/],
    [['15.01.2024', '01.02.2024'], 'dmy', false, /DD\.MM\.YYYY/],
  ])('reads %j', (values, order, time, reason) => {
    const d = detectDateFormat(values);
    expect(d?.format).toEqual({ order, time });
    expect(d?.ambiguous).toBe(false);
    expect(d?.reason).toMatch(reason);
    for (const v of values) expect(parseDate(v, d!.format)).not.toBeNull();
  });

  it('defaults ambiguous columns by separator and says so, or follows another column', () => {
    const dashed = detectDateFormat(['01-02-2018', '03-04-2018']);
    expect(dashed).toMatchObject({ ambiguous: true, format: { order: 'dmy' } });
    expect(dashed?.reason).toMatch(
      /ambiguous: no day above 12, so day first is assumed \(usual for "-" dates\); change it if that is wrong/,
    );
    expect(detectDateFormat(['01/02/2018', '03/04/2018'])?.format.order).toBe('mdy');
    expect(detectDateFormat(['01/02/2018', '03/04/2018'], 'dmy')?.reason).toMatch(
      /as in another date column/,
    );
  });

  it('settles an ambiguous column from a decided one in the same file', () => {
    const rows = [
      ['01/02/2024', '25/01/2024'],
      ['03/04/2024', '13/02/2024'],
    ];
    const [first, second] = classifyColumns(['signed', 'created'], rows);
    expect(second?.date?.order).toBe('dmy');
    expect(first?.date?.order).toBe('dmy');
    expect(first?.reason).toMatch(/as in another date column/);
  });

  it('reads real calendar dates only, and is not a date column below 90 %', () => {
    expect(parseDate('31-02-2018', { order: 'dmy', time: false })).toBeNull();
    expect(parseDate('29-02-2024', { order: 'dmy', time: false })).toEqual({
      year: 2024,
      month: 2,
      day: 29,
    });
    expect(detectDateFormat(['01-May', 'May-20', '20-50', '2018-01-01'])).toBeNull();
  });
});

describe('column roles', () => {
  it('tells ids, references, owners, channels, stages, numbers and text apart', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [
      `${(0xabc00000 + i).toString(16)}deadbeef`,
      `page_${i % 5}0001`,
      ['sdr_a', 'sdr_b', 'sdr_c'][i % 3] as string,
      ['organic', 'paid', ''][i % 3] as string,
      ['New', 'Won', 'Lost'][i % 3] as string,
      String(i * 100),
      `note ${i}`,
    ]);
    const names = [
      'lead_id',
      'landing_page_id',
      'sdr_id',
      'origin',
      'Deal Stage',
      'revenue',
      'comment',
    ];
    expect(classifyColumns(names, rows).map((c) => c.role)).toEqual([
      'id',
      'reference',
      'owner',
      'channel',
      'stage',
      'number',
      'text',
    ]);
  });

  it("applies the user's corrections", () => {
    const [c] = classifyColumns(['when'], [['x'], ['y']], {
      when: { role: 'date', date: { order: 'mdy', time: false } },
    });
    expect(c).toMatchObject({
      role: 'date',
      date: { order: 'mdy', time: false },
      reason: 'chosen by you',
    });
  });
});
