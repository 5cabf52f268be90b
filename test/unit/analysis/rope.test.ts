import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { focusingSteps } from '../../../src/lib/analysis/focusing';
import type { FlowInputs } from '../../../src/lib/analysis/inputs';
import { steadyStateIn } from '../../../src/lib/analysis/loop';
import { steadyState, type Funnel } from '../../../src/lib/analysis/steady';
import { piles } from '../../../src/lib/analysis/ties';
import { applyChanges } from '../../../src/lib/analysis/trial';
import { rope } from '../../../src/lib/analysis/whatif';
import { flowOrder, upstreamOf } from '../../../src/lib/model/graph';
import { analyzeModel, model, type TestStage } from '../helpers';
import { fixtureModel } from './fixture-models';
import { funnelRows, stagesOf } from './random-funnels';

// PRODUCT.md "The constraint" / issue 9 item 6: in merges, a rope per source,
// rounded down so that nothing piles up.

const subordinate = (inputs: FlowInputs) => {
  const steps = focusingSteps(inputs, 'push');
  if (steps.kind !== 'steps' || !steps.subordinate.applies) throw new Error('no rope');
  return steps.subordinate;
};
const inputsOf = (stages: TestStage[]) => analyzeModel(model(stages)).inputs;

describe('the rope in merges', () => {
  // Ads and Partners merge into Calls (capacity 50); Partners' own stage takes only 20.
  const merge = () =>
    inputsOf([
      { id: 'ads', arrivals: '100', next: 'calls' },
      { id: 'partners', arrivals: '100', capacity: '20', next: 'calls' },
      { id: 'calls', capacity: '50' },
    ]);

  it('gives each source its own release: Partners 20 (all its stage takes), Ads the 30 left', () => {
    const sub = subordinate(merge());
    expect(sub.ropedTo).toEqual(['calls']);
    expect(sub.release.ads).toBeCloseTo(30, 9);
    expect(sub.release.partners).toBeCloseTo(20, 9);
    expect(sub.changes.map((c) => [c.stageId, c.value])).toEqual([
      ['ads', 30],
      ['partners', 20],
    ]);
    // One factor for both (0.3) would release 30 partners and leave 10 a period piling up.
    expect(sub.pileupLeft).toBe(0);
    expect(sub.pileupRemoved).toBe(150); // 70 at calls, 80 at partners
    expect(sub.referredOverload).toBe(false);
  });

  it('ropes each binding funnel side by side: Inbound to 200 and Cold list to 10', () => {
    const sub = subordinate(analyzeModel(fixtureModel('analysis-two-funnels')).inputs);
    expect(sub.ropedTo).toEqual(['inbound', 'cold']);
    expect(sub.changes.map((c) => [c.stageId, c.value])).toEqual([
      ['inbound', 200],
      ['cold', 10],
    ]);
    expect(sub.pileupLeft).toBe(0);
  });

  it('rounds releases down, so that the cells written pile nothing up', () => {
    const tight = inputsOf([
      { id: 'a', arrivals: '1000', conversion: '60%', next: 'b' },
      { id: 'b', capacity: '100' },
    ]);
    const rope = subordinate(tight);
    expect(rope.release.a).toBeCloseTo(166.667, 3);
    // 167 (the nearest) would send 100.2 to b: 0.2 a period piling up.
    expect(rope.changes).toEqual([{ stageId: 'a', field: 'arrivals', value: 166, text: '166' }]);
    const after = steadyStateIn(applyChanges(tight, rope.changes), 'push');
    expect(after.kind === 'steady' && after.flow.stages.every((s) => s.pileup === 0)).toBe(true);
  });
});

/** Random forests of stages: merges, side-by-side funnels, arrivals anywhere, some capacities. */
const forest = funnelRows({ arrivals: 1000, capacity: 600, stages: 8 }).map((rows): Funnel => {
  const stages = stagesOf(rows);
  return { stages, order: flowOrder(stages) };
});

describe('the rope on any funnel (seeded)', () => {
  it('keeps throughput and leaves nothing piling up on the roped stage or anywhere feeding it', () => {
    fc.assert(
      fc.property(forest, (funnel) => {
        const flow = steadyState(funnel);
        funnel.stages.forEach((stage) => {
          const r = rope(funnel, flow, stage.id);
          if (!r) return;
          expect(r.flow.units).toBeCloseTo(flow.units, 9);
          const feeding = upstreamOf(funnel.stages, stage.id).add(stage.id);
          const piling = r.flow.stages.filter((f) => feeding.has(f.id) && piles(f));
          expect(piling.map((f) => f.id)).toEqual([]);
        });
      }),
      { seed: 20261204, numRuns: 300 },
    );
  });
});

describe('the rope in pull', () => {
  it('says when referred leads alone overload the constraint, with no outbound arrivals to hold back', () => {
    const inputs = analyzeModel(
      model([{ id: 'leads', name: 'Leads', capacity: '1000', conversion: '20%' }], {
        loop: { enabled: true, entry: 'leads', referrals: '10', lag: '1', customers: '10' },
      }),
    ).inputs;
    const steps = focusingSteps(inputs, 'pull');
    if (steps.kind !== 'steps') throw new Error(steps.message);
    expect(steps.subordinate).toEqual({
      applies: false,
      reason:
        'Referred leads alone overload Leads: no outbound arrivals feed it, so there is nothing to hold back.',
    });
  });

  it('ropes outbound arrivals around the referred leads, re-solving the loop with the cells written', () => {
    const inputs = analyzeModel(
      model(
        [
          { id: 'leads', arrivals: '100', conversion: '10%', next: 'demo' },
          { id: 'demo', capacity: '15' },
        ],
        { loop: { enabled: true, entry: 'demo', referrals: '0.5', lag: '1' } },
      ),
    ).inputs;
    const steps = focusingSteps(inputs, 'pull');
    if (steps.kind !== 'steps' || !steps.subordinate.applies) throw new Error('no rope');
    expect(steps.subordinate.changes).toEqual([
      { stageId: 'leads', field: 'arrivals', value: 75, text: '75' },
    ]);
    expect(steps.subordinate.referredOverload).toBe(false);
    expect(steps.subordinate.pileupLeft).toBe(0);
  });
});
