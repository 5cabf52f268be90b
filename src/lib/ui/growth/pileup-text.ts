import { waitText } from '../../analysis/wait';
import type { Period } from '../../model/types';
import { formatCount } from '../format';
import { EMPTY_QUEUE, type QueueSeries } from './pileup';

/*
 * The sentences of the pileup chart: each drawn queue with the wait ahead
 * of it (Little's law), for its tooltip, the legend and the text alternative.
 */

/**
 * One queue at the end of the horizon with the wait ahead of it: "7,200
 * wait 4.8 months before Contact processes them"; "20 wait at Demo and are
 * never processed: its capacity is 0" (items wait and none is processed,
 * which min(available, capacity) allows only at capacity 0); "Nothing is
 * left queued at Reply" (a queue that drained).
 *
 * @param series a queue of `pileupGeometry`
 * @param period the model's period (the wait's unit)
 */
export function queueSentence(
  series: Pick<QueueSeries, 'name' | 'last' | 'wait'>,
  period: Period,
): string {
  const { name, last, wait } = series;
  if (last <= EMPTY_QUEUE) return `Nothing is left queued at ${name}`;
  const count = formatCount(last);
  const verb = count === '1' ? 'waits' : 'wait';
  if (wait === null)
    return `${count} ${verb} at ${name} and ${count === '1' ? 'is' : 'are'} never processed: its capacity is 0`;
  return `${count} ${verb} ${waitText(wait, period)} before ${name} processes ${count === '1' ? 'it' : 'them'}`;
}
