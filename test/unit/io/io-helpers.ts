import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { ImportError } from '../../../src/lib/io/errors';
import type { CrmFile } from '../../../src/lib/io/crm/types';
import { sharedData } from '../../shared-data';

const ROOT = resolve(__dirname, '../../..');

/** The Olist export as given to the project (read-only, untouched); throws a one-line message when missing. */
export const olistDir = () => sharedData('olist-marketing-funnel');

/** Bytes of a file under test/fixtures. */
export function fixture(path: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(join(ROOT, 'test/fixtures', path)));
}

/** A CRM file from test/fixtures/crm. */
export function crmFixture(name: string): CrmFile {
  return { name, source: fixture(`crm/${name}`) };
}

/** Bytes of an Olist file. */
export function olistBytes(name: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(join(olistDir(), name)));
}

/** A replayable source that yields the bytes in chunks of `size` (as a Node stream would). */
export function inChunks(bytes: Uint8Array, size: number): () => Iterable<Uint8Array> {
  return function* () {
    for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
  };
}

/** The Olist pair in funnel order, streamed in 64 KB chunks. */
export function olistFiles(): CrmFile[] {
  return ['marketing_qualified_leads.csv', 'closed_deals.csv'].map((name) => ({
    name,
    source: inChunks(olistBytes(name), 64 * 1024),
  }));
}

/** Asserts that a step fails with an ImportError whose message matches. */
export async function expectImportError(
  step: () => unknown,
  message: RegExp,
): Promise<ImportError> {
  let caught: unknown;
  try {
    await step();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected an ImportError').toBeInstanceOf(ImportError);
  expect((caught as ImportError).message).toMatch(message);
  return caught as ImportError;
}
