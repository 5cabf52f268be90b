import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findConstraint, objectiveOf, withUnlimited } from '../../../src/lib/analysis/constraint';
import type { FlowInputs } from '../../../src/lib/analysis/inputs';
import { steadyStateIn } from '../../../src/lib/analysis/loop';
import { steadyState } from '../../../src/lib/analysis/steady';
import { referenceExample } from '../../../src/lib/model/examples/reference';
import { flowOrder } from '../../../src/lib/model/graph';
import { restoreModel } from '../../../src/lib/model/restore';
import { analyzeModel, model } from '../helpers';
import { stagesOf } from './random-funnels';

describe('chain ties at exact boundaries', () => {
  it('names a tie when outbound arrivals enter between two stages that fill together', () => {
    // a passes 200 × 50 % = 100, b gets 50 more of its own: both exactly at capacity.
    const a = analyzeModel(
      model([
        { id: 'a', arrivals: '300', capacity: '200', conversion: '50%', next: 'b' },
        { id: 'b', arrivals: '50', capacity: '150' },
      ]),
    );
    expect(a.constraint).toMatchObject({ kind: 'tie', stages: ['a', 'b'] });
  });

  it('names a tie in pull when referred leads fill the downstream stage exactly (reference chain, contact at 1,520)', () => {
    const doc = structuredClone(referenceExample);
    doc.loop.enabled = true;
    const at = (capacity: string) => {
      doc.stages[1]!.capacity = capacity;
      const state = steadyStateIn(analyzeModel(restoreModel(doc)).inputs, 'pull');
      return state.kind === 'steady' ? state.constraint : null;
    };
    expect(at('1519')).toMatchObject({ kind: 'stage', stages: ['contact'] });
    expect(at('1520')).toMatchObject({ kind: 'tie', stages: ['contact', 'meeting'] });
    expect(at('1521')).toMatchObject({ kind: 'stage', stages: ['meeting'] });
  });

  it('does not tie a stage to one downstream that piles up (that is overproduction)', () => {
    const a = analyzeModel(
      model([
        { id: 'src', arrivals: '1000', capacity: '500', next: 'mid' },
        { id: 'mid', arrivals: '10', capacity: '100' },
      ]),
    );
    expect(a.constraint).toMatchObject({ kind: 'stage', stages: ['mid'] });
  });
});

/** Random funnels in which many stages run exactly full: capacity = the inflow they see unlimited, × 1 or a little less. */
const exactFunnel = fc
  .array(
    fc.record({
      arrivals: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1000 })),
      conversion: fc.integer({ min: 1, max: 100 }).map((x) => x / 100),
      fill: fc.constantFrom(null, 1, 1, 1, 0.5, 0.9),
      skip: fc.option(fc.integer({ min: 1, max: 3 })),
    }),
    { minLength: 1, maxLength: 7 },
  )
  .map((rows): FlowInputs => {
    const stages = stagesOf(rows.map(({ fill: _, ...r }) => r));
    const order = flowOrder(stages);
    // Capacities set in flow order, each at the inflow it sees given the ones already set.
    for (const i of order) {
      const fill = rows[i]!.fill;
      if (fill === null) continue;
      const inflow = steadyState({ stages, order }).stages[i]!.inflow;
      stages[i] = { ...stages[i]!, capacity: inflow * fill };
    }
    return { stages, order, loop: { enabled: false } as FlowInputs['loop'], issues: [] };
  });

describe('nothing binds (the market, or a stage tied with demand) only when no capacity holds throughput back', () => {
  it('holds on funnels full of exact boundaries (seeded)', () => {
    fc.assert(
      fc.property(exactFunnel, (inputs) => {
        const funnel = { stages: inputs.stages, order: inputs.order };
        const flow = steadyState(funnel);
        const constraint = findConstraint(funnel, flow);
        const score = objectiveOf(inputs.stages) === 'money' ? 'money' : 'units';
        const all = new Set(inputs.stages.filter((s) => s.capacity !== Infinity).map((s) => s.id));
        const lifted = steadyState(withUnlimited(funnel, all))[score];
        const gains = lifted > flow[score] * (1 + 1e-9);
        // Nothing binding: the market, or a stage at exactly 100 % load tied with demand.
        const none = constraint.kind === 'market' || constraint.withDemand;
        expect(none).toBe(!gains);
      }),
      { seed: 20260302, numRuns: 400 },
    );
  });
});
