import { shareUrl } from '../../src/lib/io/share-link';
import { restoreModel } from '../../src/lib/model/restore';
import { twelveStageDocument } from '../fixtures/links/twelve-stages';
import type { BenchSection } from './section';

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

/** The `share` section of `npm run bench`: the 12-stage model's whole link length. */
export const shareLinkSection: BenchSection = {
  id: 'share',
  title: 'Share link',
  run() {
    const { stages, characters } = shareLinkFigures();
    return [
      {
        measure: `${stages}-stage model, whole link`,
        figure: `${characters.toLocaleString('en-US')} chars`,
        budget: '< 2,000 (stretch 1,024)',
        detail: `app URL ${BENCH_APP_URL} (${BENCH_APP_URL.length} chars) + # + fragment`,
      },
    ];
  },
};
