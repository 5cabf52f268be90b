import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { decodeWindows1252, sniffEncoding } from '../../../src/lib/io/csv/decode';
import { readCsv, type CsvDescription } from '../../../src/lib/io/csv/read';
import type { ByteSource } from '../../../src/lib/io/csv/source';
import { expectImportError, inChunks, olistBytes } from './io-helpers';

/** Reads a whole source: its description and every row. */
async function readAll(source: ByteSource, options: Parameters<typeof readCsv>[1] = {}) {
  const rows: string[][] = [];
  let description: CsvDescription | null = null;
  const summary = await readCsv(
    source,
    options,
    (d) => void (description = d),
    (cells) => rows.push(cells),
  );
  return { rows, description: description as CsvDescription | null, summary };
}

const utf16 = (text: string, bigEndian: boolean) => {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
    out[2 + 2 * i + (bigEndian ? 0 : 1)] = c >> 8;
  }
  return out;
};

const TABLE = 'name\tcity\tamount\nZoé\tSão Paulo\t12\nLéa\tKöln\t7\n';

describe('CSV decoding', () => {
  it.each([
    ['UTF-8', new TextEncoder().encode(TABLE), 'utf-8', 'valid UTF-8'],
    [
      'UTF-8 with BOM',
      new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TABLE)]),
      'utf-8',
      'UTF-8 byte-order mark',
    ],
    ['UTF-16 LE', utf16(TABLE, false), 'utf-16le', 'UTF-16 LE byte-order mark'],
    ['UTF-16 BE', utf16(TABLE, true), 'utf-16be', 'UTF-16 BE byte-order mark'],
  ])('reads %s', async (_, bytes, encoding, reason) => {
    const { rows, description } = await readAll(bytes);
    expect(description?.encoding).toEqual({ encoding, reason: expect.stringContaining(reason) });
    expect(description?.columns.map((c) => c.name)).toEqual(['name', 'city', 'amount']);
    expect(rows).toEqual([
      ['Zoé', 'São Paulo', '12'],
      ['Léa', 'Köln', '7'],
    ]);
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8 (€ and curly quotes included)', async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('item;price\nCaf'),
      0xe9,
      ...new TextEncoder().encode(';'),
      0x80,
      0x35,
      0x0a,
      0x93,
      0x78,
      0x94,
      0x3b,
      0x31,
      0x0a,
    ]);
    expect(sniffEncoding(bytes).encoding).toBe('windows-1252');
    const { rows } = await readAll(bytes);
    expect(rows).toEqual([
      ['Café', '€5'],
      ['“x”', '1'],
    ]);
    expect(decodeWindows1252(new Uint8Array([0x80, 0x9f, 0xff]))).toBe('€Ÿÿ');
  });

  it('switches to Windows-1252 mid-stream when only ASCII came before', async () => {
    const head =
      'id,label\n' + Array.from({ length: 9000 }, (_, i) => `${i},plain`).join('\n') + '\n';
    const bytes = new Uint8Array([
      ...new TextEncoder().encode(head),
      0x39,
      0x2c,
      0x4d,
      0xfc,
      0x6c,
      0x6c,
      0x65,
      0x72,
      0x0a,
    ]);
    const { rows, summary } = await readAll(inChunks(bytes, 4096));
    expect(rows.at(-1)).toEqual(['9', 'Müller']);
    expect(summary.description.notes.join(' ')).toMatch(/read as Windows-1252 from there/);
  });
});

describe('CSV streaming', () => {
  const leads = olistBytes('marketing_qualified_leads.csv');
  const whole = Papa.parse<string[]>(new TextDecoder().decode(leads), {
    skipEmptyLines: true,
  }).data.slice(1);

  it('gives the same rows whatever the chunk size (quotes and CRLF cut anywhere)', async () => {
    const deals = olistBytes('closed_deals.csv');
    const expected = Papa.parse<string[]>(new TextDecoder().decode(deals), {
      skipEmptyLines: true,
    }).data.slice(1);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 70_000 }),
        fc.integer({ min: 500, max: 200_000 }),
        async (size, sample) => {
          const { rows } = await readAll(inChunks(deals, size), { sampleChars: sample });
          expect(rows).toEqual(expected);
        },
      ),
      { seed: 20240501, numRuns: 25 },
    );
  });

  it('reads a Blob slice by slice, reporting progress up to the total', async () => {
    const progress: [number, number | null][] = [];
    const { rows } = await readAll(new Blob([leads]), {
      chunkBytes: 100_000,
      onProgress: (read, total) => progress.push([read, total]),
    });
    expect(rows).toEqual(whole);
    expect(progress.length).toBe(Math.ceil(leads.length / 100_000));
    expect(progress.at(-1)).toEqual([leads.length, leads.length]);
    expect(progress.every(([a], i) => i === 0 || a > (progress[i - 1]?.[0] ?? 0))).toBe(true);
  });

  it('reads a web ReadableStream', async () => {
    const stream = new Blob([leads]).stream();
    const { rows } = await readAll(stream);
    expect(rows).toEqual(whole);
  });

  it('stops when cancelled, with a cancel error', async () => {
    const controller = new AbortController();
    const error = await expectImportError(
      () =>
        readAll(inChunks(leads, 10_000), {
          signal: controller.signal,
          onProgress: (read) => read > 300_000 && controller.abort(),
        }),
      /cancelled/,
    );
    expect(error.cancelled).toBe(true);
  });

  it('refuses a file over the size cap, naming both sizes', async () => {
    await expectImportError(
      () => readAll(new Blob([leads]), { file: 'leads.csv', maxBytes: 70_000 }),
      /^leads\.csv: the file is 695\.2 KB; this import reads at most 68\.4 KB\./,
    );
    await expectImportError(
      () => readAll(inChunks(leads, 10_000), { file: 'leads.csv', maxBytes: 70_000 }),
      /^leads\.csv: the file is larger than 68\.4 KB/,
    );
  });

  it('keeps line breaks inside quoted fields, and notes a file cut inside a quote', async () => {
    const text = 'id,note\n1,"two\nlines, one field"\n2,"cut sh';
    const { rows, summary } = await readAll(inChunks(new TextEncoder().encode(text), 3));
    expect(rows[0]).toEqual(['1', 'two\nlines, one field']);
    expect(summary.description.notes).toContain(
      'the file ends inside a quoted field opened on line 4: it may be cut short.',
    );
  });
});
