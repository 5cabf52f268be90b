import { unzipSync, zipSync } from 'fflate';
import { fail, formatBytes, formatCount } from './errors';
import { unzipCapped } from './unzip';

/** The largest workbook read, in bytes. */
export const MAX_XLSX_BYTES = 20 * 1024 * 1024;

/** The most its parts may expand to, in bytes (counted while inflating: a guard against ZIP bombs). */
export const MAX_XLSX_UNZIPPED = 100 * 1024 * 1024;

/** The most parts a workbook may hold (a real one holds a few dozen). */
export const MAX_XLSX_PARTS = 10_000;

/** A workbook's archive made safe to hand to exceljs, and what the user should know about it. */
export interface WorkbookArchive {
  /** The same parts, stored uncompressed, so their sizes are the true ones. */
  archive: Uint8Array;
  /** Macros or links to other workbooks found (neither is read or run). */
  warnings: string[];
}

/** What a workbook holds that Bottleneck neither reads nor runs, as warnings. */
function partWarnings(names: readonly string[]): string[] {
  const warnings: string[] = [];
  const macros = names.filter((n) => /(^|\/)vbaProject\.bin$/i.test(n));
  if (macros.length > 0) {
    warnings.push(
      `The workbook holds macros (${macros.join(', ')}); Bottleneck never runs them and they are not imported. Open it in Excel only if you trust where it came from.`,
    );
  }
  const links = names.filter((n) => /^xl\/externalLinks\/[^/]+\.xml$/i.test(n));
  if (links.length > 0) {
    warnings.push(
      `The workbook links to ${links.length === 1 ? 'another workbook' : `${formatCount(links.length)} other workbooks`} (${links.join(', ')}); those links are not followed, and a formula that uses one shows an error in the model.`,
    );
  }
  return warnings;
}

/**
 * Refuses at once a workbook whose ZIP directory itself says it expands too
 * far (an honest bomb), reading the directory only; a directory that lies is
 * caught while inflating.
 */
function checkClaimedSize(bytes: Uint8Array, file: string): void {
  let claimed = 0;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        claimed += f.originalSize;
        return false;
      },
    });
  } catch {
    return; // Not a readable directory: the streaming read says how it is damaged.
  }
  if (claimed > MAX_XLSX_UNZIPPED) {
    fail(
      file,
      `would expand to ${formatBytes(claimed)}; a workbook is read up to ${formatBytes(MAX_XLSX_UNZIPPED)} expanded.`,
    );
  }
}

/**
 * Checks a workbook's bytes before exceljs sees them: not too large, not
 * empty, not an old .xls, a ZIP archive holding xl/workbook.xml, and one that
 * inflates to at most {@link MAX_XLSX_UNZIPPED} counted while inflating
 * (the sizes its ZIP directory claims are not trusted). Its parts come back
 * stored, so exceljs's own unzipping cannot be made to inflate anything.
 *
 * @param bytes the file's bytes
 * @param file the file's name, for messages
 * @throws ImportError naming the file when any check fails
 */
export function openWorkbookArchive(bytes: Uint8Array, file: string): WorkbookArchive {
  if (bytes.byteLength > MAX_XLSX_BYTES) {
    fail(
      file,
      `is ${formatBytes(bytes.byteLength)}; a workbook is read up to ${formatBytes(MAX_XLSX_BYTES)}.`,
    );
  }
  if (bytes.byteLength === 0) fail(file, 'is empty (0 bytes); expected an .xlsx workbook.');
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) {
    fail(
      file,
      'is an old Excel (.xls) file; save it as .xlsx (Excel Workbook) or CSV and import that.',
    );
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    fail(file, 'is not an .xlsx workbook (it is not a ZIP archive).');
  checkClaimedSize(bytes, file);
  const read = unzipCapped(bytes, { maxInflated: MAX_XLSX_UNZIPPED, maxFiles: MAX_XLSX_PARTS });
  if (!read.ok) {
    if (read.kind === 'too-large') {
      const claim =
        read.claimed < MAX_XLSX_UNZIPPED
          ? ` (though its ZIP headers claim ${formatBytes(read.claimed)})`
          : '';
      fail(
        file,
        `expands to more than ${formatBytes(MAX_XLSX_UNZIPPED)}${claim}; a workbook is read up to ${formatBytes(MAX_XLSX_UNZIPPED)} expanded.`,
      );
    }
    if (read.kind === 'too-many-files') {
      fail(
        file,
        `holds more than ${formatCount(MAX_XLSX_PARTS)} parts; a workbook is read up to ${formatCount(MAX_XLSX_PARTS)}.`,
      );
    }
    fail(file, 'is damaged or cut short: its ZIP archive cannot be read.');
  }
  const names = Object.keys(read.files);
  if (!names.includes('xl/workbook.xml'))
    fail(file, 'is a ZIP archive but not an .xlsx workbook (it has no xl/workbook.xml).');
  return { archive: zipSync(read.files, { level: 0 }), warnings: partWarnings(names) };
}
