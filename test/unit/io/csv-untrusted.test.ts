import { describe, expect, it } from 'vitest';
import { describeCsv, readCsv } from '../../../src/lib/io/csv/read';
import type { ByteSource } from '../../../src/lib/io/csv/source';
import { pasteToModel } from '../../../src/lib/io/paste';
import { importGridCsv } from '../../../src/lib/io/sheet-import';
import { expectImportError, inChunks } from './io-helpers';

// Files that are one long line, and quotes that never close (issue 9, item 28).

const MB = 1024 * 1024;
const bytes = (text: string) => new TextEncoder().encode(text);

/** Reads every row of a CSV source; the rows it gave before any failure are kept in `rows`. */
async function readAll(source: ByteSource) {
  const rows: string[][] = [];
  const summary = await readCsv(
    source,
    { file: 'deals.csv' },
    () => {},
    (cells) => rows.push(cells),
  );
  return { rows, summary };
}

describe('a file without line breaks', () => {
  it('is one long line, not "empty" (47 MB on one line)', async () => {
    const line = new Blob([new Uint8Array(47 * MB).fill(0x61)]);
    await expectImportError(
      () => describeCsv(line, { file: 'line.csv' }),
      /^line\.csv: the first 1\.0 MB hold no line break \(the file is 47\.0 MB\): this is not CSV text with one row per line/,
    );
  });

  it('says where a quote opens that does not close within the first megabyte', async () => {
    const text = `"id,note\n${'x'.repeat(3 * MB)}`;
    await expectImportError(
      () => describeCsv(new Blob([text]), { file: 'q.csv' }),
      /^q\.csv: line 1: a quote \("\) opens a field that does not close within the first 1\.0 MB \(the file is 3\.0 MB\)\. Expected every quoted field to end with a quote\.$/,
    );
  });

  it('names the line where a quote opens that has not closed after 4 MB', async () => {
    const text = `id,note\n1,"${'x'.repeat(5 * MB)}`;
    await expectImportError(
      () => readAll(new Blob([text])),
      /^deals\.csv: line 2: a quote \("\) opens a field that does not close within 4 MB\. Expected every quoted field to end with a quote\.$/,
    );
  });

  it('names the line that runs on for more than 4 MB after the first rows', async () => {
    const text = `id,note\n1,a\n2,${'y'.repeat(5 * MB)}\n`;
    await expectImportError(
      () => readAll(inChunks(bytes(text), MB)),
      /^deals\.csv: line 3 runs on for more than 4 MB without a line break; expected CSV text with one row per line\.$/,
    );
  });
});

describe('a quote that never closes', () => {
  it('refuses a CRM file whose rows it would merge, naming the line it opens on', async () => {
    const text = 'id,stage\n1,New\n2,"Won\n3,New\n4,New\n';
    for (const size of [3, 1024]) {
      await expectImportError(
        () => readAll(inChunks(bytes(text), size)),
        /^deals\.csv: line 3: a quote \("\) opens a field that never closes, so the 2 lines after it were read into that one field \(rows merged\)\. Close the quote, or remove it, and import again\.$/,
      );
    }
  });

  it('only notes a quote left open on the last line (a file cut short), losing no row', async () => {
    const { rows, summary } = await readAll(bytes('id,stage\n1,New\n2,"Won\n'));
    expect(rows).toEqual([
      ['1', 'New'],
      ['2', 'Won\n'],
    ]);
    expect(summary.description.notes).toContain(
      'the file ends inside a quoted field opened on line 3: it may be cut short.',
    );
  });

  it('refuses a grid CSV or a paste instead of merging stages into one', async () => {
    const csv = 'Stage,Arrivals,Conversion\n"Leads,1000,50%\nMQL,,30%\nSQL,,20%\nWon,,\n';
    await expectImportError(
      () => importGridCsv(csv, { file: 'grid.csv' }),
      /^grid\.csv: line 2: a quote \("\) opens a field that never closes, so the 3 lines after it were read into that one field \(rows merged\)\./,
    );
    await expectImportError(
      () => pasteToModel(csv.replace(/,/g, '\t')),
      /^The pasted table: line 2: a quote \("\) opens a field that never closes, so the 3 lines after it were read into that one field/,
    );
    const closed = 'Stage,Note\n"Leads","two\nlines"\nWon,\n';
    expect(importGridCsv(closed).model.stages.map((s) => s.name)).toEqual(['Leads', 'Won']);
  });
});
