import { deflateSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from '../../../src/lib/io/base64url';
import { stringifyModel } from '../../../src/lib/io/model-json';
import {
  decodeShareFragment,
  encodeShareFragment,
  inflateCapped,
  MAX_FRAGMENT_CHARS,
  MAX_INFLATED_BYTES,
  ShareLinkError,
} from '../../../src/lib/io/share-link';
import { EXAMPLES } from '../../../src/lib/model/examples';
import { serializeModel } from '../../../src/lib/model/serialize';

/* Hostile links: whatever arrives, decoding returns a valid model or throws a
   ShareLinkError with a message, never anything else. Seeded, so a failure
   replays; add a failing seed's link to the cases below when one turns up. */

const SEED = 20260415;
const MODELS = EXAMPLES.map((e) => e.model());
const LINKS = MODELS.map(encodeShareFragment);

const compress = (bytes: Uint8Array) => 'm1.' + encodeBase64url(deflateSync(bytes, { level: 9 }));
const compressText = (text: string) => compress(new TextEncoder().encode(text));
const bytesOf = (link: string) => decodeBase64url(link.slice(3))!;

/**
 * Decodes `link`; true when the outcome is a model that survives its own round
 * trip or the friendly error. Plain checks rather than `expect`, whose cost
 * would dominate ten thousand runs; fast-check reports the failing link.
 */
function decodesSafely(link: string): boolean {
  let model;
  try {
    model = decodeShareFragment(link);
  } catch (error) {
    return error instanceof ShareLinkError && error.message.length > 10;
  }
  return stringifyModel(decodeShareFragment(encodeShareFragment(model))) === stringifyModel(model);
}

const base = fc.integer({ min: 0, max: LINKS.length - 1 }).map((i) => LINKS[i]!);

/** One bit of the compressed bytes flipped (deflate-raw has no checksum, so many still inflate). */
const bitFlip = fc.tuple(base, fc.nat(), fc.integer({ min: 0, max: 7 })).map(([link, at, bit]) => {
  const bytes = bytesOf(link);
  bytes[at % bytes.length]! ^= 1 << bit;
  return 'm1.' + encodeBase64url(bytes);
});

/** Cut off anywhere, as a chat app or a careless copy does. */
const truncation = fc.tuple(base, fc.nat()).map(([link, at]) => link.slice(0, at % link.length));

/** Characters replaced or inserted, including ones outside base64url. */
const charEdit = fc
  .tuple(
    base,
    fc.nat(),
    fc.constantFrom('=', '+', '/', '%', '.', 'é', '\u0000', 'A', '_', '-'),
    fc.boolean(),
  )
  .map(([link, at, ch, insert]) => {
    const i = 3 + (at % (link.length - 3));
    return link.slice(0, i) + ch + link.slice(insert ? i : i + 1);
  });

/** Valid compression of garbage bytes. */
const garbageBytes = fc.uint8Array({ maxLength: 400 }).map(compress);

/** Valid compression of arbitrary JSON. */
const garbageJson = fc.jsonValue({ maxDepth: 4 }).map((v) => compressText(JSON.stringify(v)));

/** A real model with one field set to an arbitrary JSON value (or a hostile string). */
const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-0',
    '1e999',
    '__proto__',
    '=1/0',
    '<img src=x onerror=alert(1)>',
  ),
);
const fieldMutation = fc
  .tuple(
    fc.integer({ min: 0, max: MODELS.length - 1 }),
    fc.constantFrom('top', 'stage', 'loop', 'assumption'),
    fc.nat(),
    fc.string({ maxLength: 20 }),
    hostileValue,
  )
  .map(([m, where, at, key, value]) => {
    const doc = serializeModel(MODELS[m]!) as Record<string, unknown> & {
      stages: Record<string, unknown>[];
      loop: Record<string, unknown>;
      assumptions: Record<string, unknown>[];
    };
    const keys = [
      'id',
      'name',
      'next',
      'arrivals',
      'conversion',
      'capacity',
      'lag',
      'version',
      key,
    ];
    const target =
      where === 'stage'
        ? doc.stages[at % doc.stages.length]
        : where === 'loop'
          ? doc.loop
          : where === 'assumption'
            ? (doc.assumptions[0] ?? doc)
            : doc;
    target![keys[at % keys.length]!] = value;
    return compressText(JSON.stringify(doc));
  });

/** Documents built to hurt: prototype keys, NaN, huge and deep arrays. */
const HOSTILE_TEXTS = [
  '{"__proto__":{"polluted":true},"format":"bottleneck-model","version":1,"stages":[]}',
  '{"format":"bottleneck-model","version":1,"stages":[{"id":"__proto__","name":"x"}],"constructor":{"prototype":{"polluted":true}}}',
  '{"format":"bottleneck-model","version":1,"stages":[{"id":"a","name":"A","__proto__":{"polluted":true}}]}',
  '{"format":"bottleneck-model","version":NaN,"stages":[]}',
  '{"format":"bottleneck-model","version":1,"horizon":NaN,"stages":[]}',
  '{"format":"bottleneck-model","version":1,"horizon":1e999,"stages":[]}',
  '{"format":"bottleneck-model","version":1e999,"stages":[]}',
  `{"format":"bottleneck-model","version":1,"stages":[${'{"id":"a","name":"A"},'.repeat(20000)}{"id":"b","name":"B"}]}`,
  `{"format":"bottleneck-model","version":1,"stages":[${'0,'.repeat(500000)}0]}`,
  `{"format":"bottleneck-model","version":1,"assumptions":[${'[],'.repeat(100000)}[]],"stages":[]}`,
  `{"format":"bottleneck-model","version":1,"stages":${'['.repeat(100000)}${']'.repeat(100000)}}`,
  `{"format":"bottleneck-model","version":1,"name":"${'x'.repeat(1_000_000)}","stages":[]}`,
];

describe('share-link fuzz', () => {
  it('survives hand-built hostile documents without polluting prototypes', () => {
    for (const text of HOSTILE_TEXTS)
      expect(decodesSafely(compressText(text)), text.slice(0, 80)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  // A generous timeout for a loaded machine; the run takes ~3 s (speed is the benchmark's business).
  it('survives 10,000 mutated links', { timeout: 60_000 }, () => {
    let runs = 0;
    fc.assert(
      fc.property(
        fc.oneof(bitFlip, truncation, charEdit, garbageBytes, garbageJson, fieldMutation),
        (link) => {
          runs++;
          return decodesSafely(link);
        },
      ),
      { seed: SEED, numRuns: 10_000 },
    );
    expect(runs).toBe(10_000);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('opens every unmutated link (the mutations start from valid links)', () => {
    LINKS.forEach((link, i) =>
      expect(stringifyModel(decodeShareFragment(link))).toBe(stringifyModel(MODELS[i]!)),
    );
  });
});

/** Ten decompression bombs: each under the fragment cap, each inflating far past 2 MiB. */
function bombs(): { name: string; bytes: Uint8Array; size: number }[] {
  const enc = (s: string) => new TextEncoder().encode(s);
  const MiB = 1024 * 1024;
  const head = '{"format":"bottleneck-model","version":1,"name":"';
  const repeated = (unit: Uint8Array, times: number) => {
    const out = new Uint8Array(unit.length * times);
    for (let i = 0; i < times; i++) out.set(unit, i * unit.length);
    return out;
  };
  const random = Uint8Array.from({ length: 1024 }, (_, i) => (i * 2654435761) >>> 24);
  const raw: [string, Uint8Array][] = [
    ['3 MiB of zeros', new Uint8Array(3 * MiB)],
    ['40 MiB of zeros', new Uint8Array(40 * MiB)],
    ['just over the cap', enc('A'.repeat(MAX_INFLATED_BYTES + 1))],
    ['a 10 MiB model name', enc(head + 'a'.repeat(10 * MiB) + '"}')],
    ['20 MiB of JSON whitespace', enc('{' + ' '.repeat(20 * MiB) + '}')],
    [
      '6 MiB of repeated stages',
      enc('{"stages":[' + '{"id":"a","name":"A"},'.repeat(MiB / 4) + ']}'),
    ],
    ['5 MiB of nested arrays', enc('['.repeat(5 * MiB))],
    ['a random KiB repeated 4,096 times', repeated(random, 4096)],
    ['12 MiB of "ab"', enc('ab'.repeat(6 * MiB))],
    ['30 MiB of 0xff', new Uint8Array(30 * MiB).fill(0xff)],
  ];
  return raw.map(([name, data]) => ({
    name,
    bytes: deflateSync(data, { level: 9 }),
    size: data.length,
  }));
}

describe('decompression bombs', () => {
  const cases = bombs();

  it('are ten, each a link under the fragment cap', () => {
    expect(cases).toHaveLength(10);
    for (const bomb of cases) {
      expect(bomb.size).toBeGreaterThan(MAX_INFLATED_BYTES);
      expect(('m1.' + encodeBase64url(bomb.bytes)).length).toBeLessThanOrEqual(MAX_FRAGMENT_CHARS);
    }
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    '%s is refused after inflating just past the cap',
    (_, bomb) => {
      const result = inflateCapped(bomb.bytes, MAX_INFLATED_BYTES);
      expect(result.ok).toBe(false);
      const inflated = result.ok ? result.bytes.length : result.inflated;
      expect(inflated).toBeGreaterThan(MAX_INFLATED_BYTES);
      // One 64-byte input chunk inflates to at most ~66 KB (deflate's 1032:1 limit).
      expect(inflated).toBeLessThanOrEqual(MAX_INFLATED_BYTES + 128 * 1024);

      let error: unknown;
      try {
        decodeShareFragment('https://example.org/#m1.' + encodeBase64url(bomb.bytes));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ShareLinkError);
      expect((error as ShareLinkError).reason).toBe('too-large');
      expect((error as ShareLinkError).message).toMatch(
        /too large: its model unpacks to more than 2 MB/,
      );
    },
  );

  it('a document just under the cap still inflates whole', () => {
    const data = new TextEncoder().encode('B'.repeat(MAX_INFLATED_BYTES));
    const result = inflateCapped(deflateSync(data), MAX_INFLATED_BYTES);
    expect(result.ok).toBe(true);
    // Buffer.equals, not toEqual: a deep comparison of 2 MiB element by element takes seconds.
    expect(result.ok && Buffer.from(result.bytes).equals(data)).toBe(true);
  });
});
