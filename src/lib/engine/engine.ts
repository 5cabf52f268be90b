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
import { funnelSheet, toContent, type RawContent } from './cells';
import { explainError, notANumber } from './errors';
import { notRun, tooSlow } from './guard';
import { cellKey, CostCache, REFUSED_CONTENT, refusalsOf, type KnownRefusal } from './refusals';
import { buildWorkbook, type CarefulBuild } from './workbook';
import type {
  CellError,
  CellResult,
  EvaluatedModel,
  EvaluatedStage,
  SheetName,
  SlowCell,
} from './types';

/*
 * The only module that imports HyperFormula (with refusals.ts, its plugin).
 * Every stage field, assumption and loop setting is a cell of a workbook
 * with three sheets (Funnel, Assumptions, Loop; see model/layout.ts);
 * assumption names are named expressions. Errors come back as values
 * (CellResult), never as exceptions: a formula that would overflow the
 * engine is refused before it sees it (guard.ts), and one that still makes
 * it throw is found by adding the formulas one at a time, and refused.
 */

const FUNNEL = 0;
const ASSUMPTIONS = 1;
const LOOP = 2;
const VALUE_COLUMN = 1;

/** Reads one cell as a number result; the cell's own text tells blank from 0. */
function readNumber(
  hf: HyperFormula,
  address: SimpleCellAddress,
  text: string,
  refusals: ReadonlyMap<string, CellError>,
): CellResult {
  if (isBlank(text)) return { kind: 'blank' };
  const refusal = refusals.get(cellKey(address));
  if (refusal) return { kind: 'error', error: refusal };
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

/** How a {@link FormulaEngine} builds its workbook. */
export interface EngineOptions {
  /** Formulas the compute watchdog stopped: refused while their text is the same. */
  slow?: readonly SlowCell[];
  /**
   * Careful first build (after the watchdog stopped a compute): every formula
   * is added on its own and watched (see {@link CarefulBuild}).
   */
  careful?: CarefulBuild;
  /** Opened safely: no formula is evaluated; each shows why (guard.ts notRun). */
  skipFormulas?: boolean;
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
  /** Formula cells HyperFormula holds as refused (REFUSED_CONTENT), by cellKey, with their errors. */
  #refusals = new Map<string, CellError>();
  #costs = new CostCache();
  /** Refusals found by building (a throw, a slow formula) or told (`slow`): kept while the text is the same. */
  readonly #known = new Map<string, KnownRefusal>();
  readonly #notRun: CellError | null;

  /**
   * Builds the workbook for `model`.
   *
   * @param options watchdog findings and the careful build (see {@link EngineOptions})
   */
  constructor(model: Model, options: EngineOptions = {}) {
    for (const cell of options.slow ?? []) {
      this.#known.set(cellKey(cell), { text: cell.text, error: tooSlow(cell.seconds) });
    }
    this.#notRun = options.skipFormulas ? notRun() : null;
    this.#model = model;
    this.#hf = this.#build(model, options.careful);
  }

  /** Builds the workbook; a formula HyperFormula throws on (or, careful, a slow one) is found and refused. */
  #build(model: Model, careful?: CarefulBuild): HyperFormula {
    this.#refusals = refusalsOf(model, this.#costs, this.#known, this.#notRun);
    const built = buildWorkbook(model, this.#refusals, careful, (cell, error) =>
      this.#known.set(cellKey(cell), { text: cell.text, error }),
    );
    this.#nameErrors = built.nameErrors;
    return built.hf;
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
    const refusals = refusalsOf(model, this.#costs, this.#known, this.#notRun);
    const content = (sheet: number, row: number, col: number, text: string): RawContent =>
      refusals.has(cellKey({ sheet, row, col })) ? REFUSED_CONTENT : toContent(text);
    const refusalChanged = (sheet: number, row: number, col: number): boolean => {
      const key = cellKey({ sheet, row, col });
      return refusals.has(key) !== this.#refusals.has(key);
    };
    model.stages.forEach((s, i) => {
      const before = old.stages[i] as Stage;
      STAGE_NUMBER_FIELDS.forEach((f) => {
        const [row, col] = [i + HEADER_ROWS, FUNNEL_COLUMNS.indexOf(f)];
        if (s[f] !== before[f] || refusalChanged(FUNNEL, row, col)) {
          changes.push([{ sheet: FUNNEL, row, col }, content(FUNNEL, row, col, s[f])]);
        }
      });
    });
    model.assumptions.forEach((a, i) => {
      const before = old.assumptions[i] as Assumption;
      const row = i + HEADER_ROWS;
      if (a.value !== before.value || refusalChanged(ASSUMPTIONS, row, VALUE_COLUMN)) {
        changes.push([
          { sheet: ASSUMPTIONS, row, col: VALUE_COLUMN },
          content(ASSUMPTIONS, row, VALUE_COLUMN, a.value),
        ]);
      }
    });
    LOOP_ROWS.forEach((f, i) => {
      const row = i + HEADER_ROWS;
      if (model.loop[f] !== old.loop[f] || refusalChanged(LOOP, row, VALUE_COLUMN)) {
        changes.push([
          { sheet: LOOP, row, col: VALUE_COLUMN },
          content(LOOP, row, VALUE_COLUMN, model.loop[f]),
        ]);
      }
    });
    this.#model = model;
    this.#refusals = refusals;
    if (changes.length === 0) return;
    try {
      this.#hf.batch(() => {
        for (const [address, content] of changes) this.#hf.setCellContents(address, [[content]]);
      });
    } catch {
      // A formula made HyperFormula throw, which may leave it half-updated: rebuild (and find it).
      this.#rebuild(model);
    }
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
          this.#refusals,
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
        this.#refusals,
      );
    });
    const loop = Object.fromEntries(
      LOOP_NUMBER_FIELDS.map((f, i) => [
        f,
        readNumber(
          hf,
          { sheet: LOOP, row: i + HEADER_ROWS, col: VALUE_COLUMN },
          model.loop[f],
          this.#refusals,
        ),
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
      // A refused formula keeps its text as typed (HyperFormula never parsed it).
      if (now === undefined || now === REFUSED_CONTENT) return text;
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
