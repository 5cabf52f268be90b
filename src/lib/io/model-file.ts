import type { Model } from '../model/types';
import { decodeAll } from './csv/decode';
import { readChunks, type ByteSource } from './csv/source';
import { fail, guarded } from './errors';
import { MAX_MODEL_TEXT, parseModelJson, stringifyModel } from './model-json';

/**
 * Opens a model file (.json, format 1 or older): size cap, decoding (UTF-8
 * with or without BOM, UTF-16 by BOM), then the one restore path of
 * model-json.ts (JSON.parse → migrate → validate → defaults).
 *
 * @param source the file
 * @param file its name, for messages
 * @throws ImportError naming the file: too large, not JSON, or not a valid model (with the model's problems)
 */
export function readModelFile(source: ByteSource, file = 'The model file'): Promise<Model> {
  return guarded(file, async () => {
    const parts: Uint8Array[] = [];
    // Bytes are capped at 4× the text limit: UTF-16 doubles, and a BOM or two adds a little.
    for await (const chunk of readChunks(source, { file, maxBytes: 4 * MAX_MODEL_TEXT }))
      parts.push(chunk);
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.byteLength;
    }
    if (bytes.byteLength === 0)
      fail(file, 'is empty (0 bytes); expected a Bottleneck model (.json).');
    return parseModelJson(decodeAll(bytes).text);
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
