import { blankStage, uniqueStageId } from './defaults';
import { EditError, setAssumptionField, setStageCell, setStageName, setStageNext } from './edits';
import { ASSUMPTION_COLUMNS, FUNNEL_COLUMNS, type FunnelColumn } from './layout';
import { LIMITS } from './limits';
import { renameAssumption } from './rename';
import { shiftReferences } from './shift';
import type { Model, StageId } from './types';

/*
 * Edits by grid position: what typing, clearing and pasting into the Funnel
 * and Assumptions grids do to the model. Pure functions; one call is one undo
 * step for the caller.
 */

/** An assumption grid column. */
export type AssumptionColumn = (typeof ASSUMPTION_COLUMNS)[number];

/**
 * Finds the stage a "Feeds into" text names: blank → end of the funnel;
 * otherwise a stage id or name (case-insensitive).
 *
 * @throws EditError when no stage matches
 */
export function resolveNext(model: Model, text: string): StageId | null {
  const t = text.trim().toLowerCase();
  if (t === '' || t === '—' || t === 'end' || t === '(end)') return null;
  const found =
    model.stages.find((s) => s.id.toLowerCase() === t) ??
    model.stages.find((s) => s.name.trim().toLowerCase() === t);
  if (!found) throw new EditError(`"Feeds into": no stage is called "${text.trim()}".`);
  return found.id;
}

/**
 * Sets one funnel cell from typed or pasted text.
 *
 * @throws EditError for a blank name, an unknown or circular "Feeds into", or too long a text
 */
export function setFunnelCell(
  model: Model,
  row: number,
  column: FunnelColumn,
  text: string,
): Model {
  if (column === 'name') return setStageName(model, row, text);
  if (column === 'next') return setStageNext(model, row, resolveNext(model, text));
  return setStageCell(model, row, column, text.trim());
}

/** Sets one assumption cell; renaming rewrites every formula that uses the old name. */
export function setAssumptionCell(
  model: Model,
  row: number,
  column: AssumptionColumn,
  text: string,
): Model {
  if (column === 'name') {
    const name = text.trim();
    if (name.length > LIMITS.name)
      throw new EditError(`A name holds at most ${LIMITS.name} characters.`);
    return renameAssumption(model, row, name);
  }
  return setAssumptionField(model, row, column, column === 'value' ? text.trim() : text);
}

/** New stages appended to hold `count` more pasted rows, chained after the last stage. */
function appendStages(model: Model, count: number): Model {
  if (model.stages.length + count > LIMITS.stages) {
    throw new EditError(`A model holds at most ${LIMITS.stages} stages.`);
  }
  const stages = [...model.stages];
  for (let k = 0; k < count; k++) {
    const name = `Stage ${stages.length + 1}`;
    const stage = blankStage(
      uniqueStageId(
        name,
        stages.map((s) => s.id),
      ),
      name,
    );
    const last = stages.at(-1);
    if (last && last.next === null) stages[stages.length - 1] = { ...last, next: stage.id };
    stages.push(stage);
  }
  return { ...model, stages };
}

/** A pasted "Feeds into" cell that was not applied, and why. */
export interface UnappliedLink {
  /** The stage's row (0-based). */
  row: number;
  /** The pasted text, as pasted. */
  text: string;
  /** Why it was not applied, e.g. `"Feeds into": no stage is called "Nowhere".` */
  reason: string;
}

/**
 * Pastes a block of text cells into the Funnel grid at (row, column),
 * appending stages when the block runs past the last one. Columns past the
 * editable ones are ignored. "Feeds into" cells are applied last so they can
 * name stages the same paste created or renamed; blank ones keep the link the
 * stage has (pasted tables rarely say where a stage feeds, and appended
 * stages come linked in a chain). A "Feeds into" that names no stage, or
 * would make a circle, is not applied (its stage keeps its link) and is
 * reported; the rest of the block is pasted.
 *
 * @param block rows of cells (tab-separated text already split)
 * @returns the pasted model, and the "Feeds into" cells left as they were
 * @throws EditError naming the first other cell that cannot be set (a blank
 *   name, too long a text, too many stages); nothing is changed then
 */
export function pasteFunnel(
  model: Model,
  row: number,
  column: number,
  block: string[][],
): { model: Model; unapplied: UnappliedLink[] } {
  const extra = row + block.length - model.stages.length;
  let next = extra > 0 ? appendStages(model, extra) : model;
  const links: [number, string][] = [];
  block.forEach((cells, i) => {
    cells.forEach((text, j) => {
      const col = FUNNEL_COLUMNS[column + j];
      if (col === undefined) return;
      if (col === 'next') {
        if (text.trim() !== '') links.push([row + i, text]);
      } else next = setFunnelCell(next, row + i, col, text);
    });
  });
  const unapplied: UnappliedLink[] = [];
  for (const [r, text] of links) {
    try {
      next = setFunnelCell(next, r, 'next', text);
    } catch (error) {
      if (!(error instanceof EditError)) throw error;
      unapplied.push({ row: r, text, reason: error.message });
    }
  }
  return { model: next, unapplied };
}

/**
 * Clears the cells of a rectangle one by one with `set(model, row, column, '')`,
 * skipping the name column (a name is never blank) and rows that do not exist.
 */
function clearRect<C extends string>(
  model: Model,
  rows: [number, number],
  columns: [number, number],
  layout: readonly C[],
  rowCount: number,
  set: (model: Model, row: number, column: C, text: string) => Model,
): Model {
  let next = model;
  for (let r = rows[0]; r <= Math.min(rows[1], rowCount - 1); r++) {
    for (let c = columns[0]; c <= columns[1]; c++) {
      const col = layout[c];
      if (col !== undefined && col !== 'name') next = set(next, r, col, '');
    }
  }
  return next;
}

/**
 * Clears funnel cells in a rectangle (Delete key). Names cannot be blank and
 * are left as they are; "Feeds into" becomes the end of the funnel.
 */
export function clearFunnel(
  model: Model,
  rows: [number, number],
  columns: [number, number],
): Model {
  return clearRect(model, rows, columns, FUNNEL_COLUMNS, model.stages.length, setFunnelCell);
}

/**
 * Fills the top row of a rectangle down through the rest (Ctrl+D), as a
 * spreadsheet does: a formula's relative references move with the row
 * (`=C2*2` filled into row 4 reads `=C4*2`; see {@link shiftReferences}).
 */
export function fillDownFunnel(
  model: Model,
  rows: [number, number],
  columns: [number, number],
): Model {
  const top = model.stages[rows[0]];
  if (!top) return model;
  let next = model;
  for (let c = columns[0]; c <= columns[1]; c++) {
    const col = FUNNEL_COLUMNS[c];
    if (col === undefined || col === 'name') continue;
    const text = col === 'next' ? (top.next ?? '') : top[col];
    for (let r = rows[0] + 1; r <= rows[1]; r++) {
      if (next.stages[r] && !(col === 'next' && next.stages[r]?.id === top.next)) {
        next = setFunnelCell(next, r, col, shiftReferences(text, r - rows[0], 0));
      }
    }
  }
  return next;
}

/**
 * Pastes a block into the Assumptions grid, appending assumptions as needed.
 *
 * @throws EditError when the model would hold too many assumptions
 */
export function pasteAssumptions(
  model: Model,
  row: number,
  column: number,
  block: string[][],
): Model {
  const extra = row + block.length - model.assumptions.length;
  if (model.assumptions.length + Math.max(0, extra) > LIMITS.assumptions) {
    throw new EditError(`A model holds at most ${LIMITS.assumptions} assumptions.`);
  }
  let next: Model =
    extra > 0
      ? {
          ...model,
          assumptions: [
            ...model.assumptions,
            ...Array.from({ length: extra }, () => ({ name: '', value: '', note: '' })),
          ],
        }
      : model;
  block.forEach((cells, i) => {
    cells.forEach((text, j) => {
      const col = ASSUMPTION_COLUMNS[column + j];
      if (col !== undefined) next = setAssumptionCell(next, row + i, col, text);
    });
  });
  return next;
}

/** Clears assumption cells in a rectangle (names stay). */
export function clearAssumptions(
  model: Model,
  rows: [number, number],
  columns: [number, number],
): Model {
  return clearRect(
    model,
    rows,
    columns,
    ASSUMPTION_COLUMNS,
    model.assumptions.length,
    setAssumptionCell,
  );
}
