import { STAGE_FIELD_LABELS } from '../../model/fields';
import type { Model } from '../../model/types';
import type { ApplyStep } from './plan';

/*
 * The sentences of applying a what-if: the notice after it ("Applied: …")
 * and the question before overwriting a formula. Cell texts are quoted as
 * the user typed them (`=AEs*50`, `35%`), so they match the grid's editor.
 */

/** "Demo capacity" for a step's cell, by the stage's name in `model`. */
function cellName(model: Model, step: ApplyStep): string {
  const stage = model.stages.find((s) => s.id === step.stageId);
  return `${stage?.name ?? step.stageId} ${STAGE_FIELD_LABELS[step.field].toLowerCase()}`;
}

/** A blank cell's text shown as "blank" rather than as nothing. */
const shown = (text: string) => (text.trim() === '' ? 'blank' : text);

/** What one step did, e.g. "AEs 4 → 40 (Demo capacity =AEs*50 now gives 2000)". */
function stepText(model: Model, step: ApplyStep): string {
  const cell = cellName(model, step);
  switch (step.kind) {
    case 'cell':
      return `${cell} ${shown(step.from)} → ${step.text}`;
    case 'assumption':
      return `${step.name} ${shown(step.from)} → ${step.text} (${cell} ${step.formula} now gives ${step.target})`;
    case 'overwrite':
      return `${cell} ${step.formula} → ${step.text}`;
  }
}

/**
 * The notice after applying: "Applied: AEs 4 → 40 (Demo capacity =AEs*50
 * now gives 2000)." — every step, in order.
 *
 * @param model the model before applying (its stage names)
 */
export function appliedText(model: Model, steps: readonly ApplyStep[]): string {
  return `Applied: ${steps.map((s) => stepText(model, s)).join('; ')}.`;
}

/**
 * The question before overwriting formulas: "Demo capacity (E3) holds the
 * formula =AEs*C2/1250. Applying replaces it with the number 2000." — one
 * sentence pair per formula, and the other steps after it.
 *
 * @param model the model before applying
 */
export function overwriteQuestion(model: Model, steps: readonly ApplyStep[]): string {
  const overwrites = steps.filter((s) => s.kind === 'overwrite');
  const parts = overwrites.map(
    (s) =>
      `${cellName(model, s)} (${s.address}) holds the formula ${s.formula}. Applying replaces it with the number ${s.text}.`,
  );
  const rest = steps.filter((s) => s.kind !== 'overwrite').map((s) => stepText(model, s));
  if (rest.length > 0) parts.push(`It also sets ${rest.join('; ')}.`);
  return parts.join(' ');
}
