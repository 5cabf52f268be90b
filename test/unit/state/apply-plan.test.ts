import { describe, expect, it } from 'vitest';
import type { CellChange } from '../../../src/lib/analysis/trial';
import { FormulaEngine } from '../../../src/lib/engine/engine';
import type { Model } from '../../../src/lib/model/types';
import { soleAssumption } from '../../../src/lib/model/formula-refs';
import type { StageId } from '../../../src/lib/model/types';
import { planApply } from '../../../src/lib/state/apply/plan';
import { solveInput } from '../../../src/lib/state/apply/solve';
import { model } from '../helpers';

const ae = (capacity: string, assumptions = [{ name: 'AEs', value: '4', note: '' }]) =>
  model(
    [
      { id: 'lead', arrivals: '5000', capacity: '3000', conversion: '20%', next: 'demo' },
      { id: 'demo', capacity, conversion: '30%' },
    ],
    { assumptions },
  );

/** One engine updated for each model, as the compute worker evaluates the trials. */
function engine() {
  let e: FormulaEngine | null = null;
  return (m: Model) => {
    e ??= new FormulaEngine(m);
    e.update(m);
    return e.evaluate();
  };
}
const evaluateModel = (m: Model) => engine()(m);

const capacityTo = (value: number): CellChange => ({
  stageId: 'demo' as StageId,
  field: 'capacity',
  value,
  text: String(value),
});

describe('soleAssumption', () => {
  const m = ae('', [
    { name: 'AEs', value: '4', note: '' },
    { name: 'Rate', value: '5%', note: '' },
  ]);
  it.each([
    ['=AEs*50', 0],
    ['=aes * 12.5 + 1e-3', 0],
    ['=ROUND(Rate*1000, 0)', 1],
  ])('finds the one assumption %s rests on', (formula, row) => {
    expect(soleAssumption(m, formula)).toBe(row);
  });
  it.each(['=AEs*C2', '=AEs*Rate', '=Funnel!C2*AEs', '=AEs*RAND()', '=Unknown*2', '=50', '400'])(
    'gives null for %s, which rests on something else too (or nothing)',
    (formula) => {
      expect(soleAssumption(m, formula)).toBeNull();
    },
  );
});

describe('solveInput', () => {
  it('solves a line from the secant and rounds to the fewest digits that still hit the target', () => {
    expect(solveInput((x) => x * 50, 1601, 4)).toBe(32.02);
  });
  it('solves a monotone curve by bisection, checked against the target', () => {
    const x = solveInput((x) => Math.sqrt(x) * 100, 900, 4)!;
    expect(Math.sqrt(x) * 100).toBeCloseTo(900, 6);
    expect(x).toBe(81);
  });
  it('gives null where the output never reaches the target (a capped formula)', () => {
    expect(solveInput((x) => Math.min(x * 50, 300), 2000, 4)).toBeNull();
  });
});

describe('planApply', () => {
  it('changes the assumption a formula rests on instead of overwriting it: AEs 4 → 40', () => {
    const m = ae('=AEs*50');
    const plan = planApply(m, [capacityTo(2000)], engine());
    expect(plan.model.stages[1]?.capacity).toBe('=AEs*50');
    expect(plan.model.assumptions[0]?.value).toBe('40');
    expect(plan.steps).toEqual([
      expect.objectContaining({
        kind: 'assumption',
        name: 'AEs',
        from: '4',
        text: '40',
        address: 'E3',
      }),
    ]);
    const evaluated = evaluateModel(plan.model).stages[1]?.capacity;
    expect(evaluated).toEqual({ kind: 'number', value: 2000 });
  });

  it('keeps a percentage assumption written as a percentage', () => {
    const m = model([{ id: 'a', arrivals: '100', conversion: '=Rate' }], {
      assumptions: [{ name: 'Rate', value: '5%', note: '' }],
    });
    const change: CellChange = {
      stageId: 'a' as StageId,
      field: 'conversion',
      value: 0.06,
      text: '6%',
    };
    expect(planApply(m, [change], engine()).model.assumptions[0]?.value).toBe('6%');
  });

  it('writes a number cell as before', () => {
    const plan = planApply(ae('200'), [capacityTo(2000)], engine());
    expect(plan.steps[0]).toMatchObject({ kind: 'cell', from: '200', text: '2000' });
    expect(plan.model.stages[1]?.capacity).toBe('2000');
  });

  it.each([
    ['a formula on a cell too', '=AEs*C2/1250'],
    ['a capped formula the target is out of reach of', '=MIN(AEs*50, 300)'],
  ])('marks %s as an overwrite to confirm', (_, formula) => {
    const plan = planApply(ae(formula), [capacityTo(2000)], engine());
    expect(plan.steps[0]).toMatchObject({
      kind: 'overwrite',
      formula,
      text: '2000',
      address: 'E3',
    });
    expect(plan.model.assumptions[0]?.value).toBe('4');
  });

  it('overwrites rather than changing an assumption that is itself a formula', () => {
    const m = ae('=AEs*50', [{ name: 'AEs', value: '=2*2', note: '' }]);
    expect(planApply(m, [capacityTo(2000)], engine()).steps[0]?.kind).toBe('overwrite');
  });
});
