import { describe, expect, it } from 'vitest';
import { MAX_MODEL_TEXT, parseModelJson, stringifyModel } from '../../../src/lib/io/model-json';
import { EXAMPLES } from '../../../src/lib/model/examples';

describe('model JSON', () => {
  it.each(EXAMPLES.map((e) => [e.id, e] as const))('round-trips example %s', (_, example) => {
    const model = example.model();
    expect(parseModelJson(stringifyModel(model))).toEqual(model);
    expect(parseModelJson(stringifyModel(model, false))).toEqual(model);
  });

  it('refuses text that is not JSON with a plain message', () => {
    expect(() => parseModelJson('{"format": ')).toThrow(/not valid JSON/);
  });

  it('refuses oversized text before parsing it', () => {
    expect(() => parseModelJson(' '.repeat(MAX_MODEL_TEXT + 1))).toThrow(/at most 2 MB/);
  });

  it('refuses valid JSON that is not a model', () => {
    expect(() => parseModelJson('[1,2,3]')).toThrow(/expected a JSON object/);
  });
});
