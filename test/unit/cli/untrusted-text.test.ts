import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printable, toJson } from '../../../src/cli/io';
import { ROOT, runMain } from './run';

// What a model or a file holds never reaches the terminal as control
// characters, and a UTF-16 model file reads (issue 9, item 28).

const BIDI = ['\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']; // prettier-ignore
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bottleneck-text-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The reference model's JSON under another name. */
async function referenceWith(name: string): Promise<Record<string, unknown>> {
  const doc = JSON.parse(await readFile(join(ROOT, 'test/fixtures/cli/reference.json'), 'utf8'));
  doc.name = name;
  return doc;
}

describe('printable and toJson', () => {
  it('neutralise bidirectional controls as well as terminal escapes', () => {
    for (const c of [...BIDI, '\u001b', '\u009b', '\u0007']) {
      expect(printable(`a${c}b`)).toBe('a\uFFFDb');
    }
    expect(printable('Ads\tשלום\n')).toBe('Ads\tשלום\n');
    expect(toJson({ name: 'gpj.\u202eexe' })).toBe('{\n  "name": "gpj.\\u202eexe"\n}');
    expect(JSON.parse(toJson({ name: 'x\u202ey\u0085' }))).toEqual({ name: 'x\u202ey\u0085' });
  });
});

describe('the CLI with hostile text', () => {
  it('never passes a right-to-left override in a model name to the terminal', async () => {
    const path = join(dir, 'rlo.json');
    await writeFile(path, JSON.stringify(await referenceWith('Leads \u202edaeh')));
    const summary = await runMain('analyze', path);
    expect(summary.code).toBe(0);
    expect(summary.stdout).not.toMatch(UNSAFE);
    expect(summary.stdout).toContain('Leads \uFFFDdaeh');
  });

  it('prints stage and channel names from a CSV without their escape sequences (import-crm)', async () => {
    const deals = join(dir, 'deals.csv');
    const rows = ['deal_id,created,stage,source'];
    for (let i = 1; i <= 40; i++) {
      const stage = i % 4 === 0 ? '\u001b[2JWon\u202e' : 'New';
      rows.push(`d${i},2024-0${1 + (i % 3)}-1${i % 10},${stage},${i % 2 ? 'ads\u0007' : 'email'}`);
    }
    await writeFile(deals, rows.join('\n') + '\n');
    const run = await runMain('import-crm', deals);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(UNSAFE);
    expect(run.stdout).toContain('\uFFFD[2JWon\uFFFD');
    expect(run.stdout).toContain('Ads\uFFFD');
    expect(run.stdout).not.toMatch(UNSAFE);
  });
});

describe('a UTF-16 model file', () => {
  it.each([
    [
      'UTF-16 LE with a BOM',
      (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]),
    ],
    ['UTF-16 BE with a BOM', (t: string) => Buffer.from(`\ufeff${t}`, 'utf16le').swap16()],
    ['UTF-16 LE without a BOM', (t: string) => Buffer.from(t, 'utf16le')],
    ['UTF-16 BE without a BOM', (t: string) => Buffer.from(t, 'utf16le').swap16()],
    ['UTF-8 with a BOM', (t: string) => Buffer.from(`\ufeff${t}`, 'utf8')],
  ])('%s opens', async (what, encode) => {
    const path = join(dir, `${what.replace(/\W+/g, '-')}.json`);
    await writeFile(path, encode(JSON.stringify(await referenceWith('Démo 🚀'))));
    const run = await runMain('analyze', path);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('Démo 🚀');
  });
});
