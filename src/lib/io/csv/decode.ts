/*
 * Text encodings of CSV exports: UTF-8 (with or without a byte-order mark),
 * UTF-16 LE/BE (told by their BOM; Excel's "Unicode text"), and Windows-1252
 * (Excel's "CSV" on Western Windows) when the bytes are not valid UTF-8.
 */

/** An encoding the CSV reader understands. */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** The encoding chosen, and why (shown to the user, who can override it). */
export interface EncodingChoice {
  encoding: CsvEncoding;
  /** Bytes of byte-order mark to skip at the start. */
  bom: number;
  reason: string;
}

/* Windows-1252 differs from Latin-1 only in 0x80–0x9F (WHATWG Encoding). Node's
   TextDecoder maps those bytes as Latin-1, so the table is kept here to decode
   the same way in Node and in browsers. */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Decodes Windows-1252 bytes (every byte is one character). */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const step = 8192;
  for (let at = 0; at < bytes.length; at += step) {
    const codes = Array.from(bytes.subarray(at, at + step), (b) =>
      b >= 0x80 && b <= 0x9f ? (CP1252_HIGH.charCodeAt(b - 0x80) as number) : b,
    );
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** True when the bytes are valid UTF-8 (a sequence cut at the end is allowed: more may follow). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Chooses the encoding from the first bytes of a file: a BOM decides; else
 * UTF-8 when the bytes are valid UTF-8, else Windows-1252.
 *
 * @param head the first bytes (64 KB or more is plenty)
 * @param forced an encoding the user chose, which wins
 */
export function sniffEncoding(head: Uint8Array, forced?: CsvEncoding): EncodingChoice {
  const [a, b, c] = head;
  const bomOf = (e: CsvEncoding): number =>
    e === 'utf-8' && a === 0xef && b === 0xbb && c === 0xbf
      ? 3
      : (e === 'utf-16le' && a === 0xff && b === 0xfe) ||
          (e === 'utf-16be' && a === 0xfe && b === 0xff)
        ? 2
        : 0;
  if (forced) return { encoding: forced, bom: bomOf(forced), reason: 'chosen by you' };
  if (a === 0xef && b === 0xbb && c === 0xbf) {
    return { encoding: 'utf-8', bom: 3, reason: 'UTF-8 byte-order mark' };
  }
  if (a === 0xff && b === 0xfe)
    return { encoding: 'utf-16le', bom: 2, reason: 'UTF-16 LE byte-order mark' };
  if (a === 0xfe && b === 0xff)
    return { encoding: 'utf-16be', bom: 2, reason: 'UTF-16 BE byte-order mark' };
  if (isValidUtf8(head)) return { encoding: 'utf-8', bom: 0, reason: 'valid UTF-8' };
  return {
    encoding: 'windows-1252',
    bom: 0,
    reason: 'not valid UTF-8, so read as Windows-1252 (Excel on Western Windows)',
  };
}

/**
 * Decodes a file chunk by chunk in the chosen encoding. UTF-8 is decoded
 * strictly; when an invalid byte turns up after only ASCII so far, the rest
 * is read as Windows-1252 (which agrees with ASCII, so nothing read changes);
 * after real UTF-8 text, invalid bytes become U+FFFD and a note says where.
 */
export class ChunkDecoder {
  #encoding: CsvEncoding;
  #skip: number;
  #decoder: TextDecoder | null;
  #asciiSoFar = true;
  #offset = 0;
  /** What happened on the way that the user should know. */
  readonly notes: string[] = [];

  /** @param choice the encoding and BOM from {@link sniffEncoding} */
  constructor(choice: EncodingChoice) {
    this.#encoding = choice.encoding;
    this.#skip = choice.bom;
    this.#decoder = this.#makeDecoder(choice.encoding, true);
  }

  /** The encoding in use now (it can switch from UTF-8 to Windows-1252). */
  get encoding(): CsvEncoding {
    return this.#encoding;
  }

  #makeDecoder(encoding: CsvEncoding, fatal: boolean): TextDecoder | null {
    return encoding === 'windows-1252'
      ? null
      : new TextDecoder(encoding, { fatal, ignoreBOM: true });
  }

  /**
   * Decodes the next chunk.
   *
   * @param final true for the last call (flushes a sequence cut at the end)
   */
  decode(chunk: Uint8Array, final = false): string {
    let bytes = chunk;
    if (this.#skip > 0) {
      const cut = Math.min(this.#skip, bytes.length);
      bytes = bytes.subarray(cut);
      this.#skip -= cut;
      this.#offset += cut;
    }
    const start = this.#offset;
    this.#offset += bytes.length;
    if (this.#decoder === null) return decodeWindows1252(bytes);
    try {
      const text = this.#decoder.decode(bytes, { stream: !final });
      if (this.#asciiSoFar && bytes.some((x) => x > 0x7f)) this.#asciiSoFar = false;
      return text;
    } catch {
      if (this.#asciiSoFar) {
        this.#encoding = 'windows-1252';
        this.#decoder = null;
        this.notes.push(
          `bytes from ${start} on are not valid UTF-8; read as Windows-1252 from there (the text before was plain ASCII).`,
        );
        return decodeWindows1252(bytes);
      }
      this.notes.push(`invalid UTF-8 near byte ${start}; unreadable characters are shown as �.`);
      this.#decoder = this.#makeDecoder(this.#encoding, false);
      return (this.#decoder as TextDecoder).decode(bytes, { stream: !final });
    }
  }
}

const MAGIC: [number[], string][] = [
  [
    [0x50, 0x4b, 0x03, 0x04],
    'a ZIP archive (an .xlsx workbook is one: import it as a spreadsheet, or save it as CSV)',
  ],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Excel (.xls) or Office file (save it as CSV)'],
];

/**
 * Says what a file is when it is clearly not text: a known file signature,
 * or decoded text full of control characters.
 *
 * @param head the first bytes
 * @param text the same bytes decoded
 * @returns a phrase such as "a PDF document", or null when it looks like text
 */
export function binaryKind(head: Uint8Array, text: string): string | null {
  for (const [magic, kind] of MAGIC) {
    if (magic.every((byte, i) => head[i] === byte)) return kind;
  }
  const sample = text.slice(0, 65536);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return 'binary data (it holds NUL bytes)';
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  return sample.length > 0 && control / sample.length > 0.05
    ? 'binary data (it is full of control characters)'
    : null;
}

/**
 * Decodes a whole small file (a pasted or exported table, a SankeyMATIC
 * diagram, a model file) the way CSV files are decoded.
 *
 * @returns the text (BOM removed) and the encoding used
 */
export function decodeAll(
  bytes: Uint8Array,
  forced?: CsvEncoding,
): { text: string; encoding: CsvEncoding; notes: string[] } {
  const decoder = new ChunkDecoder(sniffEncoding(bytes.subarray(0, 65536), forced));
  const text = decoder.decode(bytes, true);
  return { text, encoding: decoder.encoding, notes: decoder.notes };
}
