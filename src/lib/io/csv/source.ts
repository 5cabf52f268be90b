import { checkAborted, fail, formatBytes } from '../errors';

/**
 * Bytes to import, in any form a browser or Node hands over: a `File`/`Blob`
 * (read a slice at a time), a web `ReadableStream`, an async or plain
 * iterable of chunks (a Node `fs.createReadStream`), whole bytes, or text.
 * A function returning a stream or iterable lets a source be opened twice
 * (once to detect, once to import).
 */
export type ByteSource =
  | Blob
  | Uint8Array
  | ArrayBuffer
  | string
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>
  | Iterable<Uint8Array>
  | (() => ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Iterable<Uint8Array>);

/** How bytes are read: progress, cancel, size cap. */
export interface ReadOptions {
  /** Shown in messages (the file name). */
  file?: string;
  /** Cancels the read; the import then fails with `ImportError.cancelled`. */
  signal?: AbortSignal;
  /** Called after each chunk with bytes read so far and the total (`null` when unknown). */
  onProgress?: (bytesRead: number, totalBytes: number | null) => void;
  /** The most bytes read; a larger source fails with a message naming both sizes. */
  maxBytes?: number;
  /** Bytes per slice read from a Blob (default 1 MB). */
  chunkBytes?: number;
}

const DEFAULT_CHUNK = 1024 * 1024;

/** The total size of a source when known without reading it. */
export function sizeOf(source: ByteSource): number | null {
  if (typeof source === 'string') return new TextEncoder().encode(source).byteLength;
  if (source instanceof Uint8Array) return source.byteLength;
  if (source instanceof ArrayBuffer) return source.byteLength;
  if (typeof Blob !== 'undefined' && source instanceof Blob) return source.size;
  return null;
}

function tooLarge(file: string | undefined, size: number, max: number, sure: boolean): never {
  const found = sure ? `is ${formatBytes(size)}` : `is larger than ${formatBytes(max)}`;
  fail(
    file,
    `the file ${found}; this import reads at most ${formatBytes(max)}. Split the export (for example by year) or export fewer columns.`,
  );
}

async function* fromReadable(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

async function* fromBlob(blob: Blob, chunk: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < blob.size; at += chunk) {
    yield new Uint8Array(await blob.slice(at, at + chunk).arrayBuffer());
  }
}

function open(source: ByteSource, chunk: number): AsyncIterable<Uint8Array> | Iterable<Uint8Array> {
  if (typeof source === 'function') return open(source(), chunk);
  if (typeof source === 'string') return [new TextEncoder().encode(source)];
  if (source instanceof Uint8Array) return [source];
  if (source instanceof ArrayBuffer) return [new Uint8Array(source)];
  if (typeof Blob !== 'undefined' && source instanceof Blob) return fromBlob(source, chunk);
  if (typeof ReadableStream !== 'undefined' && source instanceof ReadableStream) {
    return fromReadable(source);
  }
  return source as AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

/** Node Buffers and other views come through as plain Uint8Array. */
function asBytes(chunk: unknown, file: string | undefined): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (typeof chunk === 'string') return new TextEncoder().encode(chunk);
  return fail(
    file,
    'the source gave something other than bytes; expected a file or a byte stream.',
  );
}

/**
 * Reads a source chunk by chunk, never holding it whole: reports progress,
 * stops on cancel, refuses more than `maxBytes`.
 *
 * @throws ImportError when cancelled or when the source is larger than `maxBytes`
 */
export async function* readChunks(
  source: ByteSource,
  options: ReadOptions = {},
): AsyncGenerator<Uint8Array> {
  const { file, signal, onProgress, maxBytes = Infinity } = options;
  if (typeof source === 'string') source = new TextEncoder().encode(source);
  const total = sizeOf(source);
  if (total !== null && total > maxBytes) tooLarge(file, total, maxBytes, true);
  checkAborted(signal, file);
  let read = 0;
  for await (const raw of open(source, options.chunkBytes ?? DEFAULT_CHUNK)) {
    checkAborted(signal, file);
    const chunk = asBytes(raw, file);
    read += chunk.byteLength;
    if (read > maxBytes) tooLarge(file, read, maxBytes, false);
    onProgress?.(read, total);
    if (chunk.byteLength > 0) yield chunk;
  }
  checkAborted(signal, file);
}
