import { shareUrl } from '../../src/lib/io/share-link';
import { restoreModel } from '../../src/lib/model/restore';
import { twelveStageDocument } from '../fixtures/links/twelve-stages';

/** The app URL the figure assumes: a plausible deployed address (46 characters). */
export const BENCH_APP_URL = 'https://bottleneck-app.github.io/bottleneck/';

/**
 * The share-link size figure for `npm run bench`: the length of the whole link
 * (app URL + `#` + fragment) for the realistic 12-stage fixture model. The
 * target is under 2,000 characters (stretch: 1,024).
 *
 * @returns the model's stage count and the link's length in characters
 */
export function shareLinkFigures(): { stages: number; characters: number } {
  const model = restoreModel(structuredClone(twelveStageDocument));
  return { stages: model.stages.length, characters: shareUrl(BENCH_APP_URL, model).length };
}
