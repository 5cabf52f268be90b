import { describeProblem, ModelError, type ModelProblem } from '../model/errors';

/**
 * Why an import failed, in plain words: what was found and what was
 * expected, naming the file when there is one. Every importer in io/ throws
 * this and nothing else, so the UI and the CLI need one `catch`.
 */
export class ImportError extends Error {
  /** The file (or source) at fault, when known. */
  readonly file: string | undefined;
  /** True when the user cancelled (an AbortSignal fired); not a fault of the input. */
  readonly cancelled: boolean;
  /** The model problems behind the message, when a model document did not restore. */
  readonly problems: readonly ModelProblem[];
  /** True when something other than the input went wrong (a bug, or a library's own failure). */
  readonly internal: boolean;

  /**
   * @param message the whole message, already naming the file where useful
   * @param details the file, whether it was a cancel, and model problems
   */
  constructor(
    message: string,
    details: {
      file?: string;
      cancelled?: boolean;
      problems?: readonly ModelProblem[];
      internal?: boolean;
    } = {},
  ) {
    super(message);
    this.name = 'ImportError';
    this.file = details.file;
    this.cancelled = details.cancelled ?? false;
    this.problems = details.problems ?? [];
    this.internal = details.internal ?? false;
  }
}

/** `name: message`, or the message alone when there is no name. */
export function inFile(file: string | undefined, message: string): string {
  return file ? `${file}: ${message}` : message;
}

/**
 * Throws an {@link ImportError} naming the file.
 *
 * @throws ImportError always
 */
export function fail(file: string | undefined, message: string): never {
  throw new ImportError(inFile(file, message), file === undefined ? {} : { file });
}

/**
 * Turns whatever an import step threw into an {@link ImportError}: an
 * ImportError passes as it is, a ModelError keeps its problems, an abort
 * becomes a cancel, anything else (a bug or a library's own error) is
 * wrapped with its message so nothing of another kind escapes.
 */
export function toImportError(error: unknown, file?: string): ImportError {
  if (error instanceof ImportError) return error;
  const where = file === undefined ? {} : { file };
  if (error instanceof ModelError) {
    const message = inFile(file, error.problems.map(describeProblem).join('; ') || error.message);
    return new ImportError(message, { ...where, problems: error.problems });
  }
  if (isAbort(error)) return new ImportError('Import cancelled.', { ...where, cancelled: true });
  const detail = error instanceof Error ? error.message : String(error);
  return new ImportError(inFile(file, `could not be read (${detail}).`), {
    ...where,
    internal: true,
  });
}

/**
 * Runs an import step and lets only {@link ImportError} out.
 *
 * @throws ImportError whatever went wrong inside
 */
export async function guarded<T>(file: string | undefined, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw toImportError(error, file);
  }
}

/** {@link guarded} for synchronous steps. */
export function guardedSync<T>(file: string | undefined, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw toImportError(error, file);
  }
}

const isAbort = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  (error as { name?: unknown }).name === 'AbortError';

/**
 * Stops an import when the user cancelled.
 *
 * @throws ImportError with `cancelled: true` when the signal has fired
 */
export function checkAborted(signal: AbortSignal | undefined, file?: string): void {
  if (signal?.aborted) {
    throw new ImportError('Import cancelled.', {
      ...(file !== undefined && { file }),
      cancelled: true,
    });
  }
}

/** A byte count for messages: `812 bytes`, `1.4 KB`, `120.5 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** A count for messages with thousands separators: `8,000`. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A count and a noun for messages: `1 row`, `8,000 rows`. */
export function countOf(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}
