import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../helpers';
import { EXAMPLES } from '../../../src/lib/model/examples';
import { gridToXlsx } from '../../../src/lib/io/xlsx';
import { importXlsx } from '../../../src/lib/io/xlsx-import';
import { MAX_XLSX_BYTES, MAX_XLSX_UNZIPPED } from '../../../src/lib/io/xlsx-archive';
import { loadExcelJs } from '../../../src/lib/io/xlsx-load';
import { expectImportError } from './io-helpers';
import { deflateBomb, workbookZip } from './lying-workbook';

async function example(): Promise<Uint8Array> {
  const m = EXAMPLES[0]!.model();
  return gridToXlsx(m, analyzeModel(m).flow);
}

/** A workbook made by another tool: one sheet named by the user. */
async function foreign(fill: (sheet: import('exceljs').Worksheet) => void): Promise<Uint8Array> {
  const Excel = await loadExcelJs();
  const wb = new Excel.Workbook();
  fill(wb.addWorksheet('My funnel'));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('XLSX import: bad input gets a clear message', () => {
  it('empty, not a ZIP, an old .xls', async () => {
    await expectImportError(
      () => importXlsx(new Uint8Array(0), { file: 'a.xlsx' }),
      /^a\.xlsx: is empty \(0 bytes\); expected an \.xlsx workbook\.$/,
    );
    await expectImportError(
      () => importXlsx(new TextEncoder().encode('Stage,Arrivals\n'), { file: 'a.xlsx' }),
      /^a\.xlsx: is not an \.xlsx workbook \(it is not a ZIP archive\)\.$/,
    );
    await expectImportError(
      () => importXlsx(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0])),
      /is an old Excel \(\.xls\) file; save it as \.xlsx/,
    );
  });

  it('cut short', async () => {
    const bytes = await example();
    await expectImportError(
      () => importXlsx(bytes.slice(0, bytes.length / 2)),
      /is damaged or cut short: its ZIP archive cannot be read\./,
    );
  });

  it('a ZIP that is not a workbook', async () => {
    const zip = zipSync({ 'notes.txt': new TextEncoder().encode('hello') });
    await expectImportError(
      () => importXlsx(zip),
      /is a ZIP archive but not an \.xlsx workbook \(it has no xl\/workbook\.xml\)\./,
    );
  });

  it('too large, or expanding too far', async () => {
    const big = new Uint8Array(MAX_XLSX_BYTES + 1);
    big.set([0x50, 0x4b, 3, 4]);
    await expectImportError(
      () => importXlsx(big),
      /is 20\.0 MB; a workbook is read up to 20\.0 MB\./,
    );
    // An honest bomb: its ZIP directory says how far it expands, so it is refused unread.
    const bomb = workbookZip({}, [
      {
        name: 'xl/workbook.xml',
        data: deflateBomb(101),
        deflated: { claimed: MAX_XLSX_UNZIPPED + 1024 * 1024 },
      },
    ]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expectImportError(
      () => importXlsx(bomb),
      /would expand to 101\.0 MB; a workbook is read up to 100\.0 MB expanded\./,
    );
  });

  it('a sheet without stages', async () => {
    const bytes = await foreign((s) => s.addRow(['Stage', 'Arrivals']));
    await expectImportError(() => importXlsx(bytes), /the table has no rows of stages/);
  });
});

describe('XLSX import: workbooks from other tools', () => {
  it('reads the first sheet as a table of stages, labels from formulas as their values', async () => {
    const bytes = await foreign((s) => {
      s.addRow(['Stage', 'Count', 'Notes']);
      s.addRow([{ formula: 'UPPER("leads")', result: 'LEADS' }, 1000, 'from ads']);
      s.addRow(['Won', { formula: 'B2*0.1', result: 100 }, '']);
    });
    const r = await importXlsx(bytes);
    expect(r.model.stages.map((s) => [s.name, s.arrivals, s.conversion, s.next])).toEqual([
      ['LEADS', '1000', '=100/1000', 'won'],
      ['Won', '', '', null],
    ]);
    expect(r.warnings).toEqual([
      "My funnel: not laid out as Bottleneck's Funnel sheet, so formulas are read as their values.",
    ]);
  });

  it('reads a shared formula (Excel fill-down) as its value, with a warning', async () => {
    const bytes = await foreign((s) => {
      s.addRow(['Stage', 'Arrivals']);
      s.addRow(['A', { formula: '1+1', result: 2 }]);
      s.getCell('B3').value = { sharedFormula: 'B2', result: 2 } as never;
      s.getCell('A3').value = 'B';
    });
    const r = await importXlsx(bytes);
    expect(r.model.stages.map((s) => s.arrivals)).toEqual(['2', '2']);
    expect(r.warnings).toContain('My funnel!B3 holds a shared formula, read as its value.');
  });
});
