import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/lib/model/examples';
import { fileKind } from '../../../src/lib/io/kind';
import { fileNameFor, modelFileText, readModelFile } from '../../../src/lib/io/model-file';
import { MAX_MODEL_TEXT } from '../../../src/lib/io/model-json';
import { expectImportError } from './io-helpers';

const encode = (text: string) => new TextEncoder().encode(text);

describe('model files (.json)', () => {
  it.each(EXAMPLES.map((e) => [e.id, e] as const))(
    'round-trips example %s through a file',
    async (_, example) => {
      const m = example.model();
      expect(await readModelFile(new Blob([modelFileText(m)]))).toEqual(m);
    },
  );

  it('opens UTF-8 with a BOM, UTF-16 and old formats', async () => {
    const m = EXAMPLES[0]!.model();
    const text = modelFileText(m);
    expect(await readModelFile(new Uint8Array([0xef, 0xbb, 0xbf, ...encode(text)]))).toEqual(m);
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      utf16[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      utf16[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    expect(await readModelFile(utf16)).toEqual(m);
    const draft = JSON.stringify({
      version: 0,
      stages: [{ id: 'a', name: 'A', costPerItem: '$3' }],
    });
    const old = await readModelFile(encode(draft));
    expect([old.version, old.stages[0]?.cost_per_item]).toEqual([1, '$3']);
  });

  it('bad input: empty, not JSON, cut short, too large, not a model', async () => {
    await expectImportError(
      () => readModelFile(new Uint8Array(0), 'a.json'),
      /^a\.json: is empty \(0 bytes\); expected a Bottleneck model \(\.json\)\.$/,
    );
    await expectImportError(
      () => readModelFile(encode('<html>'), 'a.json'),
      /^a\.json: This is not a Bottleneck model: the text is not valid JSON/,
    );
    const text = modelFileText(EXAMPLES[0]!.model());
    await expectImportError(
      () => readModelFile(encode(text.slice(0, text.length / 2)), 'cut.json'),
      /^cut\.json: This is not a Bottleneck model: the text is not valid JSON/,
    );
    await expectImportError(
      () => readModelFile(new Blob([' '.repeat(4 * MAX_MODEL_TEXT + 1)]), 'big.json'),
      /^big\.json: is 8\.0 MB; a model file is read up to 8\.0 MB \(a 500-stage model is well under 1 MB\)\.$/,
    );
    // A 47 MB file on one line is too large, not "empty" (issue 9, item 28).
    await expectImportError(
      () => readModelFile(new Blob([new Uint8Array(47 * 1024 * 1024).fill(0x7b)]), 'line.json'),
      /^line\.json: is 47\.0 MB; a model file is read up to 8\.0 MB/,
    );
    const error = await expectImportError(
      () =>
        readModelFile(
          encode(
            '{"format":"bottleneck-model","version":1,"stages":[{"id":"a","name":"A","next":"nope"}]}',
          ),
          'bad.json',
        ),
      /^bad\.json: Stage "A" \(a\), field "next": no stage has the id "nope"\./,
    );
    expect(error.problems).toHaveLength(1);
  });

  it('reads UTF-16 (LE or BE, with or without a BOM) as well as UTF-8 (issue 9, item 28)', async () => {
    const m = { ...EXAMPLES[0]!.model(), name: 'Démo 🚀' };
    const text = modelFileText(m);
    const le = (t: string) => new Uint8Array(Buffer.from(t, 'utf16le'));
    const be = (t: string) => new Uint8Array(Buffer.from(t, 'utf16le').swap16());
    for (const bytes of [le(`\ufeff${text}`), be(`\ufeff${text}`), le(text), be(text)]) {
      expect((await readModelFile(bytes, 'u16.json')).name).toBe('Démo 🚀');
    }
  });

  it('names files after the model', () => {
    const m = { ...EXAMPLES[0]!.model(), name: 'Outbound — AE constrained / Q3' };
    expect(fileNameFor(m, 'xlsx')).toBe('outbound-ae-constrained-q3.xlsx');
    expect(fileNameFor({ ...m, name: '///' }, '.json')).toBe('model.json');
  });

  it('tells dropped files apart', () => {
    expect(fileKind('x.bin', encode('{"format":"bottleneck-model"}'))).toBe('model');
    expect(fileKind('book.xlsx', new Uint8Array([0x50, 0x4b, 3, 4]))).toBe('xlsx');
    expect(fileKind('flow.txt', encode('// a diagram\nLeads [20] Won\n'))).toBe('sankeymatic');
    expect(fileKind('leads.csv', encode('id,origin\n1,ads\n'))).toBe('csv');
    expect(fileKind('photo.png', new Uint8Array([0x89, 0x50]))).toBe('unknown');
  });
});
