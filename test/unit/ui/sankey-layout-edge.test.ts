import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findConstraint } from '../../../src/lib/analysis/constraint';
import type { StageInputs } from '../../../src/lib/analysis/inputs';
import { steadyState } from '../../../src/lib/analysis/steady';
import { flowOrder } from '../../../src/lib/model/graph';
import { seedExample } from '../../../src/lib/model/examples/seed';
import { restoreModel } from '../../../src/lib/model/restore';
import type { StageId } from '../../../src/lib/model/types';
import { GEOMETRY } from '../../../src/lib/ui/sankey/geometry';
import { layoutSankey } from '../../../src/lib/ui/sankey/layout';
import { analyzeModel, model } from '../helpers';
import { expectSound, layoutOf, link, lostNodes, node, stageNodes, VIEW } from './sankey-fixtures';

describe('Sankey layout: odd funnels', () => {
  it('shows stages with zero flow as small nodes with dashed structural bands', () => {
    const m = model([
      { id: 'a', arrivals: '100', conversion: '50%', next: 'b' },
      { id: 'idle', next: 'b' },
      { id: 'b' },
    ]);
    const l = layoutOf(m);
    const idle = node(l, 'idle');
    expect(idle.empty).toBe(true);
    expect(idle.numbers.inflow).toBe(0);
    expect(link(l, 'flow:idle')).toMatchObject({ empty: true, width: GEOMETRY.minLink, value: 0 });
    expect(node(l, 'a').empty).toBe(false);
    expectSound(l);
  });

  it('lays out a funnel where nothing flows at all', () => {
    const m = model([{ id: 'a', next: 'b' }, { id: 'b', next: 'c' }, { id: 'c' }]);
    const l = layoutOf(m);
    expect(stageNodes(l).every((n) => n.empty && n.y1 - n.y0 === GEOMETRY.minNode)).toBe(true);
    expect(lostNodes(l)).toEqual([]);
    expectSound(l);
  });

  it('keeps a 1-item flow visible beside a 1,000-item flow', () => {
    const m = model([
      { id: 'emails', arrivals: '1000', conversion: '0.1%', next: 'deal' },
      { id: 'deal' },
    ]);
    const l = layoutOf(m);
    expect(link(l, 'flow:emails').value).toBeCloseTo(1, 9);
    expect(link(l, 'flow:emails').width).toBeGreaterThanOrEqual(1);
    expect(link(l, 'lost:emails').width).toBeGreaterThan(100);
    expectSound(l);
  });

  it('puts a channel that joins late right before the stage it merges into', () => {
    const m = model([
      { id: 'a', arrivals: '100', next: 'b' },
      { id: 'b', next: 'c' },
      { id: 'c', next: 'd' },
      { id: 'inbound', arrivals: '20', next: 'd' },
      { id: 'd' },
    ]);
    const l = layoutOf(m);
    expect(node(l, 'inbound').column).toBe(node(l, 'c').column);
    expect(node(l, 'd').column).toBe(3);
    expectSound(l);
  });

  it('names a tie on every tied stage', () => {
    const m = model([
      { id: 'a', arrivals: '100', next: 'b' },
      { id: 'b', capacity: '50', next: 'c' },
      { id: 'c', capacity: '50' },
    ]);
    const a = analyzeModel(m);
    expect(a.constraint.kind).toBe('tie');
    const l = layoutOf(m, a);
    expect(
      stageNodes(l)
        .filter((n) => n.constraint)
        .map((n) => n.id),
    ).toEqual(['b', 'c']);
    expect(node(l, 'c').label.badge?.text).toBe('Constraint (tie)');
  });

  it('draws the queue strongly when the analysis is blocked (no constraint known)', () => {
    const m = restoreModel(structuredClone(seedExample));
    const l = layoutOf(m, { ...analyzeModel(m), constraint: null as never });
    expect(stageNodes(l).some((n) => n.constraint)).toBe(false);
    expect(l.queues[0]).toMatchObject({ stage: 'worked', constraint: true });
  });

  it('survives stages without a flow yet, a cycle and a dangling next', () => {
    const stages = [
      { id: 'a' as StageId, name: 'A', next: 'b' as StageId },
      { id: 'b' as StageId, name: 'B', next: 'a' as StageId },
      { id: 'c' as StageId, name: 'C', next: 'gone' as StageId },
    ];
    const l = layoutSankey({ stages, flow: null, constraint: null, period: 'week', ...VIEW });
    expect(stageNodes(l).map((n) => n.id)).toEqual(['a', 'b', 'c']);
    expect(l.links).toEqual([]);
    expectSound(l);
  });

  it('is empty without stages', () => {
    const l = layoutSankey({ stages: [], flow: null, constraint: null, period: 'week', ...VIEW });
    expect(l).toMatchObject({ nodes: [], links: [], queues: [], columns: 0, ...VIEW });
  });
});

describe('Sankey layout: random funnels (seeded fuzz)', () => {
  // Flows straight from the analysis core (no formula engine) so many funnels run fast.
  const stageArb = fc.record({
    arrivals: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000_000 })),
    conversion: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
    capacity: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 5_000 })),
    name: fc.string({ minLength: 1, maxLength: 40 }),
    jump: fc.integer({ min: 0, max: 4 }),
  });

  it('is sound for any forest of stages', () => {
    fc.assert(
      fc.property(fc.array(stageArb, { minLength: 1, maxLength: 16 }), (rows) => {
        const stages: StageInputs[] = rows.map((r, i) => ({
          ...r,
          id: `s${i}` as StageId,
          next: r.jump > 0 && i + r.jump < rows.length ? (`s${i + r.jump}` as StageId) : null,
          lag: 0,
          cost_per_period: 0,
          cost_per_item: 0,
          value: 0,
          variable_cost: 0,
        }));
        const funnel = { stages, order: flowOrder(stages) };
        const flow = steadyState(funnel);
        const l = layoutSankey({
          stages,
          flow,
          constraint: findConstraint(funnel, flow),
          period: 'month',
          ...VIEW,
        });
        expect(stageNodes(l)).toHaveLength(stages.length);
        expectSound(l);
      }),
      { seed: 20240611, numRuns: 300 },
    );
  });
});
