import { describe, expect, it } from 'vitest';
import { importXlsx } from '../../../src/lib/io/xlsx-import';
import { EXAMPLES } from '../../../src/lib/model/examples';
import { unzipCapped } from '../../../src/lib/io/unzip';
import { expectImportError } from './io-helpers';
import { deflateBomb, lyingWorkbook, workbookParts, workbookZip } from './lying-workbook';

describe('XLSX import: a workbook that lies about its sizes (issue 9, item 23)', () => {
  it('stops at the cap while inflating a 6 GB sheet whose headers claim 1 KB', async () => {
    const bomb = await lyingWorkbook();
    expect(bomb.length).toBeGreaterThan(5 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(8 * 1024 * 1024);
    const error = await expectImportError(
      () => importXlsx(bomb, { file: 'bomb.xlsx' }),
      /^bomb\.xlsx: expands to more than 100\.0 MB \(though its ZIP headers claim [\d.]+ KB\); a workbook is read up to 100\.0 MB expanded\.$/,
    );
    expect(error.internal).toBe(false);
  });

  it('counts what was inflated, not what the headers say', () => {
    const archive = workbookZip({}, [
      { name: 'a.xml', data: deflateBomb(40), deflated: { claimed: 10 } },
      { name: 'b.xml', data: deflateBomb(40), deflated: { claimed: 10 } },
    ]);
    const capped = unzipCapped(archive, { maxInflated: 64 * 1024 * 1024, maxFiles: 10 });
    expect(capped.ok).toBe(false);
    if (capped.ok || capped.kind !== 'too-large') throw new Error('expected too-large');
    expect(capped.claimed).toBe(20);
    // Stopped within one slice of the cap, far short of the 80 MB inside.
    expect(capped.inflated).toBeGreaterThan(64 * 1024 * 1024);
    expect(capped.inflated).toBeLessThan(64 * 1024 * 1024 + 256 * 1024);
    const room = unzipCapped(archive, { maxInflated: 81 * 1024 * 1024, maxFiles: 10 });
    expect(room.ok && Object.values(room.files).map((f) => f.length)).toEqual([
      40 * 1024 * 1024,
      40 * 1024 * 1024,
    ]);
  });

  it('reads a workbook under the cap whatever size its headers claim', async () => {
    const parts = await workbookParts();
    const sheet = parts['xl/worksheets/sheet1.xml']!;
    const { deflateRawSync } = await import('node:zlib');
    const archive = workbookZip(parts, [
      {
        name: 'xl/worksheets/sheet1.xml',
        data: new Uint8Array(deflateRawSync(sheet)),
        deflated: { claimed: 10 },
      },
    ]);
    const read = await importXlsx(archive);
    expect(read.model.stages.map((s) => s.name)).toEqual(
      EXAMPLES[0]!.model().stages.map((s) => s.name),
    );
  });

  it('refuses an archive of too many parts', async () => {
    const many = Array.from({ length: 10_001 }, (_, i) => ({
      name: `x/${i}.xml`,
      data: new Uint8Array(0),
    }));
    await expectImportError(
      () => importXlsx(workbookZip(Object.fromEntries(many.map((e) => [e.name, e.data])))),
      /holds more than 10,000 parts; a workbook is read up to 10,000\./,
    );
  });
});

describe('XLSX import: macros and links to other workbooks (issue 9, item 27)', () => {
  it('warns that macros are never run and external links never followed', async () => {
    const parts = await workbookParts();
    const archive = workbookZip({
      ...parts,
      'xl/vbaProject.bin': new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]),
      'xl/externalLinks/externalLink1.xml': new TextEncoder().encode('<externalLink/>'),
    });
    const read = await importXlsx(archive, { file: 'macro.xlsm' });
    expect(read.warnings).toEqual([
      'The workbook holds macros (xl/vbaProject.bin); Bottleneck never runs them and they are not imported. Open it in Excel only if you trust where it came from.',
      'The workbook links to another workbook (xl/externalLinks/externalLink1.xml); those links are not followed, and a formula that uses one shows an error in the model.',
    ]);
    expect((await importXlsx(workbookZip(parts))).warnings).toEqual([]);
  });
});
