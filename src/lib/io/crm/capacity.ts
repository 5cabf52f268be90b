import type { Model } from '../../model/types';
import type { CapacitySuggestion } from './types';

/** Assumption names are letters, digits and `_`; anything else becomes `_`. */
const safeName = (s: string) => s.replace(/[^A-Za-z0-9_]+/g, '_');

/**
 * Accepts a capacity suggestion: adds an assumption holding the observed
 * capacity (`busiest_month` = 207) and sets the stage's capacity to it
 * (`=busiest_month`), so the grid says where the number came from. Only
 * called when the user accepts: imports never set capacity themselves.
 *
 * @param model the imported model
 * @param suggestion one of `CrmResult.capacity`
 * @param wording the assumption's name and note, when the defaults do not fit
 * @returns a new model (the input is not changed)
 */
export function applyCapacitySuggestion(
  model: Model,
  suggestion: CapacitySuggestion,
  wording: { name?: string; note?: string } = {},
): Model {
  const taken = new Set(model.assumptions.map((a) => a.name.toLowerCase()));
  let name = wording.name ?? `busiest_${suggestion.period}`;
  if (taken.has(name.toLowerCase())) name = safeName(`${name}_${suggestion.stageId}`);
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${name}_${n}`;
  const note =
    wording.note ??
    `most items "${suggestion.stageName}" handled in one ${suggestion.period} (${suggestion.periodKey}): observed capacity`;
  return {
    ...model,
    assumptions: [...model.assumptions, { name, value: String(suggestion.capacity), note }],
    stages: model.stages.map((s) =>
      s.id === suggestion.stageId ? { ...s, capacity: `=${name}` } : s,
    ),
  };
}
