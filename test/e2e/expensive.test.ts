import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { decodeShareFragment, encodeShareFragment } from '../../src/lib/io/share-link';
import { parseModelJson } from '../../src/lib/io/model-json';
import { restoreModel } from '../../src/lib/model/restore';
import type { Model } from '../../src/lib/model/types';
import { fingerprint, MARK_KEY } from '../../src/lib/state/compute/unfinished';
import { fiveHundredSumproducts } from '../fixtures/links/five-hundred-sumproducts';
import { analysed, cell, SUMMARY, typeInto } from './app-helpers';
import { screenshot, useApp } from './browser';

// Issue 9 items 22 and 24 in the built app: links whose formulas froze the
// worker for half an hour or crashed the engine open, stay responsive, and
// mark the cells; a model that stopped the app last time opens safely.
const app = useApp();

const fixture = () =>
  parseModelJson(readFileSync('test/fixtures/cli/expensive-formulas.json', 'utf8'));

/** The 500-stage link of SUMPRODUCTs over the whole grid (a 7 KB link in the report). */
const fiveHundred = () => restoreModel(fiveHundredSumproducts('Five hundred SUMPRODUCTs'));

const link = (model: Model) => `#${encodeShareFragment(model)}`;
const titleOf = (page: Page, stage: string, field: string) =>
  cell(page, stage, field).getAttribute('title');

describe('formulas that froze or crashed the engine', () => {
  test('the crashers open, each marked in its own cell, and the app answers edits', async () => {
    const page = await app.open(link(fixture()), { ready: SUMMARY });
    await analysed(page);
    await expect.poll(() => titleOf(page, 'contact', 'capacity')).toMatch(/Covers too many cells/);
    expect(await titleOf(page, 'reply', 'capacity')).toMatch(/Too deeply nested/);
    expect(await titleOf(page, 'meeting', 'capacity')).toMatch(/Covers too many cells/);
    expect(await titleOf(page, 'won', 'capacity')).toMatch(/Too long a text/);
    expect(await page.locator('.compute-error').count()).toBe(0);
    await screenshot(page, 'expensive-formulas');

    await typeInto(page, 'leads', 'capacity', '=AEs*5');
    await expect.poll(() => cell(page, 'leads', 'capacity').innerText()).toBe('20');
  });

  test('the 500-stage SUMPRODUCT link opens and stays responsive', async () => {
    const page = await app.open(link(fiveHundred()), { ready: SUMMARY });
    await analysed(page);
    await expect.poll(() => titleOf(page, 's499', 'capacity')).toMatch(/Covers too many cells/);
    expect(await titleOf(page, 's0', 'capacity')).toMatch(/Covers too many cells/);
    await typeInto(page, 's0', 'arrivals', '250');
    await expect.poll(() => cell(page, 's0', 'arrivals').innerText()).toBe('250');
  });

  test('a model that stopped the app last time opens safely, then normally on request', async () => {
    const model = fixture();
    // The mark the app leaves while a long compute runs, as if the tab had died in it.
    const marked = fingerprint(decodeShareFragment(encodeShareFragment(model)));
    await app.context().addInitScript(
      ({ key, value }) => {
        if (location.protocol.startsWith('http')) localStorage.setItem(key, value);
      },
      { key: MARK_KEY, value: marked },
    );
    const page = await app.open(link(model), { ready: SUMMARY });
    const banner = page.getByRole('alert').filter({ hasText: 'stopped the app last time' });
    await expect.poll(() => banner.count()).toBe(1);
    await expect
      .poll(() => titleOf(page, 'leads', 'capacity'))
      .toMatch(/Not computed: this model stopped the app/);
    await screenshot(page, 'expensive-opened-safely');

    await banner.getByRole('button', { name: 'Open normally' }).click();
    await expect.poll(() => cell(page, 'leads', 'capacity').innerText()).toBe('2,000');
    expect(await titleOf(page, 'reply', 'capacity')).toMatch(/Too deeply nested/);
    expect(await banner.count()).toBe(0);
  });
});
