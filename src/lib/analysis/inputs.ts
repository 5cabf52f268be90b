import type { CellErrorCode, CellResult, EvaluatedModel } from '../engine/types';
import { LOOP_FIELD_LABELS, STAGE_FIELD_LABELS } from '../model/fields';
import { flowOrder } from '../model/graph';
import type { LoopNumberField, Model, StageId, StageNumberField } from '../model/types';

/**
 * One stage's numbers, defaults applied (PRODUCT.md "blank means").
 * Units: `arrivals`, `capacity` items per period (`Infinity` = unlimited);
 * `conversion` 0–1; `lag` whole periods; `cost_per_period` money per period;
 * `cost_per_item`, `value`, `variable_cost` money per item.
 */
export interface StageInputs extends Record<StageNumberField, number> {
  id: StageId;
  name: string;
  next: StageId | null;
}

/** The loop's numbers: referrals per customer, lag (periods), churn (0–1), market (customers, `Infinity` = no limit), existing customers. */
export type LoopInputs = Record<LoopNumberField, number> & {
  enabled: boolean;
  entry: StageId | null;
};

/**
 * A cell the analysis cannot trust: a formula error, text, or a value out of
 * range. `stageId` is absent for assumptions and loop settings.
 */
export interface CellIssue {
  stageId?: StageId;
  stageName?: string;
  /** The field as in the model file (`conversion`, `loop.churn`, `assumptions.AEs`). */
  field: string;
  /** The column header users see. */
  label: string;
  kind: 'error' | 'range';
  code?: CellErrorCode;
  message: string;
}

/** Everything the analysis needs, as plain numbers. */
export interface FlowInputs {
  /** Stages in grid order. */
  stages: StageInputs[];
  /** Indexes into `stages` in flow order (feeders first). */
  order: number[];
  loop: LoopInputs;
  /** Cells that block a trustworthy analysis, in grid order. */
  issues: CellIssue[];
}

interface Rule {
  blank: number;
  min: number;
  max: number;
  integer?: boolean;
  /** The range in words, for messages. */
  range: string;
}

const COUNT: Rule = { blank: 0, min: 0, max: Infinity, range: '0 or more' };
const MONEY: Rule = COUNT;

const STAGE_RULES: Record<StageNumberField, Rule> = {
  arrivals: COUNT,
  conversion: { blank: 1, min: 0, max: 1, range: 'between 0 % and 100 %' },
  capacity: { blank: Infinity, min: 0, max: Infinity, range: '0 or more (blank = unlimited)' },
  lag: { blank: 0, min: 0, max: 520, integer: true, range: 'a whole number of periods, 0 or more' },
  cost_per_period: MONEY,
  cost_per_item: MONEY,
  value: MONEY,
  variable_cost: MONEY,
};

const LOOP_RULES: Record<LoopNumberField, Rule> = {
  referrals: COUNT,
  lag: { blank: 1, min: 1, max: 520, integer: true, range: 'a whole number of periods, 1 or more' },
  churn: { blank: 0, min: 0, max: 1, range: 'between 0 % and 100 %' },
  market: { blank: Infinity, min: 0, max: Infinity, range: '0 or more (blank = no limit)' },
  customers: COUNT,
};

const percent = (x: number) => `${+(x * 100).toPrecision(6)} %`;

/** Why a number is out of its field's range, or null when it is fine. */
function rangeProblem(value: number, rule: Rule, isRate: boolean): string | null {
  const shown = isRate ? percent(value) : String(+value.toPrecision(8));
  if (value < rule.min || value > rule.max) {
    // 40 in a conversion cell reads as 4,000 %: the user likely meant 40 %. (140 % is
    // just too high, and "1.4 %" would be a guess.)
    const hint =
      isRate && value >= 2 && value <= 100 ? ` Did you mean ${+value.toPrecision(6)} %?` : '';
    return `${shown} is out of range: it must be ${rule.range}.${hint}`;
  }
  if (rule.integer && !Number.isInteger(value)) return `${shown} must be ${rule.range}.`;
  return null;
}

/**
 * Reads one evaluated cell: its number, or the field's default (errors) or the
 * nearest value in range (out-of-range), with an issue saying so.
 */
function read(
  cell: CellResult,
  rule: Rule,
  isRate: boolean,
  where: Omit<CellIssue, 'kind' | 'message' | 'code'>,
  issues: CellIssue[],
): number {
  if (cell.kind === 'blank') return rule.blank;
  if (cell.kind === 'error') {
    issues.push({
      ...where,
      kind: 'error',
      code: cell.error.code,
      message: cell.error.explanation,
    });
    return rule.blank;
  }
  const problem = rangeProblem(cell.value, rule, isRate);
  if (problem === null) return cell.value;
  issues.push({ ...where, kind: 'range', message: problem });
  const clamped = Math.min(rule.max, Math.max(rule.min, cell.value));
  return rule.integer ? Math.round(clamped) : clamped;
}

/**
 * Turns the evaluated model into the analysis's plain numbers.
 *
 * Cells with errors take the field's blank default and out-of-range values
 * the nearest value in range, so the flow can still be drawn, but each one is
 * listed in `issues`: the analysis is not to be trusted until they are fixed.
 * Loop cells are only checked when the loop is on.
 */
export function readInputs(model: Model, evaluated: EvaluatedModel): FlowInputs {
  const issues: CellIssue[] = [];
  evaluated.assumptions.forEach((cell, i) => {
    const a = model.assumptions[i];
    if (a && cell.kind === 'error') {
      issues.push({
        field: `assumptions.${a.name || i + 1}`,
        label: `Assumption ${a.name || `#${i + 1}`}`,
        kind: 'error',
        code: cell.error.code,
        message: cell.error.explanation,
      });
    }
  });
  const stages = model.stages.map((s, i): StageInputs => {
    const cells = evaluated.stages[i];
    const out = { id: s.id, name: s.name, next: s.next } as StageInputs;
    for (const f of Object.keys(STAGE_RULES) as StageNumberField[]) {
      const where = { stageId: s.id, stageName: s.name, field: f, label: STAGE_FIELD_LABELS[f] };
      out[f] = read(
        cells?.[f] ?? { kind: 'blank' },
        STAGE_RULES[f],
        f === 'conversion',
        where,
        issues,
      );
    }
    return out;
  });
  const { loop, issues: loopIssues } = readLoop(model, evaluated);
  if (model.loop.enabled) issues.push(...loopIssues);
  return { stages, order: flowOrder(model.stages), loop, issues };
}

/**
 * Reads the loop's cells, whatever the growth mode (the pull curve is drawn
 * in push too): numbers with defaults applied, and the cells to fix.
 */
export function readLoop(
  model: Model,
  evaluated: EvaluatedModel,
): { loop: LoopInputs; issues: CellIssue[] } {
  const issues: CellIssue[] = [];
  const loop = { enabled: model.loop.enabled, entry: model.loop.entry } as LoopInputs;
  for (const f of Object.keys(LOOP_RULES) as LoopNumberField[]) {
    const where = { field: `loop.${f}`, label: LOOP_FIELD_LABELS[f] };
    loop[f] = read(evaluated.loop[f], LOOP_RULES[f], f === 'churn', where, issues);
  }
  return { loop, issues };
}
