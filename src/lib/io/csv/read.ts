import { countOf, fail, formatBytes, formatCount } from '../errors';
import { classifyColumns, type ColumnDescription, type ColumnOverride } from './columns';
import { binaryKind, ChunkDecoder, sniffEncoding, type CsvEncoding } from './decode';
import {
  delimiterName,
  detectDelimiter,
  detectHeader,
  type DelimiterChoice,
  type HeaderChoice,
} from './detect';
import { RowSplitter, unclosedQuoteMessage, type Delimiter } from './rows';
import { readChunks, sizeOf, type ByteSource, type ReadOptions } from './source';

/** Choices the user can make instead of the detected ones. */
export interface CsvOptions {
  encoding?: CsvEncoding;
  delimiter?: Delimiter;
  /** Whether the first row is a header. */
  header?: boolean;
  /** Corrections of column roles and date formats, by column name. */
  columns?: Record<string, ColumnOverride>;
}

/** What was detected in a CSV file: shown in the import preview, every choice correctable. */
export interface CsvDescription {
  file: string;
  encoding: { encoding: CsvEncoding; reason: string };
  delimiter: DelimiterChoice;
  header: HeaderChoice;
  columns: ColumnDescription[];
  /** The first data rows, for the preview. */
  preview: string[][];
  /** How many data rows the detection looked at. */
  sampled: number;
  /** Anything else worth knowing (encoding switches, ragged rows). */
  notes: string[];
}

/** Reading options: the byte source's, the user's choices, and how much to sample. */
export interface CsvReadOptions extends ReadOptions {
  csv?: CsvOptions;
  /** Characters of text to detect from (default 1 MB, about 10,000 rows). */
  sampleChars?: number;
}

/** A whole read: what was detected and how many data rows there were. */
export interface CsvSummary {
  description: CsvDescription;
  rows: number;
}

const HEAD_BYTES = 64 * 1024;
const SAMPLE_CHARS = 1024 * 1024;
const CLASSIFY_ROWS = 10_000;
const PREVIEW_ROWS = 10;

/** Column names: trimmed, blanks numbered, repeats made distinct. */
function columnNames(header: readonly string[] | null, width: number): string[] {
  const seen = new Map<string, number>();
  return Array.from({ length: width }, (_, i) => {
    const raw = header?.[i]?.trim() || `Column ${i + 1}`;
    const n = (seen.get(raw.toLowerCase()) ?? 0) + 1;
    seen.set(raw.toLowerCase(), n);
    return n === 1 ? raw : `${raw} (${n})`;
  });
}

/** Excel's first-line hint `sep=;` names the delimiter. */
const SEP_HINT = /^sep=([,;\t|])\r?\n/;

/** One pass over a CSV file: decode → sample → detect → stream rows. */
class CsvScan {
  readonly #file: string;
  readonly #csv: CsvOptions;
  readonly #sampleChars: number;
  readonly #onDescription: (description: CsvDescription) => boolean | void;
  readonly #onRow: (cells: string[], row: number) => void;
  readonly #total: number | null;
  #head = new Uint8Array(0);
  #decoder: ChunkDecoder | null = null;
  #encodingReason = '';
  #sample = '';
  #splitter: RowSplitter | null = null;
  description: CsvDescription | null = null;
  #width = 0;
  rows = 0;
  #ragged = 0;
  #lastWidth = 0;
  stopped = false;

  constructor(
    file: string,
    options: CsvReadOptions,
    onDescription: (description: CsvDescription) => boolean | void,
    onRow: (cells: string[], row: number) => void,
    total: number | null = null,
  ) {
    this.#file = file;
    this.#total = total;
    this.#csv = options.csv ?? {};
    this.#sampleChars = options.sampleChars ?? SAMPLE_CHARS;
    this.#onDescription = onDescription;
    this.#onRow = onRow;
  }

  /** Takes the next chunk of bytes. */
  bytes(chunk: Uint8Array): void {
    if (this.#decoder) {
      this.#text(this.#decoder.decode(chunk));
      return;
    }
    const joined = new Uint8Array(this.#head.length + chunk.length);
    joined.set(this.#head);
    joined.set(chunk, this.#head.length);
    this.#head = joined;
    if (joined.length >= HEAD_BYTES) this.#text(this.#startDecoding());
  }

  /** Ends the file. */
  end(): CsvDescription {
    if (!this.#decoder) {
      if (this.#head.length === 0)
        fail(this.#file, 'the file is empty (0 bytes); expected CSV text with a header row.');
      this.#text(this.#startDecoding());
    }
    this.#text((this.#decoder as ChunkDecoder).decode(new Uint8Array(0), true));
    if (this.stopped) return this.description as CsvDescription;
    if (!this.#splitter) this.#describe(true);
    else this.#emit(this.#splitter.flush());
    const done = this.description as CsvDescription | null;
    if (!done)
      return fail(this.#file, 'the file is empty; expected a header row and rows of data.');
    const open = this.#splitter?.openQuote;
    if (open && open.merged > 0) fail(this.#file, unclosedQuoteMessage(open));
    if (open) {
      done.notes.push(
        `the file ends inside a quoted field opened on line ${formatCount(open.line)}: it may be cut short.`,
      );
    } else if (this.rows > 0 && this.#lastWidth < this.#width) {
      done.notes.push(
        `the last row has ${this.#lastWidth} of ${this.#width} fields: the file may be cut short.`,
      );
    }
    if (this.#ragged > 0) {
      done.notes.push(
        `${countOf(this.#ragged, 'row')} without ${this.#width} fields; missing cells are read as blank.`,
      );
    }
    return done;
  }

  #startDecoding(): string {
    const choice = sniffEncoding(this.#head, this.#csv.encoding);
    this.#encodingReason = choice.reason;
    this.#decoder = new ChunkDecoder(choice);
    const decoded = this.#decoder.decode(this.#head);
    const binary = binaryKind(this.#head, decoded);
    if (binary) {
      fail(
        this.#file,
        `this is ${binary}, not CSV text; expected a CSV export (comma, semicolon or tab separated).`,
      );
    }
    return decoded;
  }

  /** Refuses a file whose whole detection sample holds no row: one long line, or a quote left open. */
  #noRowIn(text: string, quoteLine: number | null): never {
    const sample = formatBytes(new TextEncoder().encode(text).byteLength);
    const size = this.#total === null ? '' : ` (the file is ${formatBytes(this.#total)})`;
    return fail(
      this.#file,
      quoteLine !== null
        ? `line ${formatCount(quoteLine)}: a quote (") opens a field that does not close within the first ${sample}${size}. Expected every quoted field to end with a quote.`
        : `the first ${sample} hold no line break${size}: this is not CSV text with one row per line (a single line of text, or a file that is not a table).`,
    );
  }

  #text(decoded: string): void {
    if (this.stopped) return;
    if (this.#splitter) {
      this.#emit(this.#splitter.push(decoded));
      return;
    }
    this.#sample += decoded;
    if (this.#sample.length >= this.#sampleChars) this.#describe(false);
  }

  #emit(batch: string[][]): void {
    for (const cells of batch) {
      this.rows++;
      if (cells.length !== this.#width) this.#ragged++;
      this.#lastWidth = cells.length;
      this.#onRow(cells, this.rows);
    }
  }

  #describe(final: boolean): void {
    const csv = this.#csv;
    let text = this.#sample;
    this.#sample = '';
    const hint = SEP_HINT.exec(text);
    if (hint) text = text.slice(hint[0].length);
    const hinted = hint?.[1] as Delimiter | undefined;
    const delimiter: DelimiterChoice = csv.delimiter
      ? { delimiter: csv.delimiter, reason: `${delimiterName(csv.delimiter)}: chosen by you` }
      : hinted
        ? { delimiter: hinted, reason: `${delimiterName(hinted)}: named by the file's "sep=" line` }
        : detectDelimiter(text);
    const splitter = new RowSplitter(delimiter.delimiter, this.#file);
    this.#splitter = splitter;
    const sample = [...splitter.push(text), ...(final ? splitter.flush() : [])];
    if (sample.length === 0 && !final) this.#noRowIn(text, splitter.quoteOpenedOn);
    if (sample.length === 0)
      fail(this.#file, 'the file is empty; expected a header row and rows of data.');
    const header: HeaderChoice =
      csv.header === undefined
        ? detectHeader(sample)
        : { present: csv.header, reason: 'chosen by you' };
    const width = Math.max(...sample.slice(0, 200).map((r) => r.length));
    const names = columnNames(header.present ? (sample[0] as string[]) : null, width);
    const data = header.present ? sample.slice(1) : sample;
    const decoder = this.#decoder as ChunkDecoder;
    this.#width = names.length;
    this.description = {
      file: this.#file,
      encoding: { encoding: decoder.encoding, reason: this.#encodingReason },
      delimiter,
      header,
      columns: classifyColumns(names, data.slice(0, CLASSIFY_ROWS), csv.columns),
      preview: data.slice(0, PREVIEW_ROWS),
      sampled: Math.min(data.length, CLASSIFY_ROWS),
      notes: [...decoder.notes],
    };
    if (this.#onDescription(this.description) === false) {
      this.stopped = true;
      return;
    }
    this.#emit(data);
  }
}

/**
 * Reads a CSV file row by row without holding it whole: detects encoding,
 * delimiter, header and column roles from the first megabyte, reports them,
 * then streams every data row.
 *
 * @param source the file's bytes
 * @param options progress, cancel, size cap, and the user's corrections
 * @param onDescription called once detection is done; return `false` to stop reading there
 * @param onRow called with each data row's cells (by column index) and its 1-based data row number
 * @returns the description and the number of data rows read
 * @throws ImportError when the file is empty, binary, too large, or cancelled; holds no line
 *   break in its first megabyte; or has a quote that never closes and swallows the rows after it
 */
export async function readCsv(
  source: ByteSource,
  options: CsvReadOptions,
  onDescription: (description: CsvDescription) => boolean | void,
  onRow: (cells: string[], row: number) => void,
): Promise<CsvSummary> {
  const scan = new CsvScan(
    options.file ?? 'the file',
    options,
    onDescription,
    onRow,
    sizeOf(source),
  );
  for await (const chunk of readChunks(source, options)) {
    scan.bytes(chunk);
    if (scan.stopped) break;
  }
  const description = scan.end();
  return { description, rows: scan.rows };
}

/**
 * Detects how a CSV file is written from its first megabyte, without reading the rest.
 *
 * @throws ImportError when the file is empty, binary, too large, or cancelled
 */
export async function describeCsv(
  source: ByteSource,
  options: CsvReadOptions,
): Promise<CsvDescription> {
  const { description } = await readCsv(
    source,
    options,
    () => false,
    () => {},
  );
  return description;
}
