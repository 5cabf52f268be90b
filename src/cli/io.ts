import { readFile, stat } from 'node:fs/promises';
import { modelFileTextOf } from '../lib/io/model-file';
import { parseModelJson } from '../lib/io/model-json';
import { describeProblem, ModelError } from '../lib/model/errors';
import type { Model } from '../lib/model/types';
import { InputError } from './command';

/** The largest model file read, in bytes (checked before reading, so a huge file is never loaded). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** A ModelError as lines: the first problem, then every other one indented. */
export function describeModelError(error: ModelError): string {
  if (error.problems.length <= 1) return error.message;
  return error.problems.map((p) => `  ${describeProblem(p)}`).join('\n');
}

/**
 * Adds the line and column to a JSON.parse message that only gives a
 * character position (Node 20: "… in JSON at position 90").
 */
function withLineAndColumn(message: string, text: string): string {
  const match = /at position (\d+)(?! \(line)/.exec(message);
  if (!match) return message;
  const before = text.slice(0, Number(match[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return message.replace(match[0], `${match[0]} (line ${line}, column ${column})`);
}

/**
 * Reads a file as text (UTF-8, or UTF-16 LE/BE, as io/model-file.ts decodes a
 * model file), or explains (missing, a folder, unreadable, too large) why not.
 */
async function readText(path: string): Promise<string> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new InputError(`${path}: not a file.`);
    size = info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? `${path}: no such file.` : `${path}: cannot read it (${code ?? error}).`,
    );
  }
  if (size > MAX_FILE_BYTES) {
    throw new InputError(
      `${path}: ${(size / 1024 / 1024).toFixed(1)} MB is too large for a model (at most ${MAX_FILE_BYTES / 1024 / 1024} MB).`,
    );
  }
  try {
    return modelFileTextOf(new Uint8Array(await readFile(path)));
  } catch (error) {
    throw new InputError(`${path}: cannot read it (${(error as NodeJS.ErrnoException).code}).`);
  }
}

/**
 * Opens a model file the way the app opens any document: read → size cap →
 * JSON.parse → restoreModel (migrate, validate, defaults).
 *
 * @param path the file, relative to the working directory
 * @returns the restored model
 * @throws InputError naming the file, and the stage and field of every problem found
 */
export async function readModelFile(path: string): Promise<Model> {
  const text = await readText(path);
  try {
    return parseModelJson(text);
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    const detail = withLineAndColumn(describeModelError(error), text);
    throw new InputError(
      error.problems.length > 1
        ? `${path}: this model cannot be opened:\n${detail}`
        : `${path}: ${detail}`,
    );
  }
}

/**
 * Characters a terminal must not get from a model or a file: C0 controls
 * other than newline and tab, DEL and C1 (ESC and CSI start terminal escape
 * sequences), and the bidirectional controls that reorder what is shown
 * (U+061C, U+200E–U+200F, U+202A–U+202E such as the right-to-left override,
 * U+2066–U+2069; "Trojan Source", CVE-2021-42574).
 */
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Those of {@link UNPRINTABLE} that JSON.stringify leaves as they are (it escapes C0 itself). */
const UNESCAPED_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text made safe for a terminal: control characters other than newline and
 * tab (a model's names may hold ESC sequences) and bidirectional controls
 * (a U+202E in a name would show the rest of the line reversed) become U+FFFD.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, '\uFFFD');
}

/**
 * A value as pretty JSON that is also safe for a terminal: JSON.stringify
 * escapes C0 controls but not DEL, C1 (U+007F–U+009F) or the bidirectional
 * controls, escaped here too (`\u202e`), so the data stays exact.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    UNESCAPED_IN_JSON,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
