import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { restoreModel } from '../../../src/lib/model/restore';
import type { Model } from '../../../src/lib/model/types';

/**
 * The model of a fixture kept under test/fixtures/models (its `input`
 * format-1 document, through the real restore path).
 *
 * @param name the file name without `.json` (e.g. `analysis-two-funnels`)
 */
export function fixtureModel(name: string): Model {
  const file = join(import.meta.dirname, '../../fixtures/models', `${name}.json`);
  return restoreModel(JSON.parse(readFileSync(file, 'utf8')).input);
}
