import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { focusingSteps } from '../../../src/lib/analysis/focusing';
import { referenceExample } from '../../../src/lib/model/examples/reference';
import { restoreModel } from '../../../src/lib/model/restore';
import type { Model } from '../../../src/lib/model/types';
import { analyzeModel, flowOf, model } from '../helpers';
import { fixtureModel } from './fixture-models';

// PRODUCT.md "The constraint": equal means equal to a relative 1e-9, never an
// absolute tolerance (rates of 1e-9 are real). Issue 9 item 3.

/** The model with every arrivals and capacity cell × `scale` (as a formula, so any scale is exact enough). */
function scaled(m: Model, scale: number): Model {
  const times = (text: string) =>
    text.trim() === '' ? text : `=(${text.replace(/^=/, '')})*${scale}`;
  return {
    ...m,
    stages: m.stages.map((s) => ({
      ...s,
      arrivals: times(s.arrivals),
      capacity: times(s.capacity),
    })),
  };
}

describe('relative tolerances only', () => {
  it('a chain at 1e-9 items per period names Signups (167 % load), not the market', () => {
    const a = analyzeModel(fixtureModel('analysis-tiny-rate'));
    expect(flowOf(a, 'signups').load).toBeCloseTo(5 / 3, 12);
    expect(a.constraint).toMatchObject({ kind: 'stage', stages: ['signups'] });
    expect(a.constraint.nearCapacity).toEqual(['signups']);
    // 4e-10 more processed × 10 % × 50 %.
    if (a.constraint.kind !== 'stage') throw new Error('not a stage');
    expect(a.constraint.heldBack.units / 2e-11).toBeCloseTo(1, 9);
  });

  it('the focusing steps work at that scale: +10 % is written as 6.6e-10, not rounded away', () => {
    const a = analyzeModel(fixtureModel('analysis-tiny-rate'));
    const steps = focusingSteps(a.inputs, 'push');
    if (steps.kind !== 'steps' || !steps.exploit.applies || !steps.subordinate.applies)
      throw new Error('steps do not apply');
    expect(steps.exploit.capacity?.changes).toEqual([
      { stageId: 'signups', field: 'capacity', value: 6.6e-10, text: '6.6e-10' },
    ]);
    expect(steps.exploit.capacity?.gain?.units).toBeGreaterThan(0);
    expect(steps.subordinate.changes[0]?.value).toBeCloseTo(6e-10, 20);
    expect(steps.subordinate.pileupLeft).toBe(0);
  });

  it('finds the same constraint at any scale (reference chain and two funnels, × 1e-12 … 1e6)', () => {
    const models = [
      restoreModel(structuredClone(referenceExample)),
      fixtureModel('analysis-two-funnels'),
    ];
    const today = models.map((m) => analyzeModel(m).constraint);
    fc.assert(
      fc.property(fc.integer({ min: -12, max: 6 }), fc.integer({ min: 0, max: 1 }), (e, k) => {
        const c = analyzeModel(scaled(models[k]!, 10 ** e)).constraint;
        expect([c.kind, c.stages, c.binding.map((b) => b.stages)]).toEqual([
          today[k]!.kind,
          today[k]!.stages,
          today[k]!.binding.map((b) => b.stages),
        ]);
      }),
      { seed: 9, numRuns: 40 },
    );
  });

  it('a tie between two tiny channels is still a tie', () => {
    const a = analyzeModel(
      model([
        { id: 'x', arrivals: '2e-12', capacity: '1e-12', next: 'won' },
        { id: 'y', arrivals: '3e-12', capacity: '1.5e-12', conversion: '=2/3', next: 'won' },
        { id: 'won' },
      ]),
    );
    expect(a.constraint).toMatchObject({ kind: 'tie', stages: ['x', 'y'] });
  });
});
