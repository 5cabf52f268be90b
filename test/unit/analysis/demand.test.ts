import { describe, expect, it } from 'vitest';
import { focusingSteps } from '../../../src/lib/analysis/focusing';
import { referenceExample } from '../../../src/lib/model/examples/reference';
import { restoreModel } from '../../../src/lib/model/restore';
import { analyzeModel, model, type TestStage } from '../helpers';

// PRODUCT.md "The constraint": a stage at exactly 100 % load is the constraint
// tied with demand, and the focusing steps go on from it; above 85 % a stage
// is near capacity. Issue 9 item 4.

/** The reference chain after elevating contact to 3,000 and applying the rope (1,777.78 accounts a month). */
const roped = () => {
  const doc = structuredClone(referenceExample);
  doc.stages[0]!.arrivals = '=16000/9';
  doc.stages[1]!.capacity = '3000';
  return restoreModel(doc);
};

describe('a stage at exactly 100 % load', () => {
  it('after the rope, meeting runs at exactly its capacity: the constraint tied with demand, not the market', () => {
    const a = analyzeModel(roped());
    expect(a.constraint).toMatchObject({
      kind: 'stage',
      stages: ['meeting'],
      withDemand: true,
      heldBack: { units: 0, money: 0 },
      binding: [],
    });
    expect(a.constraint.nearCapacity).toEqual(['meeting']);
  });

  it('the focusing steps go on: exploit and elevate apply, elevating needs arrivals to rise too (× 1.40625, enrich then binds)', () => {
    const inputs = analyzeModel(roped()).inputs;
    const steps = focusingSteps(inputs, 'push');
    if (steps.kind !== 'steps') throw new Error(steps.message);
    expect(steps.exploit.applies).toBe(true);
    if (!steps.elevate.applies) throw new Error(steps.elevate.reason);
    const { changes, after, demand, next } = steps.elevate;
    // Meeting alone to 45: no gain while arrivals stay; with 2,500 accounts a month, 5.625 won.
    expect(changes).toEqual([{ stageId: 'meeting', field: 'capacity', value: 45, text: '45' }]);
    expect(after?.units).toBeCloseTo(4, 9);
    expect(demand?.factor).toBeCloseTo(1.40625, 12);
    expect(demand?.changes).toEqual([
      { stageId: 'enrich', field: 'arrivals', value: 2500, text: '2500' },
    ]);
    expect(demand?.after?.units).toBeCloseTo(5.625, 9);
    expect(next).toMatchObject({ kind: 'market', bindsFirst: { stage: 'enrich' } });
    // Nothing piles up, and that is what Subordinate says.
    expect(steps.subordinate).toMatchObject({ applies: false, reason: /Nothing piles up/ });
  });

  it('a single stage fed exactly its capacity is tied with demand', () => {
    const a = analyzeModel(model([{ id: 'calls', arrivals: '100', capacity: '100' }]));
    expect(a.constraint).toMatchObject({ kind: 'stage', stages: ['calls'], withDemand: true });
    expect(
      analyzeModel(model([{ id: 'calls', arrivals: '99', capacity: '100' }])).constraint.kind,
    ).toBe('market');
  });
});

describe('near capacity', () => {
  it('flags loads above 85 % (contact at 120 %, meeting at 93.75 %), not at 85 % or below', () => {
    const reference = analyzeModel(restoreModel(structuredClone(referenceExample)));
    expect(reference.constraint.nearCapacity).toEqual(['contact', 'meeting']);
    const at85 = analyzeModel(model([{ id: 'a', arrivals: '85', capacity: '100' }]));
    expect(at85.constraint.nearCapacity).toEqual([]);
    const at86 = analyzeModel(model([{ id: 'a', arrivals: '86', capacity: '100' }]));
    expect(at86.constraint.nearCapacity).toEqual(['a']);
  });
});

describe('why the steps stop when the market is the constraint', () => {
  const reason = (stages: TestStage[], extra: Record<string, unknown> = {}) => {
    const steps = focusingSteps(analyzeModel(model(stages, extra)).inputs, 'push');
    if (steps.kind !== 'steps' || steps.exploit.applies) throw new Error('exploit applies');
    return steps.exploit.reason;
  };

  it('says nothing reaches a limited stage, not that no stage has a limit (zero arrivals, 0 % conversion)', () => {
    expect(reason([{ id: 'a', capacity: '10' }])).toMatch(
      /Nothing reaches a stage with a capacity limit/,
    );
    expect(
      reason([
        { id: 'a', arrivals: '100', conversion: '0%', next: 'b' },
        { id: 'b', capacity: '10' },
      ]),
    ).toMatch(/Nothing reaches a stage with a capacity limit/);
    expect(reason([{ id: 'a', arrivals: '100' }])).toMatch(/No stage has a capacity limit/);
  });

  it('says the market is full when the existing customers fill it', () => {
    const full = { loop: { enabled: false, customers: '100', market: '100' } };
    expect(reason([{ id: 'a', arrivals: '100', capacity: '10' }], full)).toMatch(
      /The market is full/,
    );
  });
});
