/*
 * The one sanitiser for text a model keeps (names and notes), used wherever
 * such text comes in: restore (files, links, storage, every import), typing
 * and pasting into the grids. Control characters (C0, DEL, C1) have no
 * meaning in a name, and a BEL or an ESC in one makes an exported SVG
 * invalid XML and reaches terminals; unpaired surrogate halves and the
 * noncharacters U+FFFE/U+FFFF are not text at all. Letters of every script,
 * emoji and the bidirectional marks of right-to-left text are kept.
 */

/** Line breaks and tabs (a name is one line): CR, LF, tab, VT, FF, NEL, U+2028, U+2029. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;

/** Other C0 and C1 controls, DEL, unpaired surrogates and the two noncharacters. */
const JUNK =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A name (of a model, stage or assumption) as it is kept: each run of tabs
 * and line breaks becomes one space, other control characters and
 * unpaired surrogates are removed. Not trimmed (the callers trim).
 *
 * @param text the name as typed, pasted or read from a file
 */
export function cleanName(text: string): string {
  return text.replace(BREAKS, ' ').replace(JUNK, '');
}

/**
 * A free-text note as it is kept: line breaks (as `\n`) and tabs stay,
 * other control characters and unpaired surrogates are removed.
 *
 * @param text the note as typed or read from a file
 */
export function cleanNote(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\v\f\u0085]/g, '\n')
    .replace(JUNK, '');
}
