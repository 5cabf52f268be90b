import { describe, expect, it } from 'vitest';
import { funnelOf } from '../../../src/lib/analysis/constraint';
import { elevation, rope, withCapacity } from '../../../src/lib/analysis/whatif';
import { steadyState } from '../../../src/lib/analysis/steady';
import { findConstraint } from '../../../src/lib/analysis/constraint';
import { referenceExample } from '../../../src/lib/model/examples/reference';
import { restoreModel } from '../../../src/lib/model/restore';
import { analyzeModel, flowOf, model } from '../helpers';

// PRODUCT.md "Reference values": 2,000 accounts/month → enrich → contact →
// reply→meeting → meeting → opportunity.
const reference = () => analyzeModel(restoreModel(structuredClone(referenceExample)));

describe('steady state: PRODUCT.md reference chain', () => {
  it('passes 1,800 from enrich; contact processes 1,500 and 300 pile up', () => {
    const a = reference();
    expect(flowOf(a, 'enrich')).toMatchObject({
      inflow: 2000,
      processed: 2000,
      out: 1800,
      lost: 200,
      pileup: 0,
    });
    expect(flowOf(a, 'contact')).toMatchObject({
      inflow: 1800,
      processed: 1500,
      pileup: 300,
      out: 75,
    });
    expect(flowOf(a, 'reply').out).toBe(30);
    expect(flowOf(a, 'meeting').out).toBe(15);
    expect(flowOf(a, 'opportunity').out).toBe(3.75);
    expect(a.flow.units).toBe(3.75);
  });

  it('gives capacities in output units 5.625, 3.75, 10, 4, 7.5 and supply 4.5', () => {
    const a = reference();
    expect(a.flow.stages.map((s) => s.capacity_out)).toEqual([5.625, 3.75, 10, 4, 7.5]);
    expect(a.flow.supplyUnits).toBe(4.5);
  });

  it('names contact the constraint', () => {
    const a = reference();
    expect(a.constraint.kind).toBe('stage');
    expect(a.constraint.stages).toEqual(['contact']);
    expect(a.issues).toEqual([]);
  });

  it('computes load as inflow ÷ capacity', () => {
    const a = reference();
    expect(flowOf(a, 'contact').load).toBe(1.2);
    expect(flowOf(a, 'enrich').load).toBe(0.8);
  });

  it('elevating contact to 3,000 moves the constraint to meeting: 36 arrive, 32 processed, 4 pile up, 4.0 won', () => {
    const a = reference();
    const funnel = withCapacity(funnelOf(a.inputs), 'contact' as never, 3000);
    const flow = steadyState(funnel);
    const meeting = flow.stages[3];
    expect(meeting).toMatchObject({ inflow: 36, processed: 32, pileup: 4 });
    expect(flow.units).toBe(4);
    expect(findConstraint(funnel, flow).stages).toEqual(['meeting']);
  });

  it('finds the capacity at which contact stops being the constraint, and where it moves', () => {
    const a = reference();
    const e = elevation(funnelOf(a.inputs), a.flow, 'contact' as never);
    expect(e?.capacity).toBeCloseTo(1600, 9);
    expect(e?.next.stages).toEqual(['meeting']);
    expect(e?.units).toBeCloseTo(4, 12);
  });

  it('then the rope releases 1,777.78 accounts/month and nothing piles up', () => {
    const a = reference();
    const funnel = withCapacity(funnelOf(a.inputs), 'contact' as never, 3000);
    const flow = steadyState(funnel);
    const r = rope(funnel, flow, 'meeting' as never);
    expect(r?.release.enrich).toBeCloseTo(1777.78, 2);
    expect(r?.flow.stages.every((s) => s.pileup < 1e-9)).toBe(true);
    expect(r?.flow.units).toBeCloseTo(4, 12);
    // The 4 piling up at meeting go.
    expect(flow.stages[3]!.pileup - r!.flow.stages[3]!.pileup).toBeCloseTo(4, 9);
  });
});

describe('steady state: money and operating expense', () => {
  it('counts throughput money net of variable cost, OE and T ÷ OE inputs', () => {
    const a = analyzeModel(
      model([
        {
          id: 'in',
          arrivals: '100',
          cost_per_item: '2',
          cost_per_period: '500',
          capacity: '60',
          next: 'won',
        },
        {
          id: 'won',
          conversion: '10%',
          value: '1000',
          variable_cost: '100',
          cost_per_period: '1000',
        },
      ]),
    );
    expect(a.flow.units).toBe(6);
    expect(a.flow.money).toBe(5400);
    expect(a.flow.operatingExpense).toBe(1500);
    expect(a.flow.inventoryMoney).toBe(80);
  });
});

describe('the constraint', () => {
  it('is the market when no stage is overloaded, naming the stage that binds first and at what demand', () => {
    const a = analyzeModel(
      model([
        { id: 'emails', arrivals: '1000', conversion: '3%', next: 'replies' },
        { id: 'replies', conversion: '=8/30', capacity: '100', next: 'meetings' },
        { id: 'meetings', capacity: '10', conversion: '12.5%', next: 'deals' },
        { id: 'deals' },
      ]),
    );
    expect(a.constraint.kind).toBe('market');
    if (a.constraint.kind !== 'market') return;
    expect(a.constraint.bindsFirst?.stage).toBe('meetings');
    expect(a.constraint.bindsFirst?.factor).toBeCloseTo(1.25, 12);
    expect(a.constraint.bindsFirst?.arrivals).toBeCloseTo(1250, 9);
  });

  it('is the market with nothing binding when no stage has a capacity', () => {
    const a = analyzeModel(model([{ id: 'a', arrivals: '10', next: 'b' }, { id: 'b' }]));
    expect(a.constraint).toMatchObject({
      kind: 'market',
      stages: [],
      bindsFirst: null,
      binding: [],
    });
  });

  it('of two overloaded stages in a chain, is the tighter in output units, not the bigger pileup', () => {
    const a = analyzeModel(
      model([
        // a: 1,000 in, 400 processed (600 pile up), capacity out 400 × 50 % = 200
        { id: 'a', arrivals: '1000', capacity: '400', conversion: '100%', next: 'b' },
        // b: 400 in, 300 processed (100 pile up), capacity out 300 × 50 % = 150
        { id: 'b', capacity: '300', conversion: '50%' },
      ]),
    );
    expect(flowOf(a, 'a').pileup).toBeGreaterThan(flowOf(a, 'b').pileup);
    expect(a.constraint.stages).toEqual(['b']);
    if (a.constraint.kind === 'stage') expect(a.constraint.heldBack.units).toBe(50);
  });

  it('with channels merging, ranks stages by the throughput money they hold back', () => {
    const a = analyzeModel(
      model([
        { id: 'ads', arrivals: '500', capacity: '100', conversion: '10%', next: 'won' },
        { id: 'events', arrivals: '300', capacity: '50', conversion: '50%', next: 'won' },
        { id: 'won', value: '1000' },
      ]),
    );
    // Lifting ads gains 400 × 10 % = 40 won; lifting events gains 250 × 50 % = 125.
    expect(a.constraint.stages).toEqual(['events']);
    if (a.constraint.kind === 'stage')
      expect(a.constraint.heldBack).toEqual({ units: 125, money: 125000 });
  });

  it('treats a stage blocked by a constraint downstream as overproduction, not the constraint', () => {
    const a = analyzeModel(
      model([
        { id: 'src', arrivals: '1000', capacity: '500', next: 'mid' },
        { id: 'mid', capacity: '100' },
      ]),
    );
    expect(flowOf(a, 'src').pileup).toBe(500);
    expect(a.constraint.stages).toEqual(['mid']);
  });

  it('names two channels holding back the same throughput as a tie', () => {
    const a = analyzeModel(
      model([
        { id: 'x', arrivals: '200', capacity: '100', next: 'won' },
        { id: 'y', arrivals: '200', capacity: '100', next: 'won' },
        { id: 'won' },
      ]),
    );
    expect(a.constraint.kind).toBe('tie');
    expect(a.constraint.stages).toEqual(['x', 'y']);
  });

  it('names two stages binding at the same level in one chain as a tie', () => {
    const a = analyzeModel(
      model([
        { id: 'a', arrivals: '1000', capacity: '200', conversion: '50%', next: 'b' },
        { id: 'b', capacity: '100', next: 'c' },
        { id: 'c', capacity: '5000' },
      ]),
    );
    expect(a.constraint.kind).toBe('tie');
    expect(a.constraint.stages).toEqual(['a', 'b']);
    if (a.constraint.kind === 'tie') expect(a.constraint.heldBack.units).toBe(400);
  });

  it('uses units when the model has no money values', () => {
    const a = analyzeModel(model([{ id: 'a', arrivals: '10', capacity: '5' }]));
    expect(a.objective).toBe('units');
    expect(a.constraint.stages).toEqual(['a']);
  });
});

describe('cell issues', () => {
  it('lists formula errors and out-of-range values by stage and field, using defaults meanwhile', () => {
    const a = analyzeModel(
      model([
        { id: 'a', name: 'Leads', arrivals: '100', conversion: '140%', next: 'b' },
        { id: 'b', name: 'Calls', capacity: '=1/0', lag: '1.5' },
        { id: 'c', name: 'Other', capacity: '-5' },
      ]),
    );
    expect(a.issues.map((i) => [i.stageId, i.field, i.kind, i.code ?? ''])).toEqual([
      ['a', 'conversion', 'range', ''],
      ['b', 'capacity', 'error', '#DIV/0!'],
      ['b', 'lag', 'range', ''],
      ['c', 'capacity', 'range', ''],
    ]);
    expect(a.issues[0]?.message).toBe('140 % is out of range: it must be between 0 % and 100 %.');
    expect(flowOf(a, 'b').inflow).toBe(100);
  });

  it('suggests a percentage for a conversion typed as a whole number', () => {
    const a = analyzeModel(model([{ id: 'a', conversion: '40' }]));
    expect(a.issues[0]?.message).toMatch(/Did you mean 40 %\?/);
  });

  it('checks loop cells only when the loop is on', () => {
    const off = analyzeModel(model([{ id: 'a' }], { loop: { enabled: false, churn: '150%' } }));
    const on = analyzeModel(model([{ id: 'a' }], { loop: { enabled: true, churn: '150%' } }));
    expect(off.issues).toEqual([]);
    expect(on.issues[0]).toMatchObject({ field: 'loop.churn', kind: 'range' });
  });
});
