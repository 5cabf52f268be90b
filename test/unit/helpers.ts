import { analyze, type Analysis } from '../../src/lib/analysis/analyze';
import { evaluateModel } from '../../src/lib/engine/engine';
import { restoreModel } from '../../src/lib/model/restore';
import type { Model } from '../../src/lib/model/types';

/** A stage of a test model: id and name, plus any fields (as cell text). */
export type TestStage = { id: string; name?: string } & Record<string, string | undefined>;

/** Builds a format-1 model from terse stages, through the real restore path. */
export function model(stages: TestStage[], extra: Record<string, unknown> = {}): Model {
  return restoreModel({
    format: 'bottleneck-model',
    version: 1,
    stages: stages.map((s) => ({ name: s.id, ...s })),
    ...extra,
  });
}

/** Evaluates and analyses a model the way the app does. */
export function analyzeModel(m: Model): Analysis {
  return analyze(m, evaluateModel(m));
}

/** A stage's flow by id. */
export function flowOf(a: Analysis, id: string) {
  const f = a.flow.stages.find((s) => s.id === id);
  if (!f) throw new Error(`no stage ${id}`);
  return f;
}
