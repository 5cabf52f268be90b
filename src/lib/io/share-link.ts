import { deflateSync, Inflate } from 'fflate';
import { ModelError, problemSentence, type ModelProblem } from '../model/errors';
import type { Model } from '../model/types';
import { decodeBase64url, encodeBase64url } from './base64url';
import { joinBytes, sliceEnd } from './inflate-slices';
import { NotJsonError, parseModelJson, stringifyModel } from './model-json';

/* A share link holds the whole model in the URL fragment (never sent to a
   server): `m1.` + base64url(deflate-raw(compact format-1 JSON)), no `=`
   padding (as svelte.dev's playground links do). The prefix versions the
   *encoding*; the document inside carries its own format version and goes
   through the one restore path (validate → migrate → defaults). A v1 link must
   open forever: test/fixtures/links holds links that prove it. */

/** The share-link encoding this app writes. Raise it (and keep reading the old one) if the encoding changes. */
export const SHARE_LINK_VERSION = 1;

/** The most characters of fragment read; a longer one is refused before decoding. */
export const MAX_FRAGMENT_CHARS = 64 * 1024;

/** The most bytes a link may inflate to; inflation stops as soon as the output passes it. */
export const MAX_INFLATED_BYTES = 2 * 1024 * 1024;

const PREFIX_PATTERN = /^m(\d{1,6})\./;

/**
 * Why a link could not be opened, for the UI to pick a banner; the message
 * says it in words. `invalid`: the link arrived whole, but the model in it
 * breaks a rule (a horizon of 1e9 periods, 501 stages).
 */
export type ShareLinkFailure =
  'empty' | 'not-a-link' | 'newer' | 'too-large' | 'damaged' | 'invalid';

const DAMAGED = 'This link is damaged or incomplete — ask for a new one.';

/**
 * A share link that cannot be opened. A {@link ModelError}, so callers handle
 * every model document failure alike; `message` is the plain sentence for the
 * user, and `problems` continues with the details found inside the model, if any.
 */
export class ShareLinkError extends ModelError {
  /** The kind of failure. */
  readonly reason: ShareLinkFailure;

  /**
   * @param reason the kind of failure
   * @param message the plain sentence shown to the user
   * @param details problems found inside the model document, listed after the message
   */
  constructor(reason: ShareLinkFailure, message: string, details: readonly ModelProblem[] = []) {
    super([{ message }, ...details]);
    this.name = 'ShareLinkError';
    this.message = message;
    this.reason = reason;
  }
}

/**
 * The fragment (without `#`) that holds a model: `m1.` followed by the model's
 * compact JSON, deflate-raw compressed (level 9) and base64url-encoded without padding.
 */
export function encodeShareFragment(model: Model): string {
  const json = new TextEncoder().encode(stringifyModel(model, false));
  return `m${SHARE_LINK_VERSION}.${encodeBase64url(deflateSync(json, { level: 9 }))}`;
}

/**
 * The link that opens `model`: `base` (any fragment it had dropped), `#`, then
 * {@link encodeShareFragment}.
 *
 * @param base the app's URL, e.g. `location.href`
 */
export function shareUrl(base: string | URL, model: Model): string {
  const page = String(base).split('#', 1)[0];
  return `${page}#${encodeShareFragment(model)}`;
}

/**
 * Inflates deflate-raw data, stopping as soon as the output passes `cap` bytes,
 * so a decompression bomb costs no more than the cap plus ~66 KB (one 64-byte chunk's worth).
 * Empty data inflates to nothing.
 *
 * @returns `{ ok: true, bytes }`, or `{ ok: false, inflated }` when the output
 *   passed the cap, `inflated` being the bytes produced before stopping
 * @throws Error (from fflate) when the data is not valid deflate-raw or ends early
 */
export function inflateCapped(
  data: Uint8Array,
  cap: number,
): { ok: true; bytes: Uint8Array } | { ok: false; inflated: number } {
  const parts: Uint8Array[] = [];
  let inflated = 0;
  const inflater = new Inflate((chunk) => {
    inflated += chunk.length;
    if (inflated <= cap) parts.push(chunk);
  });
  // Feed the input in chunks small enough that one chunk cannot inflate far past
  // the cap: large while there is room (one or two pushes for a real link, since
  // fflate allocates per push), shrinking to 64 bytes (≤ ~66 KB of output) near it.
  for (let at = 0; at < data.length;) {
    const end = sliceEnd(at, data.length, cap - inflated);
    inflater.push(data.subarray(at, end), end === data.length);
    if (inflated > cap) return { ok: false, inflated };
    at = end;
  }
  return { ok: true, bytes: joinBytes(parts, inflated) };
}

/**
 * The fragment part of a pasted link: what follows the first `#`, or the whole
 * text when it has none; surrounding whitespace and line breaks (mail clients
 * wrap long links) are removed.
 */
export function fragmentOf(link: string): string {
  const hash = link.indexOf('#');
  return (hash < 0 ? link : link.slice(hash + 1)).replace(/\s+/g, '');
}

/** The error for a link over the fragment cap. */
function tooLarge(chars: number): ShareLinkError {
  return new ShareLinkError(
    'too-large',
    `This link is too large (${Math.ceil(chars / 1024)} KB; a share link holds at most ${MAX_FRAGMENT_CHARS / 1024} KB). Share the model as a file instead.`,
  );
}

/** Reads the model text out of a link, enforcing both size caps. */
function fragmentText(link: string): string {
  // The raw length first, so a pasted megabyte is refused without a scan.
  if (link.length > 2 * MAX_FRAGMENT_CHARS) throw tooLarge(link.length);
  const fragment = fragmentOf(link);
  if (fragment.length > MAX_FRAGMENT_CHARS) throw tooLarge(fragment.length);
  if (fragment === '') {
    throw new ShareLinkError('empty', 'This link holds no model — ask for a new one.');
  }
  const prefix = PREFIX_PATTERN.exec(fragment);
  const version = prefix ? Number(prefix[1]) : 0;
  if (!prefix || version < 1) {
    throw new ShareLinkError('not-a-link', 'This is not a Bottleneck share link.');
  }
  if (version > SHARE_LINK_VERSION) {
    throw new ShareLinkError(
      'newer',
      `This link was made by a newer version of Bottleneck (link format ${version}); update the app to open it.`,
    );
  }
  const compressed = decodeBase64url(fragment.slice(prefix[0].length));
  if (!compressed || compressed.length === 0) throw new ShareLinkError('damaged', DAMAGED);
  let result: ReturnType<typeof inflateCapped>;
  try {
    result = inflateCapped(compressed, MAX_INFLATED_BYTES);
  } catch {
    throw new ShareLinkError('damaged', DAMAGED);
  }
  if (!result.ok) {
    throw new ShareLinkError(
      'too-large',
      `This link is too large: its model unpacks to more than ${MAX_INFLATED_BYTES / 1024 / 1024} MB. Share the model as a file instead.`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(result.bytes);
  } catch {
    throw new ShareLinkError('damaged', DAMAGED);
  }
}

/** The sentence for a link that arrived whole but holds a model breaking a rule. */
function invalidMessage(problems: readonly ModelProblem[]): string {
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
  return `This link arrived whole, but the model in it cannot be opened: ${problemSentence(problems[0] as ModelProblem)}${more}. Ask for a new link.`;
}

/**
 * Opens the model held in a share link: size caps (fragment, then inflated
 * size, checked while inflating) → base64url → deflate-raw → UTF-8 →
 * {@link parseModelJson} (validate → migrate → defaults).
 *
 * @param link a whole link (`https://…/#m1.…`), a fragment with or without `#`
 * @returns the restored model
 * @throws ShareLinkError (a ModelError) with a plain message, whatever the input;
 *   `reason` says why; for a model that fails validation (`invalid`) the message
 *   gives the first rule broken and `problems` lists what is wrong
 */
export function decodeShareFragment(link: string): Model {
  try {
    if (typeof link !== 'string') throw new ShareLinkError('damaged', DAMAGED);
    return parseModelJson(fragmentText(link));
  } catch (error) {
    if (error instanceof ShareLinkError) throw error;
    if (!(error instanceof ModelError) || error instanceof NotJsonError) {
      throw new ShareLinkError('damaged', DAMAGED);
    }
    const [first] = error.problems;
    if (first?.field === 'version' && /newer/i.test(first.message)) {
      throw new ShareLinkError('newer', error.message);
    }
    // A problem that names no field or stage means the JSON is not a model document at all.
    const located = error.problems.some((p) => p.field !== undefined || p.stageRow !== undefined);
    if (!first || !located || first.field === 'format') {
      throw new ShareLinkError('damaged', DAMAGED, error.problems);
    }
    throw new ShareLinkError('invalid', invalidMessage(error.problems), error.problems);
  }
}
