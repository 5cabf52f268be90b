import { uniqueStageId } from '../model/defaults';
import type { StageId } from '../model/types';

/**
 * A stage id for a name read from a file, unique among `taken`: accents are
 * dropped first (`Réunions` → `reunions`, not `re_unions`), then
 * model/defaults.ts makes the id.
 */
export function stageIdFor(name: string, taken: Iterable<string>): StageId {
  return uniqueStageId(name.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''), taken);
}
