import type { Model } from '../model/types';
import { decodeAll } from './csv/decode';
import { readChunks, sizeOf, type ByteSource } from './csv/source';
import { fail, formatBytes, guarded } from './errors';
import { joinBytes } from './inflate-slices';
import { MAX_MODEL_TEXT, parseModelJson, stringifyModel } from './model-json';

/** The most bytes of a model file read: UTF-16 doubles the text limit, and a BOM adds a little. */
export const MAX_MODEL_FILE_BYTES = 4 * MAX_MODEL_TEXT;

/**
 * A model file's text from its bytes: UTF-8 with or without a byte-order
 * mark, UTF-16 LE or BE by its BOM, or without one when the first
 * character's bytes show it (JSON starts with an ASCII character, so a NUL
 * beside it means UTF-16). Anything else decodes as the CSV reader does.
 *
 * @param bytes the whole file
 * @returns the text, BOM removed
 */
export function modelFileTextOf(bytes: Uint8Array): string {
  const [a, b] = bytes;
  if (bytes.length >= 2 && a !== 0 && b === 0) return decodeAll(bytes, 'utf-16le').text;
  if (bytes.length >= 2 && a === 0 && b !== 0) return decodeAll(bytes, 'utf-16be').text;
  return decodeAll(bytes).text;
}

/**
 * Opens a model file (.json, format 1 or older): size cap, decoding (see
 * {@link modelFileTextOf}), then the one restore path of model-json.ts
 * (JSON.parse → migrate → validate → defaults).
 *
 * @param source the file
 * @param file its name, for messages
 * @throws ImportError naming the file: too large, empty, not JSON, or not a valid model (with the model's problems)
 */
export function readModelFile(source: ByteSource, file = 'The model file'): Promise<Model> {
  return guarded(file, async () => {
    const size = sizeOf(source);
    if (size !== null && size > MAX_MODEL_FILE_BYTES) {
      fail(
        file,
        `is ${formatBytes(size)}; a model file is read up to ${formatBytes(MAX_MODEL_FILE_BYTES)} (a 500-stage model is well under 1 MB).`,
      );
    }
    const parts: Uint8Array[] = [];
    for await (const chunk of readChunks(source, { file, maxBytes: MAX_MODEL_FILE_BYTES }))
      parts.push(chunk);
    const bytes = joinBytes(parts);
    if (bytes.byteLength === 0)
      fail(file, 'is empty (0 bytes); expected a Bottleneck model (.json).');
    return parseModelJson(modelFileTextOf(bytes));
  });
}

/** A file name for a model: its name made safe for file systems, then the extension. */
export function fileNameFor(model: Model, extension: string): string {
  const base =
    model.name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 80) || 'model';
  return `${base}.${extension.replace(/^\./, '')}`;
}

/** The model file's text (format-1 JSON, indented), as model-json.ts writes it. */
export const modelFileText = (model: Model): string => stringifyModel(model, true);
