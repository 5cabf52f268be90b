import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimulateJson } from '../../../src/cli/simulate';
import { runAll, type Run } from './run';

// The real command, spawned on fixture files: PRODUCT.md "The command line"
// and its reference values over time.
const F = 'test/fixtures/cli';
let runs: Record<string, Run>;

beforeAll(async () => {
  runs = await runAll({
    reference: ['simulate', `${F}/reference.json`, '--mode', 'push', '--json'],
    referenceText: ['simulate', `${F}/reference.json`, '--horizon', '6'],
    churn: ['simulate', `${F}/churn.json`, '--mode', 'push', '--json'],
    amplified: ['simulate', `${F}/churn.json`, '--mode', 'pull', '--horizon', '80', '--json'],
    viral: ['simulate', `${F}/viral.json`, '--json'],
    viralPush: ['simulate', `${F}/viral.json`, '--mode', 'push', '--json'],
    csv: ['simulate', `${F}/churn.json`, '--csv', '--horizon', '3'],
    stuckText: ['simulate', `${F}/stuck.json`],
    stuckCsv: ['simulate', `${F}/stuck.json`, '--csv'],
    viralText: ['simulate', `${F}/viral.json`],
    badMode: ['simulate', `${F}/reference.json`, '--mode', 'viral'],
    badHorizon: ['simulate', `${F}/reference.json`, '--horizon', '0'],
    both: ['simulate', `${F}/reference.json`, '--json', '--csv'],
    loopErrorPull: ['simulate', `${F}/loop-error.json`, '--mode', 'pull', '--json'],
    loopErrorPush: ['simulate', `${F}/loop-error.json`, '--mode', 'push', '--json'],
    formulaError: ['simulate', `${F}/formula-error.json`, '--json'],
    missing: ['simulate', `${F}/no-such-model.json`, '--json'],
  });
}, 60_000);

const json = (run: Run | undefined): SimulateJson => {
  expect(run?.stderr).toBe('');
  expect(run?.code).toBe(0);
  return JSON.parse(run?.stdout ?? '') as SimulateJson;
};

describe('bottleneck simulate --json', () => {
  it('reference chain: 300 pile up ahead of contact each month, 1,800 after 6 months', () => {
    const out = json(runs.reference);
    expect(out).toMatchObject({ mode: 'push', horizon: 24, loop_factor: 0.05, crossover: null });
    expect(out.periods).toHaveLength(24);
    expect(out.periods[5]).toMatchObject({ t: 6, won: 3.75, customers: 22.5 });
    expect(out.periods[5]?.queues).toEqual({
      enrich: 0,
      contact: 1800,
      reply: 0,
      meeting: 0,
      opportunity: 0,
    });
    // Little's law: 1,800 waiting ÷ 1,500 processed a month.
    expect(out.periods[5]?.wait).toMatchObject({ enrich: 0, contact: 1.2 });
    expect(Object.keys(out.periods[0]!).sort()).toEqual(
      [
        'active',
        'customers',
        'inventory_money',
        'item_spend',
        'net',
        'operating_expense',
        'queues',
        'referred_leads',
        't',
        't_over_oe',
        'throughput_money',
        'wait',
        'won',
      ].sort(),
    );
  });

  it('push with churn: 10 won a period at 2 % churn gives A(12) = 107.641638, with the money per period', () => {
    const out = json(runs.churn);
    expect(out.periods[11]?.active).toBeCloseTo(107.641638, 6);
    expect(out.periods[0]).toMatchObject({
      won: 10,
      throughput_money: 5000,
      operating_expense: 800,
      t_over_oe: 6.25,
      // 100 leads a month at 2 each: net = 5,000 − 800 − 200.
      item_spend: 200,
      net: 4000,
      inventory_money: 0,
    });
  });

  it('loop with push: 10 won a period and K = 0.5 settle at 20 (2×)', () => {
    const out = json(runs.amplified);
    expect(out.loop_factor).toBe(0.5);
    expect(out.periods[79]?.won).toBeCloseTo(20, 6);
    expect(out.periods[79]?.referred_leads).toBeCloseTo(100, 4);
  });

  it('loop alone: 10 customers, K = 2, lag 2 → 20,470 customers at period 20; push refers no one', () => {
    const out = json(runs.viral);
    expect(out.mode).toBe('pull');
    expect(out.periods[19]?.customers).toBe(20470);
    // Nothing is won outbound; the first referred customers arrive after the lag of 2.
    expect(out.crossover).toBe(2);
    const push = json(runs.viralPush);
    expect(push.periods[19]?.customers).toBe(10);
  });
});

describe('bottleneck simulate: text and CSV', () => {
  it('prints a table with the loop factor, the money and the largest queue with its wait', () => {
    const run = runs.referenceText!;
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Reference chain \(PRODUCT\.md\): push, 6 months/);
    expect(run.stdout).toMatch(/Loop factor K = 0\.05\. Each customer brings 0\.05 more/);
    expect(run.stdout).toMatch(/ item spend +net +inventory +largest queue\n/);
    expect(run.stdout).toMatch(/\n6 +3\.75 +22\.5 .* contact 1,800 \(wait 1\.2 months\)\n$/);
  });

  it('says a capacity of 0 never processes its queue rather than printing a wait', () => {
    const run = runs.stuckText!;
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\n2 .* demo 20 \(wait never processed\)\n$/);
  });

  it('says the lasting crossover, through the horizon', () => {
    expect(runs.viralText?.stdout).toMatch(
      /\nFrom week 2 through week 20 the loop brings in more customers than outbound does, every week anyone is won\.\n/,
    );
  });

  it('prints one CSV row per period with a quoted queue column per stage', () => {
    const run = runs.csv!;
    expect(run.code).toBe(0);
    const rows = Papa.parse<string[]>(run.stdout.trim(), { newline: '\r\n' }).data;
    expect(rows[0]).toEqual([
      't',
      'won',
      'customers',
      'active',
      'throughput_money',
      'inventory_money',
      'item_spend',
      'operating_expense',
      't_over_oe',
      'net',
      'referred_leads',
      'queue:leads, inbound',
      'queue:won',
      'wait:leads, inbound',
      'wait:won',
    ]);
    expect(rows).toHaveLength(4);
    expect(rows[1]?.slice(0, 4)).toEqual(['1', '10', '10', '10']);
    // A(t) = A(t−1) × (1 − 2 %) + 10, at full precision.
    expect(rows[3]?.[3]).toBe(String((10 * 0.98 + 10) * 0.98 + 10));
    expect(rows[1]?.slice(-2)).toEqual(['0', '0']);
  });

  it('writes "never" in a wait column where items wait and nothing is processed', () => {
    const rows = Papa.parse<string[]>(runs.stuckCsv!.stdout.trim(), { newline: '\r\n' }).data;
    expect(rows[0]?.slice(-2)).toEqual(['wait:leads', 'wait:demo']);
    expect(rows[2]?.slice(-4)).toEqual(['0', '20', '0', 'never']);
  });
});

describe('bottleneck simulate: bad input', () => {
  it('refuses a bad mode, horizon or both formats with a usage error (exit 2)', () => {
    expect(runs.badMode).toMatchObject({ code: 2, stdout: '' });
    expect(runs.badMode?.stderr).toMatch(/--mode must be push or pull \(got "viral"\)/);
    expect(runs.badHorizon?.code).toBe(2);
    expect(runs.badHorizon?.stderr).toMatch(
      /--horizon must be a whole number of periods from 1 to 520/,
    );
    expect(runs.both?.stderr).toMatch(/Choose one of --json and --csv/);
  });

  it('names a broken loop cell in pull, and ignores it in push', () => {
    expect(runs.loopErrorPull?.code).toBe(1);
    expect(runs.loopErrorPull?.stderr).toMatch(/field "loop\.referrals": #DIV\/0!/);
    expect(json(runs.loopErrorPush).periods[0]?.won).toBe(10);
  });

  it('names a broken stage cell and a missing file (exit 1)', () => {
    expect(runs.formulaError?.code).toBe(1);
    expect(runs.formulaError?.stderr).toMatch(/Stage .*field/);
    expect(runs.missing).toMatchObject({ code: 1, stdout: '' });
    expect(runs.missing?.stderr).toMatch(/no such file/);
  });
});
