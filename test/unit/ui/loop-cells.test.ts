import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/lib/analysis/analyze';
import { growthOf } from '../../../src/lib/analysis/growth';
import { loopFactor } from '../../../src/lib/analysis/loop';
import { evaluateModel } from '../../../src/lib/engine/engine';
import { setLoopCell } from '../../../src/lib/model/edits';
import { EXAMPLES } from '../../../src/lib/model/examples';
import type { Model } from '../../../src/lib/model/types';
import { loopCells, loopFactorText } from '../../../src/lib/ui/loop/loop-cells';

const seed = () => EXAMPLES.find((e) => e.id === 'seed')!.model();
const computed = (m: Model) => {
  const evaluated = evaluateModel(m);
  const analysis = analyze(m, evaluated);
  return { model: m, evaluated, analysis, growth: growthOf(m, evaluated, analysis) };
};

describe('loop panel cells', () => {
  it('shows the five loop cells like the grid: values, formulas, addresses, blank meanings', () => {
    let m = seed();
    m = setLoopCell(m, 'referrals', '=AEs/8');
    m = setLoopCell(m, 'market', '');
    const cells = loopCells(m, computed(m));
    expect(cells.map((c) => [c.label, c.address, c.cell.display])).toEqual([
      ['Referrals per customer', 'Loop!B2', '0.5'],
      ['Referral lag', 'Loop!B3', '8'],
      ['Churn', 'Loop!B4', '2%'],
      ['Market', 'Loop!B5', 'no limit'],
      ['Existing customers', 'Loop!B6', '0'],
    ]);
    expect(cells[0]!.cell).toMatchObject({ raw: '=AEs/8', formula: true });
    expect(cells[3]!.cell.placeholder).toBe(true);
  });

  it('shows errors and out-of-range warnings, in push too', () => {
    let m = seed();
    m = setLoopCell(m, 'churn', '140%');
    m = setLoopCell(m, 'lag', '=nope');
    expect(m.loop.enabled).toBe(false);
    const cells = loopCells(m, computed(m));
    expect(cells[2]!.cell.warning).toMatch(
      /140 % is out of range: it must be between 0 % and 100 %/,
    );
    expect(cells[1]!.cell).toMatchObject({
      display: '#NAME?',
      error: expect.stringMatching(/#NAME\?/),
    });
  });

  it('shows the raw text of a cell edited since the last analysis', () => {
    const m = seed();
    const edited = setLoopCell(m, 'referrals', '2.5k');
    expect(loopCells(edited, computed(m))[0]!.cell.display).toBe('2.5k');
  });

  it('says where K comes from', () => {
    // Seed: Meetings converts 25 % into Closed won (100 %).
    const r = computed(seed()).analysis.inputs;
    expect(loopFactorText(loopFactor(r), 0.5, 'Meetings')).toBe(
      'K = 0.5 referrals × 25% of leads entering Meetings won = 0.125',
    );
    const none = { ...r, loop: { ...r.loop, entry: null } };
    expect(loopFactorText(loopFactor(none), 0.5, '')).toBe('K = 0: no entry stage chosen.');
  });
});
