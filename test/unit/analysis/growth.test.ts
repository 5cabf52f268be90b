import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/lib/analysis/analyze';
import { elevatePast } from '../../../src/lib/analysis/elevate-past';
import { focusOf, growthOf } from '../../../src/lib/analysis/growth';
import { steadyStateIn } from '../../../src/lib/analysis/loop';
import { simulate } from '../../../src/lib/analysis/simulate';
import { applyChanges } from '../../../src/lib/analysis/trial';
import { evaluateModel } from '../../../src/lib/engine/engine';
import { referenceExample } from '../../../src/lib/model/examples/reference';
import { restoreModel } from '../../../src/lib/model/restore';
import type { Model, StageId } from '../../../src/lib/model/types';
import { ComputeHandler } from '../../../src/lib/state/compute/handler';
import { analyzeModel, flowOf, model } from '../helpers';

/** 100 leads a period converting 10 % into a demo stage of capacity 15; the loop enters demo. */
const demo = (enabled: boolean, loop: Record<string, string> = {}) =>
  model(
    [
      { id: 'leads', arrivals: '100', conversion: '10%', next: 'demo' },
      { id: 'demo', capacity: '15' },
    ],
    { horizon: 12, loop: { enabled, entry: 'demo', referrals: '0.5', lag: '1', ...loop } },
  );

/** What the compute worker computes for a model: its growth, then its focusing steps. */
const grow = (m: Model) => {
  const evaluated = evaluateModel(m);
  const analysis = analyze(m, evaluated);
  return { ...growthOf(m, evaluated, analysis), ...focusOf(analysis) };
};

const reference = (enabled: boolean) => {
  const doc = structuredClone(referenceExample);
  doc.loop.enabled = enabled;
  return restoreModel(doc);
};

describe('analysis in pull', () => {
  it('includes referred leads in the flow and the constraint', () => {
    const push = analyzeModel(demo(false));
    expect(push).toMatchObject({ mode: 'push', referred: 0, compounds: null });
    expect(push.constraint.kind).toBe('market');
    const pull = analyzeModel(demo(true));
    expect(pull).toMatchObject({ mode: 'pull', referred: 7.5, compounds: null });
    expect(pull.constraint).toMatchObject({ kind: 'stage', stages: ['demo'] });
    expect(flowOf(pull, 'demo')).toMatchObject({ inflow: 17.5, processed: 15, pileup: 2.5 });
    expect(pull.flow.units).toBe(15);
  });

  it('says when pull has no steady state, and takes the flow at the simulation’s horizon (not push’s)', () => {
    const a = analyzeModel(demo(true, { referrals: '20' }));
    // K = 20 × 100 % and demo's capacity binds: a steady state. Without it, none.
    expect(a.compounds).toBeNull();
    const compounding = model([{ id: 'leads', arrivals: '10', conversion: '20%' }], {
      loop: { enabled: true, entry: 'leads', referrals: '10' },
    });
    const open = analyzeModel(compounding);
    expect(open.compounds).toMatch(/K = 2 .*growth compounds until the market stops it/);
    const horizon = compounding.horizon;
    const last = simulate(open.inputs, horizon, 'pull').periods.at(-1);
    expect(open.snapshot).toEqual({ period: horizon, referred: last?.referred_leads });
    expect(open.referred).toBe(last?.referred_leads);
    expect(open.flow.units).toBeCloseTo(((last?.referred_leads ?? 0) + 10) * 0.2, 6);
  });
});

describe('growth: both modes from the same funnel', () => {
  it('simulates push and pull over the horizon whatever the mode, with K and the focusing steps', () => {
    for (const enabled of [false, true]) {
      const g = grow(demo(enabled));
      expect(g.mode).toBe(enabled ? 'pull' : 'push');
      expect([g.push.mode, g.pull.mode]).toEqual(['push', 'pull']);
      expect(g.push.periods).toHaveLength(12);
      expect(g.pull.periods).toHaveLength(12);
      expect(g.loop).toMatchObject({ entry: 'demo', k: 0.5, multiplier: 2 });
      expect(g.loopText).toBe('Each customer brings 0.5 more: pull multiplies push by 2×');
      expect(g.focusing.mode).toBe(g.mode);
      // Push: 10 won a period; pull more, capped by demo at 15.
      expect(g.push.periods[11]?.won).toBe(10);
      expect(g.pull.periods[11]?.won).toBeGreaterThan(10);
      expect(g.pull.periods[11]?.won).toBeLessThanOrEqual(15);
    }
  });

  it('lists the loop’s cells to fix in push too (the pull curve uses them), not as analysis issues', () => {
    const m = demo(false, { churn: '140%', lag: '=1/0' });
    expect(analyzeModel(m).issues).toEqual([]);
    expect(grow(m).loopIssues.map((i) => [i.field, i.kind])).toEqual([
      ['loop.lag', 'error'],
      ['loop.churn', 'range'],
    ]);
    expect(analyzeModel(demo(true, { churn: '140%' })).issues.map((i) => i.field)).toEqual([
      'loop.churn',
    ]);
  });

  it('is plain data (it crosses the Web Worker boundary)', () => {
    const g = grow(reference(true));
    expect(structuredClone(g)).toEqual(g);
  });

  it('comes back from the compute worker’s handler with the analysis, the focusing steps after', () => {
    const m = reference(false);
    const handler = new ComputeHandler();
    const response = handler.handle({ id: 1, type: 'analyze', model: m });
    if (response.type !== 'analyzed') throw new Error(JSON.stringify(response));
    const { growth } = response.result;
    expect(growth.horizon).toBe(24);
    // PRODUCT.md: 300 pile up ahead of contact each month, 1,800 after 6 months.
    expect(growth.push.periods[5]?.queues.contact).toBe(1800);
    const focused = handler.handle({ id: 2, type: 'focus' });
    if (focused.type !== 'focused') throw new Error(JSON.stringify(focused));
    expect(focused.focus).toEqual(focusOf(response.result.analysis));
    expect(focused.focus.focusing.kind).toBe('steps');
  });
});

describe('applying Elevate goes strictly past the boundary', () => {
  it('reference chain in push: 1,600 ties contact and meeting, so it applies 1,601 and meeting binds alone', () => {
    const g = grow(reference(false));
    if (g.focusing.kind !== 'steps' || !g.focusing.elevate.applies) throw new Error('no elevate');
    expect(g.focusing.elevate.changes[0]?.value).toBe(1600);
    expect(g.elevateChanges).toEqual([
      { stageId: 'contact', field: 'capacity', value: 1601, text: '1601' },
    ]);
    const a = analyzeModel(reference(false));
    const state = steadyStateIn(applyChanges(a.inputs, g.elevateChanges), 'push');
    expect(state.kind === 'steady' && state.constraint).toMatchObject({
      kind: 'stage',
      stages: ['meeting'],
    });
  });

  it('reference chain in pull: 1,520 ties, 1,521 moves it', () => {
    const g = grow(reference(true));
    expect(g.elevateChanges.map((c) => c.text)).toEqual(['1521']);
  });

  it('keeps a capacity that is already past the boundary', () => {
    // Elevating a to 200 (all of its arrivals) leaves b, far smaller, as the constraint.
    const a = analyzeModel(
      model([
        { id: 'a', arrivals: '200', capacity: '50', next: 'b' },
        { id: 'b', capacity: '80' },
      ]),
    );
    const changes = [
      { stageId: 'a' as StageId, field: 'capacity' as const, value: 120, text: '120' },
    ];
    expect(elevatePast(a.inputs, 'push', ['a' as StageId], changes)).toEqual(changes);
  });

  it('steps small capacities by 0.01', () => {
    // a (capacity 2) feeds b (capacity 3): at a = 3 they tie, at 3.01 b binds alone.
    const a = analyzeModel(
      model([
        { id: 'a', arrivals: '10', capacity: '2', next: 'b' },
        { id: 'b', capacity: '3' },
      ]),
    );
    const at3 = [{ stageId: 'a' as StageId, field: 'capacity' as const, value: 3, text: '3' }];
    expect(elevatePast(a.inputs, 'push', ['a' as StageId], at3)).toEqual([
      { stageId: 'a', field: 'capacity', value: 3.01, text: '3.01' },
    ]);
  });
});
