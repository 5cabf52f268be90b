import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APP_URL } from '../../../src/cli/share';
import { parseModelJson } from '../../../src/lib/io/model-json';
import { decodeShareFragment, MAX_FRAGMENT_CHARS } from '../../../src/lib/io/share-link';
import { serializeModel } from '../../../src/lib/model/serialize';
import { bottleneck, ROOT, runAll, type Run } from './run';

// `bottleneck share FILE` and `bottleneck open LINK`, the real bin spawned:
// the same share-link code as the app, so links made here open there.
const F = 'test/fixtures/cli';
const reference = () =>
  serializeModel(parseModelJson(readFileSync(join(ROOT, F, 'reference.json'), 'utf8')));
const seedLink = (
  JSON.parse(readFileSync(join(ROOT, 'test/fixtures/links/v1-seed-example.json'), 'utf8')) as {
    link: string;
  }
).link;

/** Runs the bin with `input` on standard input. */
function withStdin(input: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/bottleneck.js', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

let runs: Record<string, Run>;

beforeAll(async () => {
  runs = await runAll({
    share: ['share', `${F}/reference.json`],
    shareBase: ['share', `${F}/reference.json`, '--base', 'https://example.com/app/?x=1#old'],
    shareMissing: ['share', `${F}/no-such-model.json`],
    shareInvalid: ['share', `${F}/invalid-model.json`],
    shareBadBase: ['share', `${F}/reference.json`, '--base', 'javascript:alert(1)'],
    openSeed: ['open', seedLink],
    openGarbage: ['open', 'https://example.com/#m1.not*base64'],
    openTruncated: ['open', seedLink.slice(0, -40)],
    openNewer: ['open', '#m9.AAAA'],
    openHuge: ['open', `m1.${'A'.repeat(MAX_FRAGMENT_CHARS + 4)}`],
    openNothing: ['open'],
  });
}, 60_000);

describe('bottleneck share', () => {
  it('prints a link on the default address whose fragment holds the model', () => {
    expect(runs.share).toMatchObject({ code: 0, stderr: '' });
    const link = runs.share!.stdout.trim();
    expect(link.startsWith(`${DEFAULT_APP_URL}#m1.`)).toBe(true);
    expect(serializeModel(decodeShareFragment(link))).toEqual(reference());
  });

  it('puts the link on the --base address, dropping any fragment it had', () => {
    expect(runs.shareBase).toMatchObject({ code: 0, stderr: '' });
    expect(runs.shareBase!.stdout).toMatch(/^https:\/\/example\.com\/app\/\?x=1#m1\.[\w-]+\n$/);
  });

  it('refuses a missing or invalid file (exit 1) and a base that is not http(s) (exit 2)', () => {
    expect(runs.shareMissing).toMatchObject({ code: 1, stdout: '' });
    expect(runs.shareMissing!.stderr).toMatch(/no-such-model\.json: no such file/);
    expect(runs.shareInvalid).toMatchObject({ code: 1, stdout: '' });
    expect(runs.shareInvalid!.stderr).toMatch(/invalid-model\.json/);
    expect(runs.shareBadBase).toMatchObject({ code: 2, stdout: '' });
    expect(runs.shareBadBase!.stderr).toMatch(/must be an http or https address/);
  });
});

describe('bottleneck open', () => {
  it('prints the model a link holds as format 1 JSON, and reopens what share made', async () => {
    expect(runs.openSeed).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(runs.openSeed!.stdout)).toEqual(
      serializeModel(decodeShareFragment(seedLink)),
    );
    const again = await bottleneck('open', runs.share!.stdout.trim());
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(again.stdout)).toEqual(reference());
  });

  it('reads the link from standard input for -', async () => {
    const run = await withStdin(`${runs.share!.stdout}\n`, 'open', '-');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual(reference());
  });

  it('explains a garbage, truncated, newer or oversized link on stderr with exit 1', () => {
    for (const [run, message] of [
      [runs.openGarbage, /damaged or incomplete/],
      [runs.openTruncated, /damaged or incomplete/],
      [runs.openNewer, /newer version of Bottleneck/],
      [runs.openHuge, /too large/],
    ] as const) {
      expect(run).toMatchObject({ code: 1, stdout: '' });
      expect(run!.stderr).toMatch(message);
      expect(run!.stderr).not.toMatch(/internal error|at .*\.ts:/);
    }
  });

  it('asks for LINK when it is missing (exit 2)', () => {
    expect(runs.openNothing).toMatchObject({ code: 2, stdout: '' });
    expect(runs.openNothing!.stderr).toMatch(/open needs LINK/);
  });
});
