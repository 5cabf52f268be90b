/**
 * One thing wrong with a model document, located as precisely as possible so
 * the message can name the stage and the field.
 */
export interface ModelProblem {
  /** Id of the stage at fault, when a stage is. */
  stageId?: string;
  /** Name of that stage, when it has one. */
  stageName?: string;
  /** 1-based row of that stage in the grid. */
  stageRow?: number;
  /** The field at fault, named as in the model file (`conversion`, `loop.entry`, …). */
  field?: string;
  /** What is wrong, in plain words. */
  message: string;
}

/** Formats a problem as one line, e.g. `Stage "Meetings" (meetings), field "lag": must be a whole number`. */
export function describeProblem(p: ModelProblem): string {
  const where: string[] = [];
  if (p.stageName !== undefined || p.stageId !== undefined) {
    const label = p.stageName ? `"${p.stageName}"` : p.stageRow ? `#${p.stageRow}` : '';
    const id = p.stageId !== undefined && p.stageId !== p.stageName ? `(${p.stageId})` : '';
    where.push(['Stage', label, id].filter(Boolean).join(' '));
  } else if (p.stageRow !== undefined) {
    where.push(`Stage #${p.stageRow}`);
  }
  if (p.field) where.push(`field "${p.field}"`);
  return where.length > 0 ? `${where.join(', ')}: ${p.message}` : p.message;
}

/** How a sentence names a top-level field of the document. */
const FIELD_WORDS: Record<string, string> = {
  name: "the model's name",
  period: 'the period',
  horizon: 'the horizon',
  currency: 'the currency',
  stages: 'the list of stages',
  assumptions: 'the list of assumptions',
  'loop.entry': "the loop's entry stage",
};

/**
 * A problem as part of a sentence for someone who never saw the file: a
 * top-level field named in words (`the horizon must be 1–520 periods`), any
 * other problem as {@link describeProblem} says it; no final full stop.
 */
export function problemSentence(p: ModelProblem): string {
  const words =
    p.field !== undefined && p.stageId === undefined && p.stageRow === undefined
      ? FIELD_WORDS[p.field]
      : undefined;
  const sentence = words ? `${words} ${p.message}` : describeProblem(p);
  return sentence.replace(/\.$/, '');
}

/**
 * A model document that cannot be opened. `message` is the first problem in
 * plain words (plus how many more); `problems` lists them all.
 */
export class ModelError extends Error {
  /** Every problem found, in document order. */
  readonly problems: readonly ModelProblem[];

  /** @param problems at least one problem */
  constructor(problems: readonly ModelProblem[]) {
    const first = problems[0] ? describeProblem(problems[0]) : 'The model is not valid.';
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    super(first + more);
    this.name = 'ModelError';
    this.problems = problems;
  }
}
