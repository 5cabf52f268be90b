import { readCsv } from '../csv/read';
import { sizeOf } from '../csv/source';
import { guarded } from '../errors';
import { buildCrmResult } from './build';
import { tallyDated } from './dated';
import { tallyJoined, type ReadRows } from './joined';
import { describeCrm, MAX_CRM_BYTES } from './plan';
import { tallyStatus } from './status';
import type { CrmFile, CrmOptions, CrmResult } from './types';

/**
 * Imports a CRM export as a funnel: detects the layout and columns (see
 * {@link describeCrm}), streams every file once to count items per stage,
 * channel and period, and builds a format-1 model: one source stage per
 * channel (its own arrivals and conversion) merging into the later stages;
 * arrivals per period from the dates; conversions as exact ratios. Observed
 * capacity comes back as suggestions, never set in the model.
 *
 * @param files the export's CSV files, in funnel order
 * @param options corrections to anything detected, progress, cancel
 * @throws ImportError (only) when a file is empty, binary, too large, mis-delimited,
 *   cannot be joined, or the import is cancelled; the message says what was
 *   found and what was expected
 */
export function importCrm(files: readonly CrmFile[], options: CrmOptions = {}): Promise<CrmResult> {
  return guarded(undefined, async () => {
    const plan = await describeCrm(files, options);
    const sizes = files.map((f) => sizeOf(f.source));
    const total = sizes.every((s) => s !== null)
      ? sizes.reduce<number>((a, s) => a + (s ?? 0), 0)
      : null;
    let done = 0;
    const notes: string[] = [];
    const read: ReadRows = async (i, onRow) => {
      const file = files[i] as CrmFile;
      const before = done;
      const { rows, description } = await guarded(file.name, () =>
        readCsv(
          file.source,
          {
            file: file.name,
            maxBytes: options.maxBytes ?? MAX_CRM_BYTES,
            ...(options.signal && { signal: options.signal }),
            ...(options.csv?.[i] && { csv: options.csv[i] }),
            onProgress: (bytes) => {
              done = before + bytes;
              options.onProgress?.(done, total);
            },
          },
          () => true,
          onRow,
        ),
      );
      notes.push(...description.notes.map((n) => `${file.name}: ${n}`));
      return rows;
    };
    const tally =
      plan.layout === 'joined'
        ? await tallyJoined(plan, read)
        : plan.layout === 'status'
          ? await tallyStatus(plan, read, options.statusOrder)
          : await tallyDated(plan, read);
    const result = buildCrmResult(tally, plan, options);
    return { ...result, warnings: [...notes, ...result.warnings] };
  });
}
