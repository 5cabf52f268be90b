import { analyze, type Analysis } from '../lib/analysis/analyze';
import type { Constraint } from '../lib/analysis/constraint';
import type { CellIssue } from '../lib/analysis/inputs';
import type { StageFlow, SteadyState } from '../lib/analysis/steady';
import { evaluateModel } from '../lib/engine/engine';
import { describeProblem } from '../lib/model/errors';
import type { Model } from '../lib/model/types';
import { InputError, type Command } from './command';
import { readModelFile, toJson } from './io';
import { summarize } from './summary';

/**
 * `bottleneck analyze FILE --json`: the steady state as PRODUCT.md "The
 * command line" specifies it, its fields those of {@link SteadyState} and
 * {@link StageFlow} (documented there). JSON has no Infinity, so `load` and
 * `capacity_out` are `null` where they are not finite numbers.
 */
export interface AnalyzeJson {
  constraint: { kind: Constraint['kind']; stages: string[] };
  /** Per period: {@link SteadyState.units} and {@link SteadyState.money}. */
  throughput: Pick<SteadyState, 'units' | 'money'>;
  /** {@link SteadyState.operatingExpense}. */
  operating_expense: number;
  /** In grid order. */
  stages: StageFlow[];
}

const finiteOrNull = (x: number | null): number | null =>
  x !== null && Number.isFinite(x) ? x : null;

/** The analysis in the command line's JSON shape. */
export function analysisJson(analysis: Analysis): AnalyzeJson {
  const { flow, constraint } = analysis;
  return {
    constraint: { kind: constraint.kind, stages: [...constraint.stages] },
    throughput: { units: flow.units, money: flow.money },
    operating_expense: flow.operatingExpense,
    stages: flow.stages.map((s) => ({
      id: s.id,
      inflow: s.inflow,
      processed: s.processed,
      pileup: s.pileup,
      out: s.out,
      lost: s.lost,
      load: finiteOrNull(s.load),
      capacity_out: finiteOrNull(s.capacity_out),
    })),
  };
}

/** One cell issue as a line naming stage and field, e.g. `Stage "Contact" (contact), field "capacity": #DIV/0! …`. */
export function describeIssue(issue: CellIssue): string {
  return describeProblem({
    ...(issue.stageId !== undefined && { stageId: issue.stageId }),
    ...(issue.stageName !== undefined && { stageName: issue.stageName }),
    field: issue.field,
    message: issue.code ? `${issue.code} ${issue.message}` : issue.message,
  });
}

/**
 * Opens, evaluates and analyses a model file: the app's own core.
 *
 * @throws InputError when the file cannot be opened, or any cell has an
 *   error or an out-of-range value (the numbers would not be trustworthy)
 */
export async function analyzeFile(path: string): Promise<{ model: Model; analysis: Analysis }> {
  const model = await readModelFile(path);
  return { model, analysis: trustedAnalysis(path, model) };
}

/**
 * Evaluates and analyses a model read from `path`.
 *
 * @throws InputError when any cell has an error or an out-of-range value
 */
export function trustedAnalysis(path: string, model: Model): Analysis {
  const analysis = analyze(model, evaluateModel(model));
  if (analysis.issues.length > 0) {
    const n = analysis.issues.length;
    throw new InputError(
      `${path}: ${n === 1 ? 'a cell needs' : `${n} cells need`} fixing before the analysis can be trusted:\n` +
        analysis.issues.map((i) => `  ${describeIssue(i)}`).join('\n'),
    );
  }
  return analysis;
}

/** The `analyze` command. */
export const analyzeCommand: Command = {
  name: 'analyze',
  positionals: ['FILE'],
  synopsis: '[--json]',
  summary: 'the steady state of a model file: its constraint, throughput and every stage',
  help: `Opens a model file (format 1 JSON), evaluates its formulas and finds the constraint.

Options:
  --json      print the steady state as JSON:
              { "constraint": { "kind": "stage" | "market" | "tie", "stages": [ids] },
                "throughput": { "units", "money" }, "operating_expense",
                "stages": [{ "id", "inflow", "processed", "pileup", "out", "lost",
                             "load", "capacity_out" }] }
              Flows are items per period; money is per period. "load" and
              "capacity_out" are null when the stage's capacity is unlimited
              ("load" is also null for a capacity of 0 that items arrive at).
  -h, --help  show this help

A file that cannot be opened, or a cell with a formula error or an
out-of-range value, is reported on stderr with its stage and field (exit 1).`,
  options: { json: { type: 'boolean' } },
  async run({ values, positionals }) {
    const { model, analysis } = await analyzeFile(positionals[0] as string);
    return values.json === true ? toJson(analysisJson(analysis)) : summarize(model, analysis);
  },
};
