import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateModel, FormulaEngine } from '../../../src/lib/engine/engine';
import { formulaCost, MAX_DEPTH, MAX_MODEL_CELLS } from '../../../src/lib/engine/guard';
import type { CellResult } from '../../../src/lib/engine/types';
import { parseModelJson } from '../../../src/lib/io/model-json';
import { setStageCell } from '../../../src/lib/model/edits';
import { fiveHundredSumproducts } from '../../fixtures/links/five-hundred-sumproducts';
import { model } from '../helpers';

// Issue 9 items 22 and 24: formulas that froze or crashed the engine are
// errors of their own cell, with a plain message; the rest still computes.

const explanationOf = (c: CellResult | undefined) =>
  c?.kind === 'error' ? c.error.explanation : '';
const fixture = () =>
  parseModelJson(readFileSync('test/fixtures/cli/expensive-formulas.json', 'utf8'));

describe('formulaCost: what a formula asks of the engine, from its text', () => {
  it.each([
    ['=SUM(C2:C11)', 10],
    ['=SUM(Assumptions!$B$2:$C$3)', 4],
    ["=SUM('Funnel'!C2:Funnel!D3)", 4],
    ['=SUM(C:C)', 10_000],
    ['=SUM(2:3)', 128],
    ['=SUMPRODUCT(Assumptions!A1:BL10000,Assumptions!A1:BL10000)', 1_280_000],
    ['=SUM(OFFSET(A1,0,0,100,3))', 300],
    ['=IF(C2>0, "A1:BL10000", 0)', 0],
    ['=AEs*50', 0],
  ])('%s covers %d cells', (formula, cells) => {
    expect(formulaCost(formula).cells).toBe(cells);
  });

  it('counts the deepest brackets outside text', () => {
    expect(formulaCost('=(1+(2*(3)))').depth).toBe(3);
    expect(formulaCost('=LEN("((((((")').depth).toBe(1);
  });
});

describe('the expensive-formula model (fixture): every bad cell marked, in plain words', () => {
  it('refuses each crasher in its own cell and computes the rest', () => {
    const e = evaluateModel(fixture());
    const capacities = e.stages.map((s) => s.capacity);
    expect(capacities[0]).toEqual({ kind: 'number', value: 2000 });
    expect(explanationOf(capacities[1])).toMatch(/^Covers too many cells: .*1,280,000 cells/);
    expect(explanationOf(capacities[2])).toMatch(/^Too deeply nested: 150 levels of brackets/);
    expect(explanationOf(capacities[3])).toMatch(/^Covers too many cells: .*640,000 cells/);
    expect(explanationOf(capacities[4])).toMatch(/^Too long a text to compute/);
    expect(e.stages[1]?.conversion).toEqual({ kind: 'number', value: 0.5 });
  });

  it('fails a formula that uses a refused cell too, saying why, instead of reading it as 0', () => {
    const m = setStageCell(fixture(), 0, 'arrivals', '=E4+1');
    expect(explanationOf(evaluateModel(m).stages[0]?.arrivals)).toMatch(
      /Uses a cell that can't be computed/,
    );
  });

  it('allows the deepest nesting it promises', () => {
    const ok = '=' + '('.repeat(MAX_DEPTH) + '2' + ')'.repeat(MAX_DEPTH);
    expect(evaluateModel(model([{ id: 'a', arrivals: ok }])).stages[0]?.arrivals).toEqual({
      kind: 'number',
      value: 2,
    });
  });
});

describe('a 500-stage link of SUMPRODUCTs over the whole grid (issue 9 item 22)', () => {
  const formula = '=SUMPRODUCT(Assumptions!A1:BL10000,Assumptions!A1:BL10000,Funnel!A1:BL10000)';
  // The report's formula with a third range over the funnel's own cells.
  const { stages } = fiveHundredSumproducts('x', formula);

  it('refuses every one of them before HyperFormula sees it (it took half an hour)', () => {
    const e = evaluateModel(model(stages, { assumptions: [{ name: 'x', value: '1' }] }));
    expect(e.stages).toHaveLength(500);
    for (const s of e.stages) expect(explanationOf(s.capacity)).toMatch(/^Covers too many cells/);
  });
});

describe("the model's budget of cells", () => {
  // 30,000 cells each: allowed alone, but not 500 times over. (SUM, which
  // HyperFormula caches per range, keeps the test quick; the budget counts each use.)
  const wide = '=SUM(Assumptions!A1:C10000)';
  const m = model(Array.from({ length: 500 }, (_, i) => ({ id: `s${i}`, capacity: wide })));
  const fit = Math.floor(MAX_MODEL_CELLS / 30_000);

  it('computes the first formulas in grid order and refuses those past the budget', () => {
    const e = evaluateModel(m);
    expect(e.stages[fit - 1]?.capacity.kind).toBe('number');
    expect(explanationOf(e.stages[fit]?.capacity)).toMatch(/^Too expensive to compute: .*30,000/);
    expect(explanationOf(e.stages[499]?.capacity)).toMatch(/^Too expensive to compute/);
  });

  it('frees the budget again when an edit narrows the ranges', () => {
    const engine = new FormulaEngine(m);
    let next = m;
    for (let i = 0; i < fit; i++) next = setStageCell(next, i, 'capacity', '=SUM(C2:C3)');
    engine.update(next);
    const e = engine.evaluate();
    expect(e.stages[fit]?.capacity.kind).toBe('number');
    expect(explanationOf(e.stages[2 * fit]?.capacity)).toMatch(/^Too expensive to compute/);
    engine.destroy();
  });
});

describe('a formula that makes HyperFormula throw, typed as an edit', () => {
  it('is refused in its cell and the workbook keeps computing', () => {
    const m = model([
      { id: 'a', arrivals: '100', next: 'b' },
      { id: 'b', capacity: '=C2*2' },
    ]);
    const engine = new FormulaEngine(m);
    const bad = setStageCell(m, 0, 'capacity', '=LEN(REPT(REPT("x",1e7),100))');
    engine.update(bad);
    let e = engine.evaluate();
    expect(explanationOf(e.stages[0]?.capacity)).toMatch(/^Too long a text/);
    expect(e.stages[1]?.capacity).toEqual({ kind: 'number', value: 200 });
    engine.update(setStageCell(bad, 0, 'arrivals', '7'));
    e = engine.evaluate();
    expect(e.stages[1]?.capacity).toEqual({ kind: 'number', value: 14 });
    engine.destroy();
  });
});
