import type { Analysis } from '../../analysis/analyze';
import type { Model } from '../../model/types';
import { constraintFacts, type FactsKind } from '../../report/constraint-facts';
import { s, t, type Part } from '../../report/parts';
import { scoreboard, type Measure } from '../../report/scoreboard';
import { wording } from '../../report/wording';

/*
 * The constraint summary's content: the report's facts about the constraint
 * (src/lib/report, shared with the command line), or what to do before there
 * are any (add stages, wait, fix cells).
 */

/** The constraint summary in words: which case applies, why, and the scoreboard. */
export interface Summary {
  kind: FactsKind | 'empty' | 'blocked';
  headline: Part[];
  /** Sentences explaining the headline. */
  details: Part[][];
  measures: Measure[];
}

/**
 * Writes the constraint summary for a model and its analysis.
 *
 * @param analysis null while the first analysis runs
 */
export function summarize(model: Model, analysis: Analysis | null): Summary {
  if (model.stages.length === 0) {
    return {
      kind: 'empty',
      headline: [t('Add stages to find the constraint.')],
      details: [],
      measures: [],
    };
  }
  if (!analysis) return { kind: 'empty', headline: [t('Calculating…')], details: [], measures: [] };
  if (analysis.issues.length > 0) {
    const n = analysis.issues.length;
    return {
      kind: 'blocked',
      headline: [t(`Fix ${n === 1 ? 'this cell' : `these ${n} cells`} to find the constraint:`)],
      details: analysis.issues
        .slice(0, 5)
        .map((i) => [
          s(`${i.stageName ?? 'Loop'} · ${i.label}`),
          t(`: ${i.code ? `${i.code} ` : ''}${i.message}`),
        ]),
      // The numbers use defaults for the broken cells: not results to show.
      measures: [],
    };
  }
  const w = wording(model, analysis);
  const facts = constraintFacts(w);
  return {
    kind: facts.kind,
    headline: facts.headline,
    details: facts.details,
    measures: scoreboard(w),
  };
}
