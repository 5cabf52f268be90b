import { describe, expect, it } from 'vitest';
import { referenceExample } from '../../../src/lib/model/examples/reference';
import { restoreModel } from '../../../src/lib/model/restore';
import { analyzeModel, model } from '../helpers';
import { fixtureModel } from './fixture-models';

// PRODUCT.md "The constraint" (corrected) and issue 9 item 1: merges and side-by-side funnels.

describe('every binding stage, ranked by the marginal value of its capacity', () => {
  it('two funnels into Won: Inbound is the constraint (+10 % adds 10 won), Cold list binds too (0.1 won, holding back 999)', () => {
    const a = analyzeModel(fixtureModel('analysis-two-funnels'));
    expect(a.constraint).toMatchObject({ kind: 'stage', stages: ['inbound'], withDemand: false });
    const binding = a.constraint.binding;
    expect(binding.map((b) => b.stages)).toEqual([['inbound'], ['cold']]);
    const [inbound, cold] = binding;
    expect(inbound?.marginal.units).toBeCloseTo(10, 9);
    expect(inbound?.marginal.money).toBeCloseTo(10000, 6);
    expect(inbound?.heldBack.units).toBeCloseTo(50, 9);
    expect(cold?.marginal.units).toBeCloseTo(0.1, 9);
    expect(cold?.marginal.money).toBeCloseTo(100, 6);
    expect(cold?.heldBack.units).toBeCloseTo(999, 9);
    expect(cold?.heldBack.money).toBeCloseTo(999000, 6);
  });

  it('says capacity elsewhere adds nothing only where true: two binding funnels, none adding nothing', () => {
    const two = analyzeModel(fixtureModel('analysis-two-funnels')).constraint;
    expect(two.binding).toHaveLength(2);
    expect(two.addsNothing).toEqual([]);
    // Cold list piles up 9,990 a month, but it binds: that is not overproduction.
    expect(two.overproduction).toEqual([]);
    const reference = analyzeModel(restoreModel(structuredClone(referenceExample))).constraint;
    expect(reference.binding.map((b) => b.stages)).toEqual([['contact']]);
    expect(reference.addsNothing).toEqual(['enrich', 'reply', 'meeting', 'opportunity']);
  });

  it('calls a pileup overproduction only where lifting that stage gains nothing', () => {
    const a = analyzeModel(
      model([
        { id: 'src', arrivals: '1000', capacity: '500', next: 'mid' },
        { id: 'mid', capacity: '100' },
      ]),
    );
    expect(a.constraint).toMatchObject({ kind: 'stage', stages: ['mid'] });
    expect(a.constraint.overproduction).toEqual(['src']);
    expect(a.constraint.addsNothing).toEqual(['src']);
  });

  it('a parallel tie says what lifting one adds and what lifting all of them adds', () => {
    const a = analyzeModel(
      model([
        { id: 'x', arrivals: '200', capacity: '100', next: 'won' },
        { id: 'y', arrivals: '300', capacity: '150', conversion: '=2/3', next: 'won' },
        { id: 'won' },
      ]),
    );
    const c = a.constraint;
    if (c.kind !== 'tie') throw new Error(`expected a tie, got ${c.kind}`);
    expect(c).toMatchObject({ stages: ['x', 'y'], chain: false });
    expect(c.heldBack.units).toBeCloseTo(100, 9);
    expect(c.together.heldBack.units).toBeCloseTo(200, 9);
    expect(c.marginal.units).toBeCloseTo(10, 9);
    expect(c.together.marginal.units).toBeCloseTo(20, 9);
  });

  it('a chain tie is one binding group whose lifting together is its held back', () => {
    const a = analyzeModel(
      model([
        { id: 'a', arrivals: '300', capacity: '200', conversion: '50%', next: 'b' },
        { id: 'b', arrivals: '50', capacity: '150' },
      ]),
    );
    const c = a.constraint;
    if (c.kind !== 'tie') throw new Error(`expected a tie, got ${c.kind}`);
    expect(c.chain).toBe(true);
    expect(c.binding.map((b) => b.stages)).toEqual([['a', 'b']]);
    expect(c.together).toEqual({ heldBack: c.heldBack, marginal: c.marginal });
    // Both unlimited: a passes 150, b takes 200 (+50); lifting either alone adds nothing.
    expect(c.heldBack.units).toBeCloseTo(50, 9);
  });

  it('says when the single-chain rule (smallest capacity in output units) holds', () => {
    const reference = analyzeModel(restoreModel(structuredClone(referenceExample)));
    expect(reference.constraint.chainRule).toBe(true);
    expect(analyzeModel(fixtureModel('analysis-two-funnels')).constraint.chainRule).toBe(false);
    const midChain = analyzeModel(
      model([
        { id: 'a', arrivals: '10', next: 'b' },
        { id: 'b', arrivals: '5', capacity: '3' },
      ]),
    );
    expect(midChain.constraint.chainRule).toBe(false);
    const pull = structuredClone(referenceExample);
    pull.loop.enabled = true;
    expect(analyzeModel(restoreModel(pull)).constraint.chainRule).toBe(false);
  });
});
