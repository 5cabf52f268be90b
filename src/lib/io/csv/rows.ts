import Papa from 'papaparse';
import { fail, formatCount } from '../errors';

/** A field delimiter the reader detects. */
export type Delimiter = ',' | ';' | '\t' | '|';

/** A line ending. */
export type Newline = '\r\n' | '\n' | '\r';

/** The line ending of a text: the first one found (CRLF, LF or CR). */
export function detectNewline(text: string): Newline {
  const m = /\r\n|\n|\r/.exec(text);
  return (m?.[0] as Newline | undefined) ?? '\n';
}

/** Every delimiter tried, in order of preference when two fit equally. */
export const DELIMITERS: readonly Delimiter[] = ['\t', ';', ',', '|'];

/** The longest row (characters) before an unclosed quote is reported rather than read on. */
const MAX_ROW_CHARS = 4 * 1024 * 1024;

/**
 * Parses complete CSV text into rows with papaparse; all-blank rows are
 * skipped and a trailing partial row is never expected.
 */
export function parseRows(text: string, delimiter: Delimiter, newline?: Newline): string[][] {
  if (text === '') return [];
  const result = Papa.parse<string[]>(text, {
    delimiter,
    ...(newline && { newline }),
    quoteChar: '"',
    skipEmptyLines: 'greedy',
    header: false,
  });
  return result.data;
}

// States of the row-boundary scanner (papaparse's rules: a quote opens a field only at its start).
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const AFTER_CLOSE = 3;

/**
 * Cuts streamed text into complete rows without ever holding the whole file:
 * text is kept only up to the last line break outside quotes; what follows
 * waits for the next chunk. Line breaks inside quoted fields stay in the field.
 */
export class RowSplitter {
  #delimiter: Delimiter;
  #file: string | undefined;
  #pending = '';
  #scanned = 0;
  #state = FIELD_START;
  #newline: Newline | null = null;
  #lines = 0;
  #quoteLine = 0;

  /**
   * @param delimiter the field delimiter
   * @param file named in messages
   */
  constructor(delimiter: Delimiter, file?: string) {
    this.#delimiter = delimiter;
    this.#file = file;
  }

  /**
   * Adds text; returns the rows it completed.
   *
   * @throws ImportError when a row runs on for more than 4 MB: a quote left open, or no line break
   */
  push(text: string): string[][] {
    this.#pending += text;
    const s = this.#pending;
    // The line ending is fixed from the first text (the detection sample), so a CRLF cut
    // between two chunks is never read as two line breaks.
    const newline = (this.#newline ??= detectNewline(s));
    const lineEnd = newline === '\r' ? 13 : 10;
    const delimiter = this.#delimiter.charCodeAt(0);
    let state = this.#state;
    let lastBreak = -1;
    for (let i = this.#scanned; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === lineEnd) this.#lines++;
      if (state === QUOTED) {
        if (c === 34) state = AFTER_CLOSE;
      } else if (c === lineEnd) {
        state = FIELD_START;
        lastBreak = i;
      } else if (c === delimiter) {
        state = FIELD_START;
      } else if (c === 34 && (state === FIELD_START || state === AFTER_CLOSE)) {
        state = QUOTED;
        this.#quoteLine = this.#lines + 1;
      } else {
        state = UNQUOTED;
      }
    }
    this.#state = state;
    if (lastBreak < 0) {
      this.#scanned = s.length;
      if (s.length > MAX_ROW_CHARS) {
        const limit = `${MAX_ROW_CHARS / 1024 / 1024} MB`;
        fail(
          this.#file,
          state === QUOTED
            ? `line ${formatCount(this.#quoteLine)}: a quote (") opens a field that does not close within ${limit}. Expected every quoted field to end with a quote.`
            : `line ${formatCount(this.#lines + 1)} runs on for more than ${limit} without a line break; expected CSV text with one row per line.`,
        );
      }
      return [];
    }
    const complete = s.slice(0, lastBreak + 1);
    this.#pending = s.slice(lastBreak + 1);
    this.#scanned = this.#pending.length;
    return parseRows(complete, this.#delimiter, newline);
  }

  /**
   * After {@link flush}, where a quote that never closed opened: its 1-based
   * line, and how many line breaks after it were read into that one field
   * (0 when it opened on the last line); null when every quote closed.
   */
  openQuote: { line: number; merged: number } | null = null;

  /** The 1-based line of the quote the text so far ends inside, or null when it ends outside quotes. */
  get quoteOpenedOn(): number | null {
    return this.#state === QUOTED ? this.#quoteLine : null;
  }

  /** Ends the text; returns the last rows (a final row may lack its line break). */
  flush(): string[][] {
    const rest = this.#pending;
    // Line breaks at the very end (after the last text) merge nothing.
    const lineEnd = this.#newline === '\r' ? '\r' : '\n';
    const trailing = rest.slice(rest.trimEnd().length).split(lineEnd).length - 1;
    this.openQuote =
      this.#state === QUOTED
        ? { line: this.#quoteLine, merged: this.#lines + 1 - this.#quoteLine - trailing }
        : null;
    this.#pending = '';
    this.#scanned = 0;
    this.#state = FIELD_START;
    return parseRows(rest, this.#delimiter, this.#newline ?? detectNewline(rest));
  }
}

/**
 * The message for a quote that never closed and swallowed the lines after it.
 *
 * @param open where the quote opened and how many line breaks it swallowed (from {@link RowSplitter.openQuote})
 */
export function unclosedQuoteMessage(open: { line: number; merged: number }): string {
  const lines =
    open.merged === 1
      ? 'the line after it was'
      : `the ${formatCount(open.merged)} lines after it were`;
  return `line ${formatCount(open.line)}: a quote (") opens a field that never closes, so ${lines} read into that one field (rows merged). Close the quote, or remove it, and import again.`;
}

/**
 * Parses a whole table (a paste, a grid CSV) into rows, as {@link parseRows}
 * does, but refuses one where a quote never closes and swallows the rows
 * after it, saying on which line it opens.
 *
 * @param file named in messages
 * @throws ImportError for a quote that never closes before the last line
 */
export function parseTable(text: string, delimiter: Delimiter, file?: string): string[][] {
  const splitter = new RowSplitter(delimiter, file);
  const rows = [...splitter.push(text), ...splitter.flush()];
  if (splitter.openQuote && splitter.openQuote.merged > 0) {
    fail(file, unclosedQuoteMessage(splitter.openQuote));
  }
  return rows;
}
