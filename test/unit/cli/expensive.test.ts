import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiveHundredSumproducts } from '../../fixtures/links/five-hundred-sumproducts';
import { runAll, type Run } from './run';

// Issue 9 items 22 and 24 on the real command: formulas that crashed the
// engine ("internal error" with a stack) or kept it busy past a minute at
// 1 GB are bad input, exit 1, naming the stage and field of each cell.
const FIXTURE = 'test/fixtures/cli/expensive-formulas.json';
const dir = mkdtempSync(join(tmpdir(), 'bottleneck-expensive-'));
const big = join(dir, 'five-hundred-sumproducts.json');
let runs: Record<'fixture' | 'simulate' | 'big', Run>;

beforeAll(async () => {
  writeFileSync(big, JSON.stringify(fiveHundredSumproducts('Expensive')));
  runs = await runAll({
    fixture: ['analyze', FIXTURE, '--json'],
    simulate: ['simulate', FIXTURE],
    big: ['analyze', big],
  });
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bottleneck on formulas that crashed or froze the engine', () => {
  it('analyze: exit 1, each bad cell named by stage and field, in plain words', () => {
    const { code, stdout, stderr } = runs.fixture;
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).not.toMatch(/internal error|call stack|at \S+ \(/i);
    expect(stderr).toMatch(/4 cells need fixing/);
    expect(stderr).toMatch(
      /Stage "Contact" \(contact\), field "capacity": #ERROR! Covers too many cells/,
    );
    expect(stderr).toMatch(/Stage "Reply" \(reply\), field "capacity": #ERROR! Too deeply nested/);
    expect(stderr).toMatch(
      /Stage "Meeting" \(meeting\), field "capacity": #ERROR! Covers too many/,
    );
    expect(stderr).toMatch(/Stage "Won" \(won\), field "capacity": #ERROR! Too long a text/);
  });

  it('simulate: the same cells, the same exit', () => {
    expect(runs.simulate.code).toBe(1);
    expect(runs.simulate.stderr).toMatch(/Stage "Reply" \(reply\), field "capacity"/);
  });

  it('a 500-stage model of SUMPRODUCTs over the whole grid ends (exit 1) and names its cells', () => {
    const { code, stderr } = runs.big;
    expect(code).toBe(1);
    expect(stderr).toMatch(/500 cells need fixing/);
    expect(stderr).toMatch(/Stage "Stage 500" \(s499\), field "capacity": #ERROR! Covers too many/);
  });
});
