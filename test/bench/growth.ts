import { analyze } from '../../src/lib/analysis/analyze';
import { focusOf, growthOf } from '../../src/lib/analysis/growth';
import { simulate } from '../../src/lib/analysis/simulate';
import { evaluateModel } from '../../src/lib/engine/engine';
import { setStageCell } from '../../src/lib/model/edits';
import type { Model, StageId } from '../../src/lib/model/types';
import { ComputeHandler } from '../../src/lib/state/compute/handler';
import { generateModel } from './generate';
import { ms, percentiles, timed, type BenchRow, type BenchSection } from './section';

/*
 * Push vs pull over time in Node: the time simulation of a 50-stage model
 * over 60 periods in both modes, the whole growth bundle the compute worker
 * adds to every analysis (both simulations, the loop factor, then the five
 * focusing steps, which it sends in a second message), and edit → engine →
 * analysis → growth with the loop on. The browser repaint is in
 * growth-browser.ts.
 */

const RUNS = 300;
const WARMUP = 30;
const EDITS = 150;

/** The generated 50-stage, 60-period model with a loop into the shared tail. */
export function loopModel(enabled: boolean): Model {
  const model = generateModel({ stages: 50, channels: 4, horizon: 60 });
  const entry = model.stages[Math.floor(model.stages.length * 0.6)]?.id ?? null;
  return {
    ...model,
    loop: {
      enabled,
      entry: entry as StageId | null,
      referrals: '0.5',
      lag: '2',
      churn: '2%',
      market: '50000',
      customers: '10',
    },
  };
}

/** Median and p95 of `fn` over RUNS calls after a warm-up, as two rows. */
function figures(measure: string, fn: () => void, budget?: string): BenchRow[] {
  for (let i = 0; i < WARMUP; i++) fn();
  const { median, p95 } = percentiles(Array.from({ length: RUNS }, () => timed(fn)));
  return [
    { measure: `${measure}, median of ${RUNS}`, figure: ms(median), ...(budget && { budget }) },
    { measure: `${measure}, p95`, figure: ms(p95), ...(budget && { budget }) },
  ];
}

/**
 * One-cell edits through the worker's handler with the loop on: engine,
 * analysis and growth (the first answer, which the repaint waits for), then
 * the focusing steps (the second).
 */
function editToGrowth(model: Model): BenchRow[] {
  const handler = new ComputeHandler();
  handler.handle({ id: 0, type: 'analyze', model });
  const first: number[] = [];
  const second: number[] = [];
  let current = model;
  for (let i = 0; i < WARMUP + EDITS; i++) {
    const row = (i * 7) % model.stages.length;
    current = setStageCell(current, row, 'capacity', `=Reps*${40 + (i % 30)}`);
    const request = { id: 2 * i + 1, type: 'analyze' as const, model: current };
    const t = timed(() => structuredClone(handler.handle(request)));
    const f = timed(() => structuredClone(handler.handle({ id: 2 * i + 2, type: 'focus' })));
    if (i < WARMUP) continue;
    first.push(t);
    second.push(f);
  }
  const a = percentiles(first);
  const b = percentiles(second);
  const budget = '< 50 ms to repaint';
  return [
    {
      measure: `edit → engine → analysis + both simulations (pull), median of ${EDITS}`,
      figure: ms(a.median),
      budget,
      detail: 'the compute worker’s first answer, with the structured clone of its message',
    },
    {
      measure: 'edit → engine → analysis + both simulations (pull), p95',
      figure: ms(a.p95),
      budget,
    },
    {
      measure: `… then the five focusing steps, median of ${EDITS}`,
      figure: ms(b.median),
      detail: 'the second answer, asked for once the first is on screen',
    },
    { measure: '… then the five focusing steps, p95', figure: ms(b.p95) },
  ];
}

/** The growth figures. */
export const growthSection: BenchSection = {
  id: 'growth',
  title: 'Push vs pull over time (Node, compute only: 50 stages, 60 periods)',
  run() {
    const rows: BenchRow[] = [];
    for (const enabled of [false, true]) {
      const model = loopModel(enabled);
      const evaluated = evaluateModel(model);
      const analysis = analyze(model, evaluated);
      const mode = enabled ? 'pull' : 'push';
      rows.push(
        ...figures(`simulate, ${mode}`, () => simulate(analysis.inputs, model.horizon, mode)),
        ...figures(`growth bundle (both simulations, K, focusing steps), model in ${mode}`, () => {
          growthOf(model, evaluated, analysis);
          focusOf(analysis);
        }),
      );
    }
    const [first, ...rest] = rows;
    return [
      {
        ...(first as BenchRow),
        detail:
          'generated model: 4 channels into a shared tail; loop into stage 30, K < 1, market 50,000',
      },
      ...rest,
      ...editToGrowth(loopModel(true)),
    ];
  },
};
