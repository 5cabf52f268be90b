import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyzeJson } from '../../../src/cli/analyze';
import { serializeModel } from '../../../src/lib/model/serialize';
import type { Model } from '../../../src/lib/model/types';
import { model } from '../helpers';
import * as M from '../report/facts-models';
import { runAll, type Run } from './run';

// The real command, spawned on fixture files: PRODUCT.md "The command line".
// (main.test.ts covers the rest in-process: each spawn costs ~0.8 s.)
const F = 'test/fixtures/cli';
let runs: Record<string, Run>;
let dir: string;

/** Writes a model to a file for the command to read. */
async function modelFile(name: string, model: Model): Promise<string> {
  const path = join(dir, `${name}.json`);
  await writeFile(path, JSON.stringify(serializeModel(model)));
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bottleneck-analyze-'));
  const twoFunnels = await modelFile('two-funnels', M.twoFunnels());
  const exact = await modelFile('exact', M.exactLoad());
  // K = 2, held to a steady state by Referred leads' capacity of 50.
  const capped = await modelFile(
    'capped-loop',
    model(
      [{ id: 'referred', name: 'Referred', arrivals: '5', capacity: '50', conversion: '20%' }],
      { loop: { enabled: true, entry: 'referred', referrals: '10', lag: '2', customers: '10' } },
    ),
  );
  runs = await runAll({
    twoFunnelsText: ['analyze', twoFunnels],
    twoFunnels: ['analyze', twoFunnels, '--json'],
    exactText: ['analyze', exact],
    exact: ['analyze', exact, '--json'],
    viralText: ['analyze', `${F}/viral.json`],
    viral: ['analyze', `${F}/viral.json`, '--json'],
    capped: ['analyze', capped, '--json'],
    reference: ['analyze', `${F}/reference.json`, '--json'],
    referenceText: ['analyze', `${F}/reference.json`],
    market: ['analyze', `${F}/market.json`, '--json'],
    tie: ['analyze', '--json', `${F}/tie.json`],
    notJson: ['analyze', `${F}/not-json.json`, '--json'],
    invalid: ['analyze', `${F}/invalid-model.json`, '--json'],
    formulaError: ['analyze', `${F}/formula-error.json`, '--json'],
    missing: ['analyze', `${F}/no-such-model.json`],
    badOption: ['analyze', `${F}/reference.json`, '--jsn'],
  });
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const json = (run: Run | undefined): AnalyzeJson => {
  expect(run?.stderr).toBe('');
  expect(run?.code).toBe(0);
  return JSON.parse(run?.stdout ?? '') as AnalyzeJson;
};

describe('bottleneck analyze --json', () => {
  it('reproduces the reference chain: contact binds, 3.75 won, capacities in output units', () => {
    const out = json(runs.reference);
    expect(out.constraint).toMatchObject({ kind: 'stage', stages: ['contact'] });
    expect(out.constraint.binding.map((b) => b.stages)).toEqual([['contact']]);
    expect(out.steady_state).toBe(true);
    expect(out.throughput).toEqual({ units: 3.75, money: 0 });
    expect(out.operating_expense).toBe(0);
    expect(out.stages.map((s) => s.id)).toEqual([
      'enrich',
      'contact',
      'reply',
      'meeting',
      'opportunity',
    ]);
    expect(out.stages.map((s) => s.capacity_out)).toEqual([5.625, 3.75, 10, 4, 7.5]);
    expect(out.stages[1]).toEqual({
      id: 'contact',
      inflow: 1800,
      processed: 1500,
      pileup: 300,
      out: 75,
      lost: 1425,
      load: 1.2,
      capacity_out: 3.75,
    });
  });

  it('names the market when no stage is overloaded, with money and operating expense', () => {
    const out = json(runs.market);
    expect(out.constraint).toEqual({
      kind: 'market',
      stages: [],
      binding: [],
      with_demand: false,
      binds_first: { stage: 'calls', factor: 1.6, arrivals: 160 },
      adds_nothing: ['leads', 'calls'],
      overproduction: [],
      near_capacity: [],
    });
    // 100 leads → 50 calls → 5 won at 2,000 − 200 each.
    expect(out.throughput).toEqual({ units: 5, money: 9000 });
    expect(out.operating_expense).toBe(1000);
    expect(out.stages.map((s) => s.load)).toEqual([0.5, 0.625]);
  });

  it('names a tie between channels short of the same capacity, and writes null for unlimited', () => {
    const out = json(runs.tie);
    expect(out.constraint).toMatchObject({ kind: 'tie', stages: ['ads', 'events'], chain: false });
    // Each channel alone holds back 6 won; lifting both at once adds 12.
    expect(out.constraint.binding.map((b) => [b.stages, b.held_back])).toEqual([
      [['ads'], { units: 6, money: 6000 }],
      [['events'], { units: 6, money: 6000 }],
    ]);
    expect(out.constraint.together?.held_back).toEqual({ units: 12, money: 12000 });
    expect(out.constraint.together?.marginal.units).toBeCloseTo(0.8, 9);
    expect(out.throughput).toEqual({ units: 8, money: 8000 });
    const won = out.stages[2];
    expect(won).toMatchObject({ id: 'won', inflow: 80, load: null, capacity_out: null });
  });
});

describe('bottleneck analyze --json: the constraint facts (issue 9)', () => {
  it('two funnels: every binding stage ranked by what +10 % adds, Inbound first', () => {
    const out = json(runs.twoFunnels);
    expect(out.constraint).toMatchObject({
      kind: 'stage',
      stages: ['inbound'],
      with_demand: false,
    });
    const ranked = out.constraint.binding.map((b) => ({
      stages: b.stages,
      marginal: b.marginal.units ?? NaN,
      held_back: b.held_back,
    }));
    expect(ranked.map((b) => b.stages)).toEqual([['inbound'], ['cold']]);
    expect(ranked[0]?.marginal).toBeCloseTo(10, 9);
    expect(ranked[1]?.marginal).toBeCloseTo(0.1, 9);
    expect(ranked.map((b) => b.held_back)).toEqual([
      { units: 50, money: 50000 },
      { units: 999, money: 999000 },
    ]);
    // Both bind, so neither "adds nothing" nor piles up as overproduction.
    expect(out.constraint.adds_nothing).toEqual([]);
    expect(out.constraint.overproduction).toEqual([]);
    expect(out.constraint.near_capacity).toEqual(['cold', 'inbound']);
    expect(out.constraint.together).toBeUndefined();
  });

  it('at exactly 100 % load: the constraint tied with demand, nothing binding', () => {
    const out = json(runs.exact);
    expect(out.constraint).toMatchObject({
      kind: 'stage',
      stages: ['leads'],
      with_demand: true,
      binding: [],
      near_capacity: ['leads'],
    });
  });

  it('pull with K ≥ 1 held by a capacity: steady, and unlimited capacity there compounds (null)', () => {
    const out = json(runs.capped);
    expect(out.steady_state).toBe(true);
    expect(out.snapshot).toBeNull();
    expect(out.throughput.units).toBe(10);
    expect(out.constraint.binding).toEqual([
      {
        stages: ['referred'],
        marginal: { units: expect.closeTo(1, 9) as number, money: 0 },
        held_back: { units: null, money: null },
        compounds: true,
      },
    ]);
  });

  it('pull with K ≥ 1: no steady state, the numbers of the horizon', () => {
    const out = json(runs.viral);
    expect(out.steady_state).toBe(false);
    expect(out.no_steady_state).toMatch(/K = 2 .*pull has no steady state/);
    expect(out.snapshot).toEqual({ period: 20, referred_leads: 51200 });
    expect(out.throughput.units).toBe(10240);
  });
});

describe('bottleneck analyze (summary for people)', () => {
  it('says which stage binds and why, then T, OE and T ÷ OE', () => {
    const text = runs.referenceText?.stdout ?? '';
    expect(runs.referenceText?.code).toBe(0);
    expect(text).toMatch(/^The constraint is Contact \(contact\)\.$/m);
    expect(text).toMatch(
      /^ {2}Load 120%: 1,800 arrive per month, it can process 1,500; 300 per month pile up\.$/m,
    );
    expect(text).toMatch(/^ {2}Capacity anywhere else adds nothing\.$/m);
    expect(text).toMatch(
      /^Throughput: +3\.75 Opportunity per month \(set a Value to count money\)$/m,
    );
    expect(text).toMatch(/^T ÷ OE: +— \(no operating expense yet\)$/m);
  });

  it('prints the same facts as the app: two funnels name both binding stages, Inbound first', () => {
    const text = runs.twoFunnelsText?.stdout ?? '';
    expect(runs.twoFunnelsText?.code).toBe(0);
    expect(text).toMatch(/^The constraint is Inbound \(inbound\)\.$/m);
    expect(text).toContain(
      '  Also binding, ranked by what +10 % of capacity adds: Cold list (cold) (+0.1 Won per month (+$100 per month); unlimited: +999 Won per month (+$999,000 per month)).',
    );
    expect(text).not.toMatch(/anywhere else adds nothing|overproduction|smallest capacity/);
  });

  it('at exactly 100 % load: tied with demand, never "every stage has room" or "binds first"', () => {
    const text = runs.exactText?.stdout ?? '';
    expect(text).toMatch(
      /^Leads \(leads\) is the constraint, tied with demand: it runs at exactly its capacity\.$/m,
    );
    expect(text).not.toMatch(/every stage has room|binds first/);
  });

  it('with K ≥ 1 in pull says there is no steady state, and gives numbers at the horizon', () => {
    const text = runs.viralText?.stdout ?? '';
    expect(text).toMatch(/^Pull has no steady state: growth compounds\.$/m);
    expect(text).toMatch(
      /^Throughput: +10,240 Referred leads per week \(at period 20, no steady state\)$/m,
    );
  });
});

describe('bottleneck analyze: bad input', () => {
  const failed = (run: Run | undefined) => {
    expect(run?.code).toBe(1);
    expect(run?.stdout).toBe('');
    return run?.stderr ?? '';
  };

  it('refuses text that is not JSON, saying where', () => {
    expect(failed(runs.notJson)).toMatch(/not-json\.json: .*not valid JSON.*\(line 4, column 41\)/);
  });

  it('names the stage and field of an invalid model', () => {
    expect(failed(runs.invalid)).toMatch(
      /invalid-model\.json: Stage "Meetings" \(meetings\), field "lag": must be a number/,
    );
  });

  it('lists every formula error and out-of-range cell with its stage and field', () => {
    const err = failed(runs.formulaError);
    expect(err).toMatch(/2 cells need fixing/);
    expect(err).toMatch(/Stage "Worked by AEs" \(worked\), field "capacity": #DIV\/0! /);
    expect(err).toMatch(
      /Stage "Worked by AEs" \(worked\), field "conversion": 140 % is out of range/,
    );
  });

  it('says when the file is missing', () => {
    expect(failed(runs.missing)).toMatch(/no-such-model\.json: no such file/);
  });

  it('answers a usage error with exit code 2 and the usage on stderr', () => {
    expect(runs.badOption?.code).toBe(2);
    expect(runs.badOption?.stdout).toBe('');
    expect(runs.badOption?.stderr).toMatch(
      /Unknown option '--jsn'[^]*Usage: bottleneck analyze FILE/,
    );
  });
});
