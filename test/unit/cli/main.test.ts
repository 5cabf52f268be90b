import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../../src/cli/io';
import { ROOT, runMain } from './run';

// main() in-process, with captured streams: the cases analyze.test.ts does
// not spawn (usage, help, summaries, unusual files).
const F = join(ROOT, 'test/fixtures/cli');

describe('bottleneck usage', () => {
  it('prints the list of commands for --help (stdout, exit 0) and with no arguments (stderr, exit 2)', async () => {
    const help = await runMain('--help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: bottleneck <command>/);
    expect(help.stdout).toMatch(/bottleneck analyze FILE \[--json\]/);
    expect(await runMain()).toEqual({ code: 2, stdout: '', stderr: help.stdout });
  });

  it("prints a command's help, including the JSON shape", async () => {
    for (const argv of [
      ['help', 'analyze'],
      ['analyze', '-h'],
      ['analyze', 'x.json', '--help'],
    ]) {
      const run = await runMain(...argv);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: bottleneck analyze FILE \[--json\]/);
      expect(run.stdout).toMatch(/"capacity_out" are null when the stage's capacity is unlimited/);
    }
  });

  it('refuses an unknown command, a missing FILE and an extra argument with exit 2', async () => {
    const unknown = await runMain('simulte', 'x.json');
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toMatch(/unknown command "simulte"[^]*Commands:/);
    const noFile = await runMain('analyze', '--json');
    expect(noFile).toMatchObject({ code: 2, stdout: '' });
    expect(noFile.stderr).toMatch(/analyze needs FILE\.\nUsage: bottleneck analyze FILE/);
    const two = await runMain('analyze', 'a.json', 'b.json');
    expect(two).toMatchObject({ code: 2, stdout: '' });
    expect(two.stderr).toMatch(/unexpected "b\.json"/);
  });
});

describe('bottleneck analyze (summary for people)', () => {
  it('explains the market case with the stage that binds first, and T ÷ OE', async () => {
    const { code, stdout } = await runMain('analyze', join(F, 'market.json'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/The constraint is the market \(demand\): every stage has room\./);
    // calls: capacity 80, 50 arrive → binds at 1.6× today's 100 leads.
    expect(stdout).toMatch(
      /\(calls\) will bind first, when demand reaches 160 arrivals per week \(1\.6× today\)/,
    );
    // T = 5 × (2,000 − 200) = 9,000; OE = 1,000.
    expect(stdout).toMatch(/T ÷ OE: +9 \(the scoreboard\)\n/);
  });

  it('never writes control characters from a model to the terminal', async () => {
    // market.json's name holds ESC [31m and a stage name a C1 CSI: both are
    // removed as the model opens (model/clean-text.ts), the rest of the name stays.
    const { stdout } = await runMain('analyze', join(F, 'market.json'));
    expect([...stdout].some((c) => c === '\u001b' || c === '\u009b')).toBe(false);
    expect(stdout).toContain('Market bound [31mred');
  });

  it('names every tied stage, and says whether they bind alone or together', async () => {
    const { stdout } = await runMain('analyze', join(F, 'tie.json'));
    expect(stdout).toMatch(
      /A tie: Paid ads \(ads\) and Events \(events\) hold back throughput equally/,
    );
    // Lifting both adds twice what one alone does (issue 9 item 1).
    expect(stdout).toMatch(
      /Each holds back as much: unlimited capacity at all of them would add \+12 Closed won per month \(\+\$12,000 per month\); one alone, \+6 Closed won per month/,
    );
  });
});

describe('bottleneck analyze: unusual files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bottleneck-cli-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refuses a folder and a file over the size cap without reading it', async () => {
    const folder = await runMain('analyze', F);
    expect(folder).toMatchObject({ code: 1, stdout: '' });
    expect(folder.stderr).toMatch(/fixtures\/cli: not a file/);
    const huge = join(dir, 'huge.json');
    await writeFile(huge, ' '.repeat(MAX_FILE_BYTES + 1));
    const big = await runMain('analyze', huge);
    expect(big).toMatchObject({ code: 1, stdout: '' });
    expect(big.stderr).toMatch(/huge\.json: 5\.0 MB is too large .*at most 5 MB/);
  });

  it('reads a file saved with a byte order mark', async () => {
    const doc = {
      format: 'bottleneck-model',
      version: 1,
      stages: [{ id: 'a', name: 'A', arrivals: '7' }],
    };
    const path = join(dir, 'bom.json');
    await writeFile(path, `\uFEFF${JSON.stringify(doc)}`);
    const run = await runMain('analyze', path, '--json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout).throughput.units).toBe(7);
  });

  it('lists every problem of a model with several, one per line', async () => {
    const doc = {
      format: 'bottleneck-model',
      version: 1,
      stages: [
        { id: 'a', name: 'A', next: 'nowhere' },
        { id: 'b', name: 'B', next: 'elsewhere' },
      ],
    };
    const path = join(dir, 'two-problems.json');
    await writeFile(path, JSON.stringify(doc));
    const run = await runMain('analyze', path);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /cannot be opened:\n {2}Stage "A" \(a\), field "next": no stage has the id "nowhere"\.\n {2}Stage "B" \(b\), field "next": no stage has the id "elsewhere"\./,
    );
  });
});
