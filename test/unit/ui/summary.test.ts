import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/lib/model/examples';
import { setFunnelCell } from '../../../src/lib/model/cell-edits';
import { emptyModel } from '../../../src/lib/model/defaults';
import { summarize } from '../../../src/lib/ui/summary/summary';
import { funnelRows } from '../../../src/lib/ui/funnel/funnel-rows';
import { analyzeModel, model } from '../helpers';
import * as M from '../report/facts-models';
import { evaluateModel } from '../../../src/lib/engine/engine';
import { analyze } from '../../../src/lib/analysis/analyze';
import { growthOf } from '../../../src/lib/analysis/growth';
import type { Model } from '../../../src/lib/model/types';

const text = (parts: { text: string }[]) => parts.map((p) => p.text).join('');
const example = (id: string) => EXAMPLES.find((e) => e.id === id)!.model();
const summaryOf = (m: Model) => summarize(m, analyzeModel(m));
/** What the compute worker returns for a model. */
const computed = (m: Model, evaluated: ReturnType<typeof evaluateModel>) => {
  const analysis = analyze(m, evaluated);
  return { model: m, evaluated, analysis, growth: growthOf(m, evaluated, analysis) };
};

describe('constraint summary', () => {
  it('names the constraint, its load, its pileup and what it holds back', () => {
    const s = summaryOf(example('seed'));
    expect(text(s.headline)).toBe('The constraint is Worked by AEs.');
    expect(text(s.details[0]!)).toBe(
      'Load 1,000%: 2,000 arrive/wk, it can process 200; 1,800/wk pile up.',
    );
    expect(text(s.details[1]!)).toBe(
      'Unlimited capacity here would add +45 Closed won/wk (+$486,000/wk); +10 % would add +0.5 Closed won/wk (+$5,400/wk).',
    );
    expect(s.measures.map((m) => [m.label, m.value])).toEqual([
      ['Throughput', '$54,000/wk'],
      ['Operating expense', '$10,500/wk'],
      ['T ÷ OE', '5.14'],
      ['Inventory piling up', '$3,600/wk'],
    ]);
  });

  it('says "market" and names the stage that binds first, at what demand', () => {
    const s = summaryOf(example('cold-email'));
    expect(s.kind).toBe('market');
    expect(text(s.headline)).toMatch(/market/);
    expect(text(s.details[0]!)).toBe(
      'Meetings will bind first, when demand reaches 1,250 arrivals/wk (1.25× today).',
    );
  });

  it('explains the merging case for channels', () => {
    const m = setFunnelCell(example('olist'), 11, 'capacity', '50');
    const s = summaryOf(m);
    expect(text(s.headline)).toBe('The constraint is Closed won.');
    expect(s.details.map(text).join(' ')).toMatch(
      /Channels merge here, so stages are ranked by what \+10 % of their capacity adds\./,
    );
  });

  // The sentences the old summary printed where they were false (issue 9 items 1, 4, 5).
  const falseBefore: [string, () => Model, RegExp][] = [
    ['two funnels', M.twoFunnels, /anywhere else adds nothing|overproduction|smallest capacity/],
    ['pull, two stages binding', M.pullSideChannel, /anywhere else adds nothing|smallest capacity/],
    ['arrivals mid-chain', M.midChain, /smallest capacity/],
    ['no arrivals', M.noArrivals, /No stage has a capacity limit/],
    ['200 % load at 0 % conversion', M.zeroConversion, /every stage has room|binds first/],
    ['exactly 100 % load', M.exactLoad, /every stage has room|binds first/],
  ];
  it.each(falseBefore)('never says what is false: %s', (_, m, wrong) => {
    const s = summaryOf(m());
    expect([text(s.headline), ...s.details.map(text)].join('\n')).not.toMatch(wrong);
  });

  it('names the binding stages of two funnels, the constraint by what +10 % adds', () => {
    const s = summaryOf(M.twoFunnels());
    expect(text(s.headline)).toBe('The constraint is Inbound.');
    expect(s.details.map(text)).toContain(
      'Also binding, ranked by what +10 % of capacity adds: Cold list (+0.1 Won/mo (+$100/mo); unlimited: +999 Won/mo (+$999,000/mo)).',
    );
  });

  it('values the inventory piling up at the money invested per item, upstream included', () => {
    // 100 leads at $2 each; 50 reach Calls, which adds $3 each and processes 20:
    // 30 pile up, each holding its $2 from Leads plus Calls' own $3 (not $3 alone).
    const m = model([
      {
        id: 'leads',
        name: 'Leads',
        arrivals: '100',
        conversion: '50%',
        next: 'calls',
        cost_per_item: '2',
      },
      { id: 'calls', name: 'Calls', capacity: '20', conversion: '10%', cost_per_item: '3' },
    ]);
    const inventory = summaryOf(m).measures.find((x) => x.label === 'Inventory piling up');
    expect(inventory).toEqual({
      label: 'Inventory piling up',
      value: '$150/mo',
      note: 'pileup × money invested per item, upstream included',
    });
  });

  it('at exactly 100 % load says the stage runs at exactly its capacity, tied with demand', () => {
    const s = summaryOf(M.exactLoad());
    expect(s.kind).toBe('demand');
    expect(text(s.headline)).toBe(
      'Leads is the constraint, tied with demand: it runs at exactly its capacity.',
    );
  });

  it('in pull with K ≥ 1 says there is no steady state, and the numbers are at the horizon', () => {
    const m = model([{ id: 'a', name: 'Referred', conversion: '20%' }], {
      horizon: 20,
      loop: { enabled: true, entry: 'a', referrals: '10', customers: '10' },
    });
    const s = summaryOf(m);
    expect(s.kind).toBe('compounds');
    expect(text(s.headline)).toBe('Pull has no steady state: growth compounds.');
    expect(s.measures[0]).toMatchObject({
      label: 'Throughput',
      note: 'at period 20, no steady state',
    });
  });

  it('lists cells to fix instead of a constraint when a cell is broken', () => {
    const m = setFunnelCell(example('seed'), 2, 'conversion', '=1/0');
    const s = summaryOf(m);
    expect(s.kind).toBe('blocked');
    expect(text(s.details[0]!)).toMatch(/^Meetings · Conversion: #DIV\/0! Divides by zero/);
    expect(s.measures).toEqual([]);
  });

  it('has an empty state', () => {
    expect(text(summarize(emptyModel(), null).headline)).toBe('Add stages to find the constraint.');
  });
});

describe('funnel grid rows', () => {
  it('show evaluated values, formulas, errors, range warnings and the constraint', () => {
    let m = example('seed');
    m = setFunnelCell(m, 2, 'conversion', '140%');
    m = setFunnelCell(m, 0, 'arrivals', '=nope*2');
    const evaluated = evaluateModel(m);
    const rows = funnelRows(m, computed(m, evaluated));
    const cell = (row: number, col: number) => rows[row]!.cells[col]!;
    expect(cell(1, 4)).toMatchObject({ display: '200', raw: '=AEs*50', formula: true });
    expect(cell(0, 2)).toMatchObject({
      display: '#NAME?',
      error: expect.stringMatching(/Unknown name "nope"/),
    });
    expect(cell(2, 3)).toMatchObject({
      display: '140%',
      warning: expect.stringMatching(/out of range/),
    });
    expect(cell(3, 3)).toMatchObject({ display: '100%', placeholder: true });
    expect(rows.some((r) => r.highlight)).toBe(false);
  });

  it('marks the constraint row and the pileup', () => {
    const m = example('seed');
    const evaluated = evaluateModel(m);
    const rows = funnelRows(m, computed(m, evaluated));
    expect(rows[1]?.highlight).toBe('Constraint');
    expect(rows[1]?.cells[12]).toMatchObject({ display: '1,800', tone: 'alert' });
  });

  it('shows raw text for cells edited since the last analysis', () => {
    const m = example('seed');
    const evaluated = evaluateModel(m);
    const result = computed(m, evaluated);
    const edited = setFunnelCell(m, 0, 'arrivals', '5k');
    expect(funnelRows(edited, result)[0]?.cells[2]).toMatchObject({ display: '5k' });
  });
});
