import { DELETED_KEPT_MS } from '../../persistence/schema';
import { shortDate, updatedLabel } from './updated';

/**
 * What "Recently deleted" says of a deleted model: when it was deleted and
 * the last day it can be restored, e.g. "Deleted 5 min ago · restorable until 3 Jan".
 *
 * @param deletedAt when it was deleted, in milliseconds since 1970
 * @param now the present, in the same unit
 */
export function deletedLabel(deletedAt: number, now: number = Date.now()): string {
  const until = shortDate(deletedAt + DELETED_KEPT_MS, now);
  return `Deleted ${updatedLabel(deletedAt, now)} · restorable until ${until}`;
}
