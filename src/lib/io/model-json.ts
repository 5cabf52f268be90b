import { ModelError } from '../model/errors';
import { restoreModel } from '../model/restore';
import { serializeModel } from '../model/serialize';
import type { Model } from '../model/types';

/** A model document whose text is not JSON at all (as opposed to JSON that is not a valid model). */
export class NotJsonError extends ModelError {
  /** @param detail JSON.parse's own message */
  constructor(detail: string) {
    super([{ message: `This is not a Bottleneck model: the text is not valid JSON (${detail}).` }]);
    this.name = 'NotJsonError';
  }
}

/** The largest model document read from text (a file, a link, storage), in characters. */
export const MAX_MODEL_TEXT = 2 * 1024 * 1024;

/**
 * Reads a model document from JSON text: size cap → JSON.parse → restore
 * (validate → migrate → defaults). Every untrusted model text goes through here.
 *
 * @param text the document's JSON text
 * @returns the restored model
 * @throws ModelError with a plain message when the text is too large, not JSON (a
 *   {@link NotJsonError}), or not a valid model
 */
export function parseModelJson(text: string): Model {
  if (text.length > MAX_MODEL_TEXT) {
    throw new ModelError([
      {
        message: `This document is ${(text.length / 1024 / 1024).toFixed(1)} MB; a model is at most ${MAX_MODEL_TEXT / 1024 / 1024} MB.`,
      },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new NotJsonError(error instanceof Error ? error.message : String(error));
  }
  return restoreModel(json);
}

/**
 * Writes a model as format-1 JSON text.
 *
 * @param pretty indent for people (files) or not (links, storage)
 */
export function stringifyModel(model: Model, pretty = true): string {
  return JSON.stringify(serializeModel(model), null, pretty ? 2 : undefined) + (pretty ? '\n' : '');
}
