import type { Period } from '../model/types';
import { plainNumber } from './plain';

/**
 * The wait ahead of a stage in words (see `SimPeriod.wait`, Little's law:
 * queue ÷ processed per period): "1.2 months", "1 week", "no wait" when
 * nothing waits, "never processed" when items wait and the stage processes
 * none.
 *
 * @param wait periods, or `null` when nothing is processed
 */
export function waitText(wait: number | null, period: Period): string {
  if (wait === null) return 'never processed';
  if (wait === 0) return 'no wait';
  const shown = plainNumber(wait);
  return `${shown} ${period}${shown === '1' ? '' : 's'}`;
}
