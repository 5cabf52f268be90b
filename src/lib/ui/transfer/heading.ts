import type { ComputeResult } from '../../state/compute/protocol';
import { constraintSentence } from '../sankey/describe';
import type { PictureHeading } from './picture';

/** What each exportable chart shows, for its picture's heading. */
const SHOWS: Record<'sankey' | 'growth', string> = {
  sankey: 'Flow',
  growth: 'Push vs pull growth',
};

/**
 * The heading of an exported picture: the model's name, then what the chart
 * shows per period and the constraint, as the Sankey's text alternative
 * words it ("Flow, per month · The constraint is Contact."). While a cell
 * blocks the analysis no constraint is named ("fix the flagged cells first").
 *
 * @param result the analysis the picture was drawn from
 */
export function pictureHeading(
  result: Pick<ComputeResult, 'model' | 'analysis'>,
  chart: 'sankey' | 'growth',
): PictureHeading {
  const { model, analysis } = result;
  const names = new Map(model.stages.map((s) => [s.id as string, s.name]));
  const constraint = analysis.issues.length > 0 ? null : analysis.constraint;
  return {
    title: model.name,
    subtitle: `${SHOWS[chart]}, per ${model.period} · ${constraintSentence(constraint, names)}`,
  };
}
