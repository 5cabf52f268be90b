import { analyze } from '../../src/lib/analysis/analyze';
import { FormulaEngine } from '../../src/lib/engine/engine';
import { parseModelJson, stringifyModel } from '../../src/lib/io/model-json';
import { setAssumptionField, setStageCell } from '../../src/lib/model/edits';
import type { Model, StageNumberField } from '../../src/lib/model/types';
import { ComputeHandler } from '../../src/lib/state/compute/handler';
import type { ComputeRequest } from '../../src/lib/state/compute/protocol';
import { fiveHundredSumproducts } from '../fixtures/links/five-hundred-sumproducts';
import { formulaCells, generateModel } from './generate';
import { ms, percentiles, timed, type BenchRow, type BenchSection } from './section';

/*
 * The formula engine and the analysis in Node, on generated models: what the
 * compute worker does for every edit and when a model opens. Repainting the
 * grid, Sankey and chart is not included (that needs the browser).
 */

const EDITS = 200;
const WARMUP = 20;
const BUILDS = 20;
const OPENS = 20;
const CHANNELS = 4;

/** A deterministic sequence of one-cell edits: capacities, conversions, an assumption. */
function* edits(model: Model, count: number): Generator<Model> {
  let current = model;
  const fields: StageNumberField[] = ['capacity', 'conversion', 'arrivals'];
  for (let i = 0; i < count; i++) {
    const row = (i * 7) % model.stages.length;
    const field = fields[i % fields.length] as StageNumberField;
    if (i % 10 === 9) {
      // Reps feeds a third of the capacities: a wide recalculation.
      current = setAssumptionField(current, 1, 'value', String(8 + (i % 9)));
    } else if (field === 'conversion') {
      current = setStageCell(current, row, field, `${50 + (i % 40)}%`);
    } else if (field === 'arrivals') {
      current = setStageCell(current, row, field, i % 2 === 0 ? `${1000 + i}` : '');
    } else {
      current = setStageCell(current, row, field, `=Reps*${40 + (i % 30)}`);
    }
    yield current;
  }
}

/** Builds the engine for `model` BUILDS times: median and p95. */
function engineBuild(model: Model): BenchRow[] {
  const samples: number[] = [];
  for (let i = 0; i < BUILDS; i++) {
    let engine: FormulaEngine | undefined;
    samples.push(timed(() => (engine = new FormulaEngine(model))));
    engine?.destroy();
  }
  const { median, p95 } = percentiles(samples);
  return [
    { measure: `build the engine (FormulaEngine), median of ${BUILDS}`, figure: ms(median) },
    { measure: 'build the engine, p95', figure: ms(p95) },
  ];
}

/**
 * One-cell edits through the worker's own handler (engine.update → evaluate →
 * analyze), then also with the structured clones a worker message costs.
 */
function editToAnalysis(model: Model): BenchRow[] {
  const handler = new ComputeHandler();
  handler.handle({ id: 0, type: 'analyze', model });
  const compute: number[] = [];
  const messaged: number[] = [];
  let id = 1;
  for (const edited of edits(model, WARMUP + EDITS)) {
    const request: ComputeRequest = { id: id++, type: 'analyze', model: edited };
    let response: unknown;
    const t = timed(() => (response = handler.handle(request)));
    const clones = timed(() => {
      structuredClone(request);
      structuredClone(response);
    });
    if (request.id <= WARMUP) continue;
    compute.push(t);
    messaged.push(t + clones);
  }
  const c = percentiles(compute);
  const m = percentiles(messaged);
  const budget = '< 50 ms to repaint';
  return [
    { measure: `edit → analysis, median (${EDITS} edits)`, figure: ms(c.median), budget },
    { measure: 'edit → analysis, p95', figure: ms(c.p95), budget },
    { measure: '… with worker message copies, median', figure: ms(m.median), budget },
    { measure: '… with worker message copies, p95', figure: ms(m.p95), budget },
  ];
}

/** The steps of opening a model, in milliseconds. */
interface OpenTimes {
  restore: number;
  build: number;
  evaluate: number;
  analyze: number;
  total: number;
}

/** Opens a model from its JSON text: restore → engine → evaluate → analyze, each step timed. */
function openModel(text: string): OpenTimes {
  const t0 = performance.now();
  const model = parseModelJson(text);
  const t1 = performance.now();
  const engine = new FormulaEngine(model);
  const t2 = performance.now();
  const evaluated = engine.evaluate();
  const t3 = performance.now();
  analyze(model, evaluated);
  const t4 = performance.now();
  engine.destroy();
  return { restore: t1 - t0, build: t2 - t1, evaluate: t3 - t2, analyze: t4 - t3, total: t4 - t0 };
}

/** Rows for opening the big model: the cold first open, the warm median, and its steps. */
function openRows(opens: readonly OpenTimes[], cells: number, stages: number): BenchRow[] {
  const [first, ...later] = opens as [OpenTimes, ...OpenTimes[]];
  const median = (k: keyof OpenTimes) => percentiles(later.map((o) => o[k])).median;
  const steps = (o: (k: keyof OpenTimes) => number) =>
    `restore ${ms(o('restore'))} · engine ${ms(o('build'))} · evaluate ${ms(o('evaluate'))} · analyze ${ms(o('analyze'))}`;
  return [
    {
      measure: `open ${cells} formula cells (${stages} stages), first (cold)`,
      figure: ms(first.total),
      budget: '< 200 ms',
      detail: steps((k) => first[k]),
    },
    {
      measure: `open it again, median of ${later.length}`,
      figure: ms(median('total')),
      budget: '< 200 ms',
      detail: steps(median),
    },
  ];
}

/**
 * Opens the 500-stage link of issue 9 item 22 (each capacity a SUMPRODUCT
 * over the whole grid, which kept HyperFormula busy for half an hour): every
 * formula is refused by its ranges' size before HyperFormula sees it.
 */
function expensiveOpen(): BenchRow[] {
  const text = JSON.stringify(fiveHundredSumproducts('x'));
  const samples = Array.from({ length: 5 }, () => openModel(text));
  const median = (k: keyof OpenTimes) => percentiles(samples.map((o) => o[k])).median;
  return [
    {
      measure: 'open 500 SUMPRODUCTs over the whole grid (refused), median of 5',
      figure: ms(median('total')),
      budget: '< 200 ms',
      detail: `restore ${ms(median('restore'))} · engine ${ms(median('build'))} · evaluate ${ms(median('evaluate'))} · analyze ${ms(median('analyze'))}`,
    },
  ];
}

/** The engine and analysis figures. */
export const engineSection: BenchSection = {
  id: 'engine',
  title: 'Formula engine and analysis (Node, compute only: no repaint)',
  run() {
    const model = generateModel({ stages: 50, channels: CHANNELS, horizon: 60 });
    const big = generateModel({ stages: 250, channels: 10, allFormulas: true });
    const bigText = stringifyModel(big);
    // Opening runs first, so its first figure is a cold start, like a fresh worker's.
    const opens = Array.from({ length: OPENS }, () => openModel(bigText));
    const cells = formulaCells(big);
    const [build, ...rest] = engineBuild(model);
    return [
      {
        ...(build as BenchRow),
        detail: `model: ${model.stages.length} stages in ${CHANNELS} channels, ${formulaCells(model)} formula cells, ${model.assumptions.length} assumptions, horizon ${model.horizon}`,
      },
      ...rest,
      ...editToAnalysis(model),
      ...openRows(opens, cells, big.stages.length),
      ...expensiveOpen(),
    ];
  },
};
