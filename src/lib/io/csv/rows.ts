import Papa from 'papaparse';
import { fail } from '../errors';

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
   * @throws ImportError when a quote stays open for more than 4 MB of text
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
      if (state === QUOTED) {
        if (c === 34) state = AFTER_CLOSE;
      } else if (c === lineEnd) {
        state = FIELD_START;
        lastBreak = i;
      } else if (c === delimiter) {
        state = FIELD_START;
      } else if (c === 34 && (state === FIELD_START || state === AFTER_CLOSE)) {
        state = QUOTED;
      } else {
        state = UNQUOTED;
      }
    }
    this.#state = state;
    if (lastBreak < 0) {
      this.#scanned = s.length;
      if (s.length > MAX_ROW_CHARS) {
        fail(
          this.#file,
          `a row runs on for more than ${MAX_ROW_CHARS / 1024 / 1024} MB without ending; a quote (") is probably never closed. Expected every quoted field to end with a quote.`,
        );
      }
      return [];
    }
    const complete = s.slice(0, lastBreak + 1);
    this.#pending = s.slice(lastBreak + 1);
    this.#scanned = this.#pending.length;
    return parseRows(complete, this.#delimiter, newline);
  }

  /** True after {@link flush} when the text ended inside a quoted field (a file cut short). */
  unclosedQuote = false;

  /** Ends the text; returns the last rows (a final row may lack its line break). */
  flush(): string[][] {
    const rest = this.#pending;
    this.unclosedQuote = this.#state === QUOTED;
    this.#pending = '';
    this.#scanned = 0;
    this.#state = FIELD_START;
    return parseRows(rest, this.#delimiter, this.#newline ?? detectNewline(rest));
  }
}
