import { readdirSync, readFileSync } from 'node:fs';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from '../../../src/lib/io/base64url';
import {
  decodeShareFragment,
  encodeShareFragment,
  fragmentOf,
  MAX_FRAGMENT_CHARS,
  ShareLinkError,
  shareUrl,
  type ShareLinkFailure,
} from '../../../src/lib/io/share-link';
import { stringifyModel } from '../../../src/lib/io/model-json';
import { ModelError } from '../../../src/lib/model/errors';
import { EXAMPLES } from '../../../src/lib/model/examples';
import { restoreModel } from '../../../src/lib/model/restore';
import { serializeModel } from '../../../src/lib/model/serialize';
import { shareLinkFigures } from '../../bench/share-link';
import { twelveStageDocument } from '../../fixtures/links/twelve-stages';

const LINKS_DIR = new URL('../../fixtures/links/', import.meta.url);

/** A fragment holding `text` compressed the way links are. */
const fragmentOfText = (text: string, prefix = 'm1.') =>
  prefix + encodeBase64url(deflateSync(new TextEncoder().encode(text), { level: 9 }));

/** The ShareLinkError thrown by decoding `link`. */
function failure(link: string): ShareLinkError {
  try {
    decodeShareFragment(link);
  } catch (error) {
    expect(error).toBeInstanceOf(ShareLinkError);
    return error as ShareLinkError;
  }
  throw new Error('the link opened');
}

describe('base64url', () => {
  it('round-trips every length of bytes without padding', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n * 11) & 0xff);
      const text = encodeBase64url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(text.length).toBe(Math.ceil((n * 4) / 3));
      expect(decodeBase64url(text)).toEqual(bytes);
    }
  });

  it('agrees with Node on the RFC alphabet', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(encodeBase64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
  });

  it('refuses characters outside the alphabet and impossible lengths', () => {
    for (const bad of ['ab=c', 'ab+c', 'ab/c', 'abé', 'a', 'abcde', 'ab c']) {
      expect(decodeBase64url(bad)).toBeNull();
    }
  });
});

describe('share links', () => {
  it.each(EXAMPLES.map((e) => [e.id, e] as const))('round-trips example %s', (_, example) => {
    const model = example.model();
    const fragment = encodeShareFragment(model);
    expect(fragment).toMatch(/^m1\.[A-Za-z0-9_-]+$/);
    expect(decodeShareFragment(fragment)).toEqual(model);
    expect(decodeShareFragment(`#${fragment}`)).toEqual(model);
    expect(decodeShareFragment(shareUrl('https://example.org/app/?x=1', model))).toEqual(model);
  });

  it('puts the fragment after the page URL, replacing any fragment it had', () => {
    const model = EXAMPLES[0]!.model();
    const link = shareUrl('https://example.org/app/#m1.old', model);
    expect(link).toBe(`https://example.org/app/#${encodeShareFragment(model)}`);
    expect(fragmentOf(link)).toBe(encodeShareFragment(model));
  });

  it('opens a link wrapped over several lines by a mail client', () => {
    const model = EXAMPLES[1]!.model();
    const link = shareUrl('https://example.org/', model);
    const wrapped = `  ${link.slice(0, 40)}\n${link.slice(40, 90)}\r\n ${link.slice(90)}\n`;
    expect(decodeShareFragment(wrapped)).toEqual(model);
  });

  it("keeps a 12-stage model's link under 2,000 characters", () => {
    const model = restoreModel(structuredClone(twelveStageDocument));
    expect(model.stages).toHaveLength(12);
    expect(model.assumptions.length).toBeGreaterThan(0);
    expect(model.stages.some((s) => s.capacity.startsWith('='))).toBe(true);
    const figures = shareLinkFigures();
    expect(figures.stages).toBe(12);
    expect(figures.characters).toBeLessThan(2000);
    expect(decodeShareFragment(shareUrl('https://x.org/', model))).toEqual(model);
  });

  describe('fixtures kept forever', () => {
    const files = readdirSync(LINKS_DIR).filter((f) => f.endsWith('.json'));

    it('has v1 link fixtures', () => {
      expect(files.length).toBeGreaterThanOrEqual(2);
    });

    it.each(files)('%s opens to the expected model', (file) => {
      const fixture = JSON.parse(readFileSync(new URL(file, LINKS_DIR), 'utf8'));
      expect(fixture.link).toMatch(/(^|#)m1\./);
      expect(serializeModel(decodeShareFragment(fixture.link))).toEqual(fixture.expected);
    });
  });

  describe('a link that cannot open gets a plain message', () => {
    const seed = stringifyModel(EXAMPLES[0]!.model(), false);

    const cases: [string, string, ShareLinkFailure, RegExp][] = [
      ['empty', 'https://example.org/#', 'empty', /holds no model/],
      ['no prefix', 'https://example.org/#hello', 'not-a-link', /not a Bottleneck share link/],
      ['prefix m0', 'm0.abcd', 'not-a-link', /not a Bottleneck share link/],
      ['newer link format', 'm2.abcd', 'newer', /newer version of Bottleneck.*update/],
      ['bad base64', 'm1.ab=cd', 'damaged', /damaged or incomplete — ask for a new one/],
      ['only a prefix', 'm1.', 'damaged', /damaged or incomplete/],
      [
        'not deflate',
        'm1.' + encodeBase64url(new Uint8Array([0xff, 0xfe, 0xfd])),
        'damaged',
        /damaged/,
      ],
      ['truncated', fragmentOfText(seed).slice(0, 60), 'damaged', /damaged or incomplete/],
      [
        'not UTF-8',
        'm1.' + encodeBase64url(deflateSync(new Uint8Array([0xc3, 0x28]))),
        'damaged',
        /damaged/,
      ],
      ['not JSON', fragmentOfText('{"format": "bottleneck-model", '), 'damaged', /damaged/],
      ['not a model', fragmentOfText('[1,2,3]'), 'damaged', /damaged/],
      [
        'newer model format',
        fragmentOfText('{"format":"bottleneck-model","version":99,"stages":[]}'),
        'newer',
        /newer Bottleneck \(format 99\).*Update the app/,
      ],
    ];

    it.each(cases)('%s', (_, link, reason, message) => {
      const error = failure(link);
      expect(error).toBeInstanceOf(ModelError);
      expect(error.reason).toBe(reason);
      expect(error.message).toMatch(message);
    });

    it('lists what is wrong inside a model that fails validation', () => {
      const doc = serializeModel(EXAMPLES[0]!.model()) as { stages: { next?: string }[] };
      doc.stages[0]!.next = 'nowhere';
      const error = failure(fragmentOfText(JSON.stringify(doc)));
      expect(error.reason).toBe('invalid');
      expect(error.message).toBe(
        'This link arrived whole, but the model in it cannot be opened: Stage "Qualified accounts" (accounts), field "next": no stage has the id "nowhere". Ask for a new link.',
      );
      expect(error.problems.slice(1)).toContainEqual(
        expect.objectContaining({ field: 'next', message: expect.stringMatching(/nowhere/) }),
      );
    });

    it('says which rule an intact link breaks, not that it is damaged (issue 9, item 28)', () => {
      const doc = serializeModel(EXAMPLES[0]!.model()) as Record<string, unknown>;
      const horizon = failure(fragmentOfText(JSON.stringify({ ...doc, horizon: 1e9 })));
      expect(horizon.reason).toBe('invalid');
      expect(horizon.message).toBe(
        'This link arrived whole, but the model in it cannot be opened: the horizon must be 1–520 periods (a whole number). Ask for a new link.',
      );
      const stages = Array.from({ length: 501 }, (_, i) => ({ id: `s${i}`, name: `S${i}` }));
      const many = failure(fragmentOfText(JSON.stringify({ ...doc, stages })));
      expect(many.reason).toBe('invalid');
      expect(many.message).toBe(
        'This link arrived whole, but the model in it cannot be opened: the list of stages holds 501; a model holds at most 500 stages. Ask for a new link.',
      );
      const both = failure(fragmentOfText(JSON.stringify({ ...doc, horizon: 0, period: 'x' })));
      expect(both.message).toMatch(/: the period must be one of .*\(and 1 more problems\)\. Ask/);
    });

    it('refuses an oversized fragment before decoding it', () => {
      const error = failure('m1.' + 'A'.repeat(MAX_FRAGMENT_CHARS));
      expect(error.reason).toBe('too-large');
      expect(error.message).toMatch(/too large \(65 KB; a share link holds at most 64 KB\)/);
      expect(failure('x'.repeat(10 * MAX_FRAGMENT_CHARS)).reason).toBe('too-large');
    });

    it('refuses input that is not text', () => {
      expect(failure(42 as unknown as string).reason).toBe('damaged');
    });
  });
});
