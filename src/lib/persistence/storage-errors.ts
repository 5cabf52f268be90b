/** How a failed storage write is reported: a full disk gets its own banner and an export offer. */
export interface StorageFailure {
  /** `quota`: the browser's storage is full; `failed`: anything else. */
  kind: 'quota' | 'failed';
  /** What went wrong, in plain words, for the status line. */
  message: string;
}

/** Reads a property of an unknown thrown value without trusting its shape. */
function field(error: unknown, key: 'name' | 'message' | 'code' | 'cause'): unknown {
  if (typeof error !== 'object' || error === null) return undefined;
  try {
    return (error as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/**
 * True when a storage error means the quota is exhausted, in every browser's
 * spelling: `QuotaExceededError` (the standard, Chrome, Safari), Firefox's
 * `NS_ERROR_DOM_QUOTA_REACHED`, the legacy DOMException codes 22 and 1014, or
 * "quota" in the message. IndexedDB often reports it as the transaction's
 * error (an AbortError whose cause is the quota), so `cause` is checked too.
 */
export function isQuotaError(error: unknown, depth = 0): boolean {
  const name = field(error, 'name');
  const code = field(error, 'code');
  const message = field(error, 'message');
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  if (code === 22 || code === 1014) return true;
  if (typeof message === 'string' && /quota/i.test(message)) return true;
  return depth < 3 && field(error, 'cause') !== undefined
    ? isQuotaError(field(error, 'cause'), depth + 1)
    : false;
}

/**
 * Classifies a thrown storage error for the user.
 *
 * @returns `quota` with a message saying storage is full, or `failed` with the error's own words
 */
export function describeStorageError(error: unknown): StorageFailure {
  if (isQuotaError(error)) {
    return { kind: 'quota', message: 'Storage is full: the browser refused to save more.' };
  }
  const name = field(error, 'name');
  const message = field(error, 'message');
  const detail =
    typeof message === 'string' && message.trim() !== ''
      ? message.trim()
      : typeof name === 'string' && name !== ''
        ? name
        : String(error);
  return { kind: 'failed', message: `Saving failed: ${detail}` };
}
