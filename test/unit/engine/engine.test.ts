import { describe, expect, it } from 'vitest';
import { evaluateModel, FormulaEngine } from '../../../src/lib/engine/engine';
import type { CellResult } from '../../../src/lib/engine/types';
import { model } from '../helpers';

const num = (value: number): CellResult => ({ kind: 'number', value });
const codeOf = (c: CellResult | undefined) => (c?.kind === 'error' ? c.error.code : null);
const explanationOf = (c: CellResult | undefined) =>
  c?.kind === 'error' ? c.error.explanation : '';

describe('FormulaEngine: number syntax', () => {
  it.each([
    ['2000', 2000],
    ['1,500', 1500],
    ['2.5k', 2500],
    ['1.2M', 1200000],
    ['35%', 0.35],
    ['$12,000', 12000],
  ])('a cell holding %j is %d', (text, value) => {
    const e = evaluateModel(model([{ id: 'a', arrivals: text }]));
    expect(e.stages[0]?.arrivals).toEqual(num(value));
  });

  it('keeps blank cells blank so defaults apply', () => {
    const e = evaluateModel(model([{ id: 'a' }]));
    expect(e.stages[0]?.capacity).toEqual({ kind: 'blank' });
  });

  it('never guesses dates or currencies from other text', () => {
    const e = evaluateModel(model([{ id: 'a', arrivals: '1/2/2020', capacity: 'lots' }]));
    expect(codeOf(e.stages[0]?.arrivals)).toBe('#VALUE!');
    expect(explanationOf(e.stages[0]?.capacity)).toMatch(/"lots" is not a number/);
  });
});

describe('FormulaEngine: formulas', () => {
  it('evaluates named assumptions', () => {
    const m = model([{ id: 'a', capacity: '=AEs*50' }], {
      assumptions: [{ name: 'AEs', value: '4' }],
    });
    expect(evaluateModel(m).stages[0]?.capacity).toEqual(num(200));
  });

  it('evaluates assumptions that are formulas of other assumptions', () => {
    const m = model([{ id: 'a', capacity: '=calls_per_day*days' }], {
      assumptions: [
        { name: 'days', value: '5' },
        { name: 'calls_per_day', value: '=reps*40' },
        { name: 'reps', value: '3' },
      ],
    });
    expect(evaluateModel(m).stages[0]?.capacity).toEqual(num(600));
  });

  it('follows A1 references into the funnel grid (row 2 is the first stage)', () => {
    const m = model([
      { id: 'a', arrivals: '2000' },
      { id: 'b', arrivals: '=C2*0.4', capacity: '=MIN(C2, 300)' },
      { id: 'c', conversion: '=IF(C3>500, 10%, 20%)' },
    ]);
    const e = evaluateModel(m);
    expect(e.stages[1]?.arrivals).toEqual(num(800));
    expect(e.stages[1]?.capacity).toEqual(num(300));
    expect(e.stages[2]?.conversion).toEqual(num(0.1));
  });

  it('reads a formula pointing at an empty cell as 0, as spreadsheets do', () => {
    expect(evaluateModel(model([{ id: 'a', arrivals: '=E2' }])).stages[0]?.arrivals).toEqual(
      num(0),
    );
  });

  it('evaluates loop settings as cells', () => {
    const m = model([{ id: 'a' }], {
      assumptions: [{ name: 'k', value: '0.25' }],
      loop: { referrals: '=k*2', churn: '2%' },
    });
    const e = evaluateModel(m);
    expect(e.loop.referrals).toEqual(num(0.5));
    expect(e.loop.churn).toEqual(num(0.02));
    expect(e.loop.market).toEqual({ kind: 'blank' });
  });
});

describe('FormulaEngine: errors come back as values', () => {
  it.each([
    ['=1/0', '#DIV/0!', /Divides by zero/],
    ['=foo*2', '#NAME?', /Unknown name "foo"/],
    ['=NOSUCHFN(1)', '#NAME?', /Unknown name/],
    ['=C2', '#CYCLE!', /Circular reference/],
    ['="a"+1', '#VALUE!', /text where a number is needed/],
    ['=SUM(', '#ERROR!', /can't be read/],
    ['="text"', '#VALUE!', /"TEXT" is not a number/],
    ['=1>0', '#VALUE!', /"TRUE" is not a number/],
    ['=SQRT(-1)', '#NUM!', /Not a valid number/],
  ])('%s gives %s with an explanation', (formula, code, explanation) => {
    const e = evaluateModel(model([{ id: 'a', arrivals: formula }]));
    expect(codeOf(e.stages[0]?.arrivals)).toBe(code);
    expect(explanationOf(e.stages[0]?.arrivals)).toMatch(explanation);
  });

  it('divides by a blank cell: #DIV/0!', () => {
    const e = evaluateModel(model([{ id: 'a', capacity: '=C2/D2' }]));
    expect(codeOf(e.stages[0]?.capacity)).toBe('#DIV/0!');
  });

  it('flags an assumption name that cannot be used in formulas', () => {
    const m = model([{ id: 'a', capacity: '=AE1' }], {
      assumptions: [
        { name: 'AE1', value: '4' },
        { name: 'x', value: '1' },
        { name: 'X', value: '2' },
      ],
    });
    const e = evaluateModel(m);
    expect(explanationOf(e.assumptions[0])).toMatch(/cell address/);
    expect(e.assumptions[1]).toEqual(num(1));
    expect(explanationOf(e.assumptions[2])).toMatch(/already the name/);
  });
});

describe('FormulaEngine: updates and row changes', () => {
  const base = () =>
    model(
      [
        { id: 'a', arrivals: '100' },
        { id: 'b', arrivals: '=C2*2' },
        { id: 'c', arrivals: '=C3+C2' },
      ],
      { assumptions: [{ name: 'n', value: '3' }] },
    );

  it('updates a changed cell and everything depending on it', () => {
    const m = base();
    const engine = new FormulaEngine(m);
    const next = { ...m, stages: m.stages.map((s, i) => (i === 0 ? { ...s, arrivals: '10' } : s)) };
    engine.update(next);
    const e = engine.evaluate();
    expect(e.stages.map((s) => s.arrivals)).toEqual([num(10), num(20), num(30)]);
    engine.destroy();
  });

  it('gives the same values incrementally as a full rebuild', () => {
    let m = base();
    const engine = new FormulaEngine(m);
    const edits: [number, string][] = [
      [0, '7'],
      [1, '=C2*n'],
      [2, '=SUM(C2:C3)'],
      [0, '2.5k'],
    ];
    for (const [row, text] of edits) {
      m = { ...m, stages: m.stages.map((s, i) => (i === row ? { ...s, arrivals: text } : s)) };
      engine.update(m);
      expect(engine.evaluate()).toEqual(evaluateModel(m));
    }
    engine.destroy();
  });

  it('moves references with moved rows', () => {
    const m = base();
    const engine = new FormulaEngine(m);
    const moved = engine.restructure(m, 'funnel', { kind: 'move', from: 0, count: 1, to: 3 });
    expect(moved.stages.map((s) => s.id)).toEqual(['b', 'c', 'a']);
    expect(moved.stages.map((s) => s.arrivals)).toEqual(['=C4*2', '=C2+C4', '100']);
    expect(engine.evaluate().stages.map((s) => s.arrivals)).toEqual([num(200), num(300), num(100)]);
    engine.destroy();
  });

  it('turns references to a deleted row into #REF!', () => {
    const m = base();
    const engine = new FormulaEngine(m);
    const after = engine.restructure(m, 'funnel', { kind: 'delete', at: 0, count: 1 });
    expect(after.stages.map((s) => s.id)).toEqual(['b', 'c']);
    expect(codeOf(engine.evaluate().stages[0]?.arrivals)).toBe('#REF!');
    engine.destroy();
  });

  it('shifts references below an inserted row and keeps the user’s own text elsewhere', () => {
    const m = model([
      { id: 'a', arrivals: '100' },
      { id: 'b', arrivals: '=  c2 * 2', capacity: '=MIN( 5, 9 )' },
    ]);
    const engine = new FormulaEngine(m);
    const inserted = model([{ id: 'new' }]).stages[0]!;
    const after = engine.restructure(m, 'funnel', { kind: 'insert', at: 0, rows: [inserted] });
    expect(after.stages.map((s) => s.id)).toEqual(['new', 'a', 'b']);
    expect(after.stages[2]?.arrivals).toBe('=  C3 * 2');
    expect(after.stages[2]?.capacity).toBe('=MIN( 5, 9 )');
    engine.destroy();
  });
});
