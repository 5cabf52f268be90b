/*
 * Feeding untrusted deflate data to fflate in slices small enough that one
 * slice cannot inflate far past a cap, and joining the inflated chunks: the
 * one way both share links (share-link.ts) and workbooks (unzip.ts) do it.
 */

/** Deflate's largest expansion: 258 bytes from 2 bits (a 1-bit length code and a 1-bit distance code). */
export const MAX_DEFLATE_RATIO = 1032;

/** The fewest compressed bytes fed at a time, near the cap (≤ ~66 KB of output each). */
export const MIN_SLICE_BYTES = 64;

/**
 * Where the next slice of compressed input ends: as long as the room left
 * under the cap allows at deflate's largest ratio, at least
 * {@link MIN_SLICE_BYTES}, at most `maxSlice`, never past the input's end.
 *
 * @param at where the slice starts, in bytes of input
 * @param length the input's length, in bytes
 * @param room how many more output bytes the cap allows (0 or more)
 * @param maxSlice the most input bytes fed at once (Infinity: no upper bound)
 * @returns the slice's end, in bytes of input (exclusive)
 */
export function sliceEnd(at: number, length: number, room: number, maxSlice = Infinity): number {
  const slice = Math.min(
    maxSlice,
    Math.max(MIN_SLICE_BYTES, Math.floor(Math.max(0, room) / MAX_DEFLATE_RATIO)),
  );
  return Math.min(at + slice, length);
}

/**
 * The chunks joined into one array.
 *
 * @param parts the chunks, in order
 * @param length their total length in bytes (computed when left out)
 */
export function joinBytes(
  parts: readonly Uint8Array[],
  length = parts.reduce((n, p) => n + p.byteLength, 0),
): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
