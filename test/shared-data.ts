import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** ../shared/data beside the checkout: real data no one here wrote, read-only. */
const SHARED_DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));

/**
 * The folder of one real data set in ../shared/data (e.g. `olist-marketing-funnel`),
 * with a trailing slash.
 *
 * @throws Error in one line naming where the data is expected, when it is missing
 *   (a fresh clone needs ../shared beside it, as CI has; see README "Quick start")
 */
export function sharedData(name: string): string {
  const dir = `${SHARED_DATA}${name}/`;
  if (!existsSync(dir))
    throw new Error(
      `Real data missing: expected ${dir} (the project's ../shared folder, beside this checkout).`,
    );
  return dir;
}
