import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { joinBytes, sliceEnd } from './inflate-slices';

/*
 * Unzipping an untrusted archive with a cap on what it inflates to. A ZIP's
 * directory states each file's size, but nothing makes it true: a 6 MB
 * workbook can say 1 KB and inflate to 6 GB. So the sizes are never trusted:
 * the archive is fed to fflate's streaming Unzip in small slices, every
 * inflated chunk is counted, and reading stops as soon as the running total
 * passes the cap, whatever the headers claim.
 */

/** The most archive bytes fed at a time (≤ ~66 MB of output each, while far from the cap). */
const MAX_SLICE = 64 * 1024;

/** Why an archive could not be unzipped. */
export type UnzipFailure =
  | { kind: 'too-large'; inflated: number; claimed: number }
  | { kind: 'too-many-files'; files: number }
  | { kind: 'damaged'; detail: string };

/** The files of an archive by name, or why they could not be read. */
export type UnzipResult =
  { ok: true; files: Record<string, Uint8Array> } | ({ ok: false } & UnzipFailure);

/** Caps on what an archive may hold. */
export interface UnzipLimits {
  /** The most bytes all files together may inflate to. */
  maxInflated: number;
  /** The most files (entries) the archive may hold. */
  maxFiles: number;
}

/**
 * Unzips an archive (stored or deflated entries), counting the bytes
 * actually inflated and stopping as soon as they pass `limits.maxInflated`:
 * memory stays within the cap plus about 66 KB however the archive lies
 * about its sizes. Never throws.
 *
 * @param archive the ZIP archive's bytes
 * @returns every file's bytes by name, or why not: `too-large` (with the bytes
 *   inflated when reading stopped, and the sum of the sizes the headers read so
 *   far claimed), `too-many-files`, or `damaged` (not a
 *   readable ZIP, an unknown compression, a deflate stream cut short)
 */
export function unzipCapped(archive: Uint8Array, limits: UnzipLimits): UnzipResult {
  const parts = new Map<string, { chunks: Uint8Array[]; length: number }>();
  let inflated = 0;
  let claimed = 0;
  let failure: UnzipFailure | null = null;
  const unzip = new Unzip((file: UnzipFile) => {
    if (failure) return;
    if (parts.size >= limits.maxFiles) {
      failure = { kind: 'too-many-files', files: parts.size + 1 };
      return;
    }
    claimed += file.originalSize ?? 0;
    const entry = { chunks: [] as Uint8Array[], length: 0 };
    parts.set(file.name, entry);
    file.ondata = (error, chunk) => {
      if (failure) return;
      if (error) {
        failure = { kind: 'damaged', detail: error.message };
        return;
      }
      inflated += chunk.length;
      if (inflated > limits.maxInflated) {
        failure = { kind: 'too-large', inflated, claimed };
        entry.chunks = [];
        return;
      }
      if (chunk.length > 0) entry.chunks.push(chunk);
      entry.length += chunk.length;
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < archive.length && !failure;) {
      const end = sliceEnd(at, archive.length, limits.maxInflated - inflated, MAX_SLICE);
      unzip.push(archive.subarray(at, end), end === archive.length);
      at = end;
    }
  } catch (error) {
    failure ??= { kind: 'damaged', detail: error instanceof Error ? error.message : String(error) };
  }
  if (failure) return { ok: false, ...(failure as UnzipFailure) };
  const files: Record<string, Uint8Array> = {};
  for (const [name, entry] of parts) files[name] = joinBytes(entry.chunks, entry.length);
  return { ok: true, files };
}
