import { analyze, type Analysis } from '../lib/analysis/analyze';
import type { BindsFirst, Constraint, Throughput } from '../lib/analysis/constraint';
import type { CellIssue } from '../lib/analysis/inputs';
import type { StageFlow, SteadyState } from '../lib/analysis/steady';
import { evaluateModel } from '../lib/engine/engine';
import { describeProblem } from '../lib/model/errors';
import type { Model } from '../lib/model/types';
import { InputError, type Command } from './command';
import { readModelFile, toJson } from './io';
import { summarize } from './summary';

/** Items and money per period; `null` where unlimited (JSON has no Infinity). */
export interface ThroughputJson {
  units: number | null;
  money: number | null;
}

/**
 * One binding stage, or a chain tie's stages (Binding in analysis/constraint.ts): what +10 % of
 * its capacity adds per period (`marginal`) and what unlimited capacity there
 * adds (`held_back`; `null` numbers with `compounds`: the loop then compounds).
 */
export interface BindingJson {
  stages: string[];
  marginal: ThroughputJson;
  held_back: ThroughputJson;
  compounds: boolean;
}

/**
 * The constraint and the facts behind it ({@link Constraint} and its Verdicts):
 * - `binding`: every binding stage or chain tie, ranked by what +10 % of
 *   capacity adds (the objective: money when any stage has a value or a
 *   variable cost, else units), then by what it holds back; the first is the
 *   constraint. Empty for the market and for a constraint tied with demand.
 * - `with_demand`: the stage(s) run at exactly 100 % load and nothing binds
 *   (false for the market).
 * - `together` (kind `tie` only): what lifting every tied stage at once adds.
 * - `chain` (kind `tie` only): the stages raise throughput only together.
 * - `binds_first` (kind `market` only): the stage that binds first as every
 *   arrival grows by one factor, `null` when no stage with a finite capacity
 *   receives anything.
 * - `adds_nothing`, `overproduction`, `near_capacity` (load over 85 %):
 *   stage ids in grid order.
 */
export interface ConstraintJson {
  kind: Constraint['kind'];
  stages: string[];
  binding: BindingJson[];
  with_demand: boolean;
  together?: { marginal: ThroughputJson; held_back: ThroughputJson };
  chain?: boolean;
  binds_first?: BindsFirst | null;
  adds_nothing: string[];
  overproduction: string[];
  near_capacity: string[];
}

/**
 * `bottleneck analyze FILE --json`: the steady state as PRODUCT.md "The
 * command line" specifies it, its fields those of {@link SteadyState} and
 * {@link StageFlow} (documented there), plus the constraint's facts. JSON has
 * no Infinity, so `load` and `capacity_out` are `null` where they are not
 * finite numbers.
 */
export interface AnalyzeJson {
  constraint: ConstraintJson;
  /** Per period: {@link SteadyState.units} and {@link SteadyState.money}. */
  throughput: Pick<SteadyState, 'units' | 'money'>;
  /** {@link SteadyState.operatingExpense}. */
  operating_expense: number;
  /** In grid order. */
  stages: StageFlow[];
  /**
   * False in pull when the loop compounds (K ≥ 1 and no capacity on its path
   * stops it): everything above is then the funnel at `snapshot.period`.
   */
  steady_state: boolean;
  /** With `steady_state: false`: why (the loop's message). `null` otherwise. */
  no_steady_state: string | null;
  /**
   * With `steady_state: false`: the simulated period the numbers are of (the
   * horizon) and the referred leads per period entering then. `null` otherwise.
   */
  snapshot: { period: number; referred_leads: number } | null;
}

const finiteOrNull = (x: number | null): number | null =>
  x !== null && Number.isFinite(x) ? x : null;

const throughputJson = (t: Throughput): ThroughputJson => ({
  units: finiteOrNull(t.units),
  money: finiteOrNull(t.money),
});

/** The constraint and its verdicts in the JSON shape. */
function constraintJson(c: Constraint): ConstraintJson {
  const kindFacts =
    c.kind === 'market'
      ? { with_demand: false, binds_first: c.bindsFirst }
      : c.kind === 'tie'
        ? {
            with_demand: c.withDemand,
            together: {
              marginal: throughputJson(c.together.marginal),
              held_back: throughputJson(c.together.heldBack),
            },
            chain: c.chain,
          }
        : { with_demand: c.withDemand };
  return {
    kind: c.kind,
    stages: [...c.stages],
    binding: c.binding.map((b) => ({
      stages: [...b.stages],
      marginal: throughputJson(b.marginal),
      held_back: throughputJson(b.heldBack),
      compounds: b.compounds,
    })),
    ...kindFacts,
    adds_nothing: [...c.addsNothing],
    overproduction: [...c.overproduction],
    near_capacity: [...c.nearCapacity],
  };
}

/** The analysis in the command line's JSON shape. */
export function analysisJson(analysis: Analysis): AnalyzeJson {
  const { flow, constraint, snapshot } = analysis;
  return {
    constraint: constraintJson(constraint),
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
    steady_state: analysis.compounds === null,
    no_steady_state: analysis.compounds,
    snapshot: snapshot && { period: snapshot.period, referred_leads: snapshot.referred },
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
              { "constraint": { "kind": "stage" | "market" | "tie", "stages": [ids],
                  "binding": [{ "stages", "marginal": { "units", "money" },
                                "held_back": { "units", "money" }, "compounds" }],
                  "with_demand", "together" (tie), "chain" (tie),
                  "binds_first" (market), "adds_nothing", "overproduction",
                  "near_capacity" },
                "throughput": { "units", "money" }, "operating_expense",
                "stages": [{ "id", "inflow", "processed", "pileup", "out", "lost",
                             "load", "capacity_out" }],
                "steady_state", "no_steady_state", "snapshot" }
              Flows are items per period; money is per period. "binding" is
              ranked by what +10 % of capacity adds ("marginal"), then by
              what unlimited capacity adds ("held_back"); the first is the
              constraint. "with_demand": the constraint runs at exactly 100 %
              load. "near_capacity": load over 85 %. "load" and
              "capacity_out" are null when the stage's capacity is unlimited
              ("load" is also null for a capacity of 0 that items arrive at).
              In pull with no steady state (the loop compounds),
              "steady_state" is false, "no_steady_state" says why and every
              number is of "snapshot": { "period", "referred_leads" }.
  -h, --help  show this help

A file that cannot be opened, or a cell with a formula error or an
out-of-range value, is reported on stderr with its stage and field (exit 1).`,
  options: { json: { type: 'boolean' } },
  async run({ values, positionals }) {
    const { model, analysis } = await analyzeFile(positionals[0] as string);
    return values.json === true ? toJson(analysisJson(analysis)) : summarize(model, analysis);
  },
};
