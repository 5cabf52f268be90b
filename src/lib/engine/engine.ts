import { DetailedCellError, HyperFormula, type SimpleCellAddress } from 'hyperformula';
import { HEADER_ROWS, FUNNEL_COLUMNS, LOOP_ROWS } from '../model/layout';
import { isBlank, isFormula } from '../model/number';
import { applyRowChange, type RowChange } from '../model/rows';
import {
  LOOP_NUMBER_FIELDS,
  STAGE_NUMBER_FIELDS,
  type Assumption,
  type Model,
  type Stage,
} from '../model/types';
import {
  assumptionExpression,
  funnelSheet,
  modelSheets,
  toContent,
  type RawContent,
} from './cells';
import { explainError, notANumber } from './errors';
import type { CellError, CellResult, EvaluatedModel, EvaluatedStage, SheetName } from './types';

/*
 * The only module that imports HyperFormula. Every stage field, assumption
 * and loop setting is a cell of a workbook with three sheets (Funnel,
 * Assumptions, Loop; see model/layout.ts); assumption names are named
 * expressions. Errors come back as values (CellResult), never as exceptions.
 */

// smartRounding off: results keep full double precision (=8/30 stays 0.2666…67, not
// 0.26666666666667), so chains of conversions multiply out exactly.
const CONFIG = {
  licenseKey: 'gpl-v3',
  maxRows: 10_000,
  maxColumns: 64,
  smartRounding: false,
} as const;

const FUNNEL = 0;
const ASSUMPTIONS = 1;
const LOOP = 2;
const VALUE_COLUMN = 1;

/** Why an assumption's name cannot be used in formulas, or null when it can. */
function nameProblem(
  hf: HyperFormula,
  name: string,
  earlier: Set<string>,
  row: number,
): CellError | null {
  if (name === '') return null;
  if (earlier.has(name.toLowerCase())) {
    return {
      code: '#NAME?',
      explanation: `"${name}" is already the name of another assumption; names must be unique.`,
    };
  }
  if (!hf.isItPossibleToAddNamedExpression(name, assumptionExpression(row))) {
    return {
      code: '#NAME?',
      explanation: `"${name}" can't be used as a name in formulas: start with a letter or _, use letters, digits, _ and ., and don't write a cell address like AE1.`,
    };
  }
  return null;
}

/** Reads one cell as a number result; the cell's own text tells blank from 0. */
function readNumber(hf: HyperFormula, address: SimpleCellAddress, text: string): CellResult {
  if (isBlank(text)) return { kind: 'blank' };
  const value = hf.getCellValue(address);
  if (value instanceof DetailedCellError) {
    return { kind: 'error', error: explainError(String(value.type), value.message ?? '') };
  }
  // A formula that points at an empty cell gives 0, as in any spreadsheet.
  if (value === null) return { kind: 'number', value: 0 };
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? { kind: 'number', value }
      : { kind: 'error', error: explainError('NUM', '') };
  }
  return { kind: 'error', error: notANumber(isFormula(text) ? String(value).toUpperCase() : text) };
}

/**
 * A live workbook for one model. Create it once, then call {@link update} with
 * each new version of the model: changed cells are set one by one (fast);
 * a change of stage count or assumption names rebuilds the workbook.
 */
export class FormulaEngine {
  #hf: HyperFormula;
  #model: Model;
  #nameErrors: (CellError | null)[] = [];

  /** Builds the workbook for `model`. */
  constructor(model: Model) {
    this.#model = model;
    this.#hf = this.#build(model);
  }

  #build(model: Model): HyperFormula {
    const hf = HyperFormula.buildFromSheets(modelSheets(model), CONFIG);
    const seen = new Set<string>();
    this.#nameErrors = model.assumptions.map((a, row) => {
      const name = a.name.trim();
      const problem = nameProblem(hf, name, seen, row);
      if (name !== '') seen.add(name.toLowerCase());
      if (problem === null && name !== '') hf.addNamedExpression(name, assumptionExpression(row));
      return problem;
    });
    return hf;
  }

  #rebuild(model: Model): void {
    this.#hf.destroy();
    this.#model = model;
    this.#hf = this.#build(model);
  }

  /** The model the workbook currently holds. */
  get model(): Model {
    return this.#model;
  }

  /**
   * Brings the workbook up to `model`, setting only the cells that changed.
   * Moving rows here does not rewrite references: use {@link restructure}.
   */
  update(model: Model): void {
    const old = this.#model;
    if (model === old) return;
    const sameShape =
      model.stages.length === old.stages.length &&
      model.assumptions.length === old.assumptions.length &&
      model.assumptions.every((a, i) => a.name === old.assumptions[i]?.name);
    if (!sameShape) {
      this.#rebuild(model);
      return;
    }
    const changes: [SimpleCellAddress, RawContent][] = [];
    const namesChanged = model.stages.some(
      (s, i) => s.name !== old.stages[i]?.name || s.next !== old.stages[i]?.next,
    );
    if (namesChanged) {
      // Column A and B hold names as text; refresh them all (a rename changes every "Feeds into").
      funnelSheet(model).forEach((row, r) => {
        if (r < HEADER_ROWS) return;
        changes.push([{ sheet: FUNNEL, row: r, col: 0 }, row[0] ?? null]);
        changes.push([{ sheet: FUNNEL, row: r, col: 1 }, row[1] ?? null]);
      });
    }
    model.stages.forEach((s, i) => {
      const before = old.stages[i] as Stage;
      STAGE_NUMBER_FIELDS.forEach((f) => {
        if (s[f] !== before[f]) {
          changes.push([
            { sheet: FUNNEL, row: i + HEADER_ROWS, col: FUNNEL_COLUMNS.indexOf(f) },
            toContent(s[f]),
          ]);
        }
      });
    });
    model.assumptions.forEach((a, i) => {
      const before = old.assumptions[i] as Assumption;
      if (a.value !== before.value) {
        changes.push([
          { sheet: ASSUMPTIONS, row: i + HEADER_ROWS, col: VALUE_COLUMN },
          toContent(a.value),
        ]);
      }
    });
    LOOP_ROWS.forEach((f, i) => {
      if (model.loop[f] !== old.loop[f]) {
        changes.push([
          { sheet: LOOP, row: i + HEADER_ROWS, col: VALUE_COLUMN },
          toContent(model.loop[f]),
        ]);
      }
    });
    this.#model = model;
    if (changes.length === 0) return;
    this.#hf.batch(() => {
      for (const [address, content] of changes) this.#hf.setCellContents(address, [[content]]);
    });
  }

  /** Every number cell of the current model, evaluated. */
  evaluate(): EvaluatedModel {
    const hf = this.#hf;
    const model = this.#model;
    const stages = model.stages.map((s, i) => {
      const out = {} as EvaluatedStage;
      for (const f of STAGE_NUMBER_FIELDS) {
        out[f] = readNumber(
          hf,
          { sheet: FUNNEL, row: i + HEADER_ROWS, col: FUNNEL_COLUMNS.indexOf(f) },
          s[f],
        );
      }
      return out;
    });
    const assumptions = model.assumptions.map((a, i): CellResult => {
      const nameError = this.#nameErrors[i];
      if (nameError) return { kind: 'error', error: nameError };
      return readNumber(
        hf,
        { sheet: ASSUMPTIONS, row: i + HEADER_ROWS, col: VALUE_COLUMN },
        a.value,
      );
    });
    const loop = Object.fromEntries(
      LOOP_NUMBER_FIELDS.map((f, i) => [
        f,
        readNumber(hf, { sheet: LOOP, row: i + HEADER_ROWS, col: VALUE_COLUMN }, model.loop[f]),
      ]),
    ) as EvaluatedModel['loop'];
    return { stages, assumptions, loop };
  }

  /**
   * Inserts, deletes or moves rows of a grid the way a spreadsheet does:
   * formulas anywhere in the model that refer to moved rows follow them, and
   * references to deleted rows become `#REF!`. The workbook then holds the
   * returned model.
   *
   * @param model the model before the change (the workbook is brought up to it first)
   * @param sheet which grid's rows change
   * @param change the row change; inserted rows carry their content
   * @returns the changed model with its formulas rewritten
   * @throws RangeError when the change falls outside the grid
   */
  restructure(model: Model, sheet: 'funnel', change: RowChange<Stage>): Model;
  restructure(model: Model, sheet: 'assumptions', change: RowChange<Assumption>): Model;
  restructure(
    model: Model,
    sheet: SheetName,
    change: RowChange<Stage> | RowChange<Assumption>,
  ): Model {
    this.update(model);
    const after: Model =
      sheet === 'funnel'
        ? { ...model, stages: applyRowChange(model.stages, change as RowChange<Stage>) }
        : {
            ...model,
            assumptions: applyRowChange(model.assumptions, change as RowChange<Assumption>),
          };
    const hf = this.#hf;
    const sheetId = sheet === 'funnel' ? FUNNEL : ASSUMPTIONS;
    switch (change.kind) {
      case 'insert':
        hf.addRows(sheetId, [change.at + HEADER_ROWS, change.rows.length]);
        break;
      case 'delete':
        hf.removeRows(sheetId, [change.at + HEADER_ROWS, change.count]);
        break;
      case 'move':
        hf.moveRows(sheetId, change.from + HEADER_ROWS, change.count, change.to + HEADER_ROWS);
        break;
    }
    const rewritten = this.#withRewrittenFormulas(after);
    this.#rebuild(rewritten);
    return rewritten;
  }

  /** Takes each formula as HyperFormula now holds it, where it differs from the model's text. */
  #withRewrittenFormulas(after: Model): Model {
    const hf = this.#hf;
    const rewrite = (text: string, sheet: number, row: number, col: number): string => {
      if (!isFormula(text)) return text;
      const now = hf.getCellFormula({ sheet, row: row + HEADER_ROWS, col });
      if (now === undefined) return text;
      return hf.normalizeFormula(text.trim()) === now ? text : now;
    };
    const stages = after.stages.map((s, i) => {
      const out = { ...s };
      for (const f of STAGE_NUMBER_FIELDS)
        out[f] = rewrite(s[f], FUNNEL, i, FUNNEL_COLUMNS.indexOf(f));
      return out;
    });
    const assumptions = after.assumptions.map((a, i) => ({
      ...a,
      value: rewrite(a.value, ASSUMPTIONS, i, VALUE_COLUMN),
    }));
    const loop = { ...after.loop };
    LOOP_ROWS.forEach((f, i) => {
      loop[f] = rewrite(after.loop[f], LOOP, i, VALUE_COLUMN);
    });
    return { ...after, stages, assumptions, loop };
  }

  /** Frees the workbook. */
  destroy(): void {
    this.#hf.destroy();
  }
}

/**
 * Evaluates a model once (the command line and tests).
 *
 * @returns every number cell, evaluated
 */
export function evaluateModel(model: Model): EvaluatedModel {
  const engine = new FormulaEngine(model);
  try {
    return engine.evaluate();
  } finally {
    engine.destroy();
  }
}
