import type * as ExcelJS from 'exceljs';
import { HyperFormula } from 'hyperformula';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/lib/analysis/analyze';
import { evaluateModel } from '../../../src/lib/engine/engine';
import { analyzeModel, model } from '../helpers';
import { STAGE_FIELD_LABELS } from '../../../src/lib/model/fields';
import { funnelAddress } from '../../../src/lib/model/layout';
import { EXAMPLES } from '../../../src/lib/model/examples';
import type { Model } from '../../../src/lib/model/types';
import { gridToCsv } from '../../../src/lib/io/sheet-export';
import { importGridCsv, MAX_GRID_BYTES } from '../../../src/lib/io/sheet-import';
import { gridToXlsx } from '../../../src/lib/io/xlsx';
import { importXlsx } from '../../../src/lib/io/xlsx-import';
import { loadExcelJs } from '../../../src/lib/io/xlsx-load';

const HOSTILE = [
  '=HYPERLINK("http://evil.example","Click")',
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '\tTab',
  '\rReturn',
  "'quoted",
];

/** A model whose labels are all formula-injection attempts. */
function hostile(): Model {
  return model(
    HOSTILE.map((name, i) => ({
      id: `s${i}`,
      name,
      arrivals: i === 0 ? '100' : '',
      next: i < HOSTILE.length - 1 ? `s${i + 1}` : undefined,
    })),
    { assumptions: [{ name: 'rate', value: '50%', note: '=cmd|calc' }] },
  );
}

async function workbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const Excel = await loadExcelJs();
  const wb = new Excel.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** The values CSV of a model, as the Export menu writes it. */
function csvOf(m: Model): string {
  const evaluated = evaluateModel(m);
  return gridToCsv(m, analyze(m, evaluated).flow, evaluated);
}

describe('grid CSV', () => {
  it.each(EXAMPLES.map((e) => [e.id, e] as const))(
    "round-trips example %s's values: stages, links and every cell's number",
    (_, example) => {
      const m = example.model();
      const back = importGridCsv(csvOf(m), { base: m }).model;
      expect(back.stages.map((s) => [s.id, s.name, s.next])).toEqual(
        m.stages.map((s) => [s.id, s.name, s.next]),
      );
      // Values are written to 12 significant digits.
      const numbers = (x: Model) =>
        evaluateModel(x).stages.flatMap((s) =>
          Object.values(s).map((c) => (c.kind === 'number' ? +c.value.toPrecision(12) : c.kind)),
        );
      expect(numbers(back)).toEqual(numbers(m));
    },
  );

  it('holds what the grid shows: =AEs*50 as 2000 and a load of 10 as 1000%, no formula text', () => {
    const m = model(
      [
        { id: 'lead', arrivals: '2000', conversion: '35%', next: 'demo' },
        { id: 'demo', arrivals: '', capacity: '=AEs*50', conversion: '=Rate' },
      ],
      {
        assumptions: [
          { name: 'AEs', value: '1', note: '' },
          { name: 'Rate', value: '5%', note: '' },
        ],
      },
    );
    const rows = Papa.parse<string[]>(csvOf(m), { skipEmptyLines: true }).data;
    const demo = rows[2]!;
    expect(demo[4]).toBe('50'); // capacity: =AEs*50 with AEs = 1
    expect(demo[3]).toBe('5%'); // conversion: =Rate
    expect(demo[10]).toBe('700'); // inflow: 2000 × 35 %
    expect(demo[14]).toBe('1400%'); // load 700 ÷ 50 = 14, shown as 1,400 %
    expect(rows[1]![3]).toBe('35%');
    expect(rows[1]![14]).toBe(''); // unlimited capacity: no load
    expect(rows.slice(-2)).toEqual([
      ['AEs', '1', ''],
      ['Rate', '5%', ''],
    ]);
    for (const row of rows) for (const text of row) expect(text).not.toMatch(/^'?=/);
  });

  it('writes the stage columns and the computed columns as values', () => {
    const m = EXAMPLES.find((e) => e.id === 'reference')!.model();
    const flow = analyzeModel(m).flow;
    const [header, ...rows] = Papa.parse<string[]>(csvOf(m), {
      skipEmptyLines: true,
    }).data;
    expect(header).toEqual([
      'Stage',
      'Feeds into',
      ...Object.values(STAGE_FIELD_LABELS),
      'Inflow',
      'Processed',
      'Pileup',
      'Out',
      'Load',
      'Id',
    ]);
    rows.forEach((row, i) => {
      const s = m.stages[i]!;
      expect(row.slice(2, 10)).toEqual([
        s.arrivals,
        s.conversion,
        s.capacity,
        s.lag,
        s.cost_per_period,
        s.cost_per_item,
        s.value,
        s.variable_cost,
      ]);
      expect(Number(row[13])).toBeCloseTo(flow.stages[i]!.out, 9);
      expect(row[15]).toBe(s.id);
    });
  });

  it('neutralises formula injection in labels (OWASP) and reads them back exactly', () => {
    const m = hostile();
    const csv = csvOf(m);
    const rows = Papa.parse<string[]>(csv).data;
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows[1]?.[0]).toBe(`'${HOSTILE[0]}`);
    expect(rows[7]?.[0]).toBe(`''quoted`);
    expect(importGridCsv(csv, { base: m }).model).toEqual(m);
  });

  it('reads a Windows-1252 CSV with semicolons and no Id column', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('Stage;Arrivals;Conversion\r\nR'),
      0xe9,
      ...new TextEncoder().encode('unions;10;50%\r\nSign;;\r\n'),
    ]);
    const r = importGridCsv(bytes);
    expect(r.model.stages.map((s) => [s.id, s.name, s.arrivals, s.conversion, s.next])).toEqual([
      ['reunions', 'Réunions', '10', '50%', 'sign'],
      ['sign', 'Sign', '', '', null],
    ]);
  });

  it('bad input: empty, a header only, repeated ids, broken links', async () => {
    expect(() => importGridCsv('')).toThrow(/The CSV file: is empty; expected a header row/);
    expect(() => importGridCsv(new Uint8Array(MAX_GRID_BYTES + 1))).toThrow(
      /The CSV file: is 4\.0 MB; a grid CSV is read up to 4\.0 MB\./,
    );
    expect(() => importGridCsv('Stage,Arrivals\n')).toThrow(/the table has no rows of stages/);
    const r = importGridCsv('Stage,Feeds into,Id\nA,Nowhere,x\nB,B,x\n');
    expect(r.model.stages.map((s) => [s.id, s.next])).toEqual([
      ['x', null],
      ['b', null],
    ]);
    expect(r.warnings).toEqual([
      '"B": the id "x" is already taken; it gets "b".',
      '"A" feeds into "Nowhere", which is not a stage of the table; it ends the funnel instead.',
      '"B" feeds into "B", which is itself; it ends the funnel instead.',
    ]);
    const cycle = importGridCsv('Stage,Feeds into\nA,B\nB,A\n');
    expect(cycle.model.stages.map((s) => s.next)).toEqual(['b', null]);
    expect(cycle.warnings).toEqual([
      '"Feeds into" goes round in a circle (a → b); "B" ends the funnel instead.',
    ]);
  });
});

describe('grid XLSX', () => {
  it.each(EXAMPLES.map((e) => [e.id, e] as const))('round-trips example %s', async (_, example) => {
    const m = example.model();
    const bytes = await gridToXlsx(m, analyzeModel(m).flow);
    const back = await importXlsx(bytes);
    expect(back.model).toEqual(m);
    expect(back.warnings).toEqual([]);
  });

  it('lays the Funnel sheet out as model/layout.ts says, with live formulas and named assumptions', async () => {
    const m = EXAMPLES.find((e) => e.id === 'seed')!.model();
    const wb = await workbook(await gridToXlsx(m, analyzeModel(m).flow));
    const funnel = wb.getWorksheet('Funnel')!;
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Funnel', 'Assumptions', 'Loop', 'Settings']);
    expect([1, 2, 3, 4].map((c) => funnel.getRow(1).getCell(c).value)).toEqual([
      'Stage',
      'Feeds into',
      'Arrivals',
      'Conversion',
    ]);
    expect(funnel.getCell('A2').value).toBe(m.stages[0]!.name);
    const worked = m.stages.findIndex((s) => s.capacity.startsWith('='));
    expect(funnel.getCell(funnelAddress(worked, 'capacity')).value).toMatchObject({
      formula: m.stages[worked]!.capacity.slice(1),
    });
    expect(funnel.getCell(funnelAddress(worked, 'conversion'))).toMatchObject({
      value: 0.1,
      numFmt: '0%',
    });
    expect(wb.definedNames.model).toEqual([
      { name: 'AEs', ranges: ['Assumptions!$B$2'] },
      { name: 'AE_cost', ranges: ['Assumptions!$B$3'] },
    ]);
  });

  it('computes the same flow in a spreadsheet engine as the app does', async () => {
    for (const example of EXAMPLES) {
      const m = example.model();
      const flow = analyzeModel(m).flow;
      const wb = await workbook(await gridToXlsx(m, flow));
      const sheets: Record<string, (string | number | boolean | null)[][]> = {};
      wb.eachSheet((sheet) => {
        const rows: (string | number | boolean | null)[][] = [];
        sheet.eachRow({ includeEmpty: true }, (row, r) => {
          rows[r - 1] = Array.from({ length: sheet.columnCount }, (_, c) => {
            const v = row.getCell(c + 1).value;
            if (v && typeof v === 'object' && 'formula' in v) return `=${v.formula}`;
            return (v as string | number | boolean | null) ?? null;
          });
        });
        sheets[sheet.name] = rows;
      });
      const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3' });
      for (const { name, ranges } of wb.definedNames.model)
        hf.addNamedExpression(name, `=${ranges[0]}`);
      const funnel = hf.getSheetId('Funnel')!;
      m.stages.forEach((_, i) => {
        const out = hf.getCellValue({ sheet: funnel, row: i + 1, col: 13 });
        expect(out).toBeCloseTo(flow.stages[i]!.out, 9);
      });
      hf.destroy();
    }
  });

  it('writes labels as plain strings, never formulas, and reads them back exactly', async () => {
    const m = hostile();
    const bytes = await gridToXlsx(m, analyzeModel(m).flow);
    const wb = await workbook(bytes);
    const Excel = await loadExcelJs();
    const funnel = wb.getWorksheet('Funnel')!;
    m.stages.forEach((s, i) => {
      expect(funnel.getCell(`A${i + 2}`).value).toBe(s.name);
      expect(funnel.getCell(`A${i + 2}`).type).toBe(Excel.ValueType.String);
    });
    expect(wb.getWorksheet('Assumptions')!.getCell('C2').value).toBe('=cmd|calc');
    expect((await importXlsx(bytes)).model).toEqual(m);
  });

  it('reads corrected columns and header the way a grid CSV does', async () => {
    const m = EXAMPLES.find((e) => e.id === 'reference')!.model();
    const flow = analyzeModel(m).flow;
    const columns = ['name', 'ignore', 'arrivals', 'capacity'] as const;
    for (const header of [true, false]) {
      const options = { header, columns: [...columns] };
      const fromXlsx = await importXlsx(await gridToXlsx(m, flow), options);
      const fromCsv = importGridCsv(csvOf(m), options);
      expect(fromXlsx.columns).toEqual(fromCsv.columns);
      expect(fromXlsx.columns[0]).toEqual({
        index: 0,
        header: header ? 'Stage' : null,
        column: 'name',
        reason: 'chosen by you',
      });
      expect(fromXlsx.model.stages.map((s) => [s.name, s.arrivals, s.capacity])).toEqual(
        fromCsv.model.stages.map((s) => [s.name, s.arrivals, s.capacity]),
      );
    }
  });

  it('keeps number literals as typed where a number format can show them', async () => {
    const typed = ['35%', '12.5%', '$12,000', '1,500', '-€40', '$12.50', '0.25'];
    const m = model(typed.map((v, i) => ({ id: `s${i}`, value: v })));
    const back = await importXlsx(await gridToXlsx(m, analyzeModel(m).flow));
    expect(back.model.stages.map((s) => s.value)).toEqual(typed);
    const other = model([{ id: 'a', arrivals: '2.5k', capacity: '1e3' }]);
    const again = await importXlsx(await gridToXlsx(other, analyzeModel(other).flow));
    expect([again.model.stages[0]?.arrivals, again.model.stages[0]?.capacity]).toEqual([
      '2500',
      '1000',
    ]);
  });
});
