import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { shareUrl } from '../../src/lib/io/share-link';
import { referenceExample } from '../../src/lib/model/examples/reference';
import { restoreModel } from '../../src/lib/model/restore';
import { analysed, cell, SUMMARY } from './app-helpers';
import { screenshot, useApp } from './browser';

const app = useApp();

/** The reference chain with Contact's capacity written as a formula. */
const chain = (capacity: string) =>
  restoreModel({
    ...structuredClone(referenceExample),
    name: 'AE team',
    assumptions: [{ name: 'AEs', value: '30', note: 'account executives' }],
    stages: referenceExample.stages.map((s) => (s.id === 'contact' ? { ...s, capacity } : s)),
  });

const summary = (page: Page) => page.locator(SUMMARY).innerText();
const aes = (page: Page) =>
  page.locator('table[aria-label="Assumptions"] td[data-field="value"]').first().innerText();
const elevate = (page: Page) =>
  page.locator('[data-step="elevate"]').getByRole('button', { name: /^Apply: Contact capacity/ });

async function open(capacity: string): Promise<Page> {
  const page = await app.open(shareUrl(app.baseURL, chain(capacity)), { ready: SUMMARY });
  await analysed(page);
  await expect.poll(() => summary(page)).toMatch(/The constraint is Contact\./);
  return page;
}

describe('Apply keeps formulas', () => {
  test('Elevate on =AEs*50 changes AEs, keeps the formula, says so, and Undo restores it', async () => {
    const page = await open('=AEs*50');
    expect(await aes(page)).toBe('30');
    await elevate(page).click();
    const toast = page.locator('.toast');
    await expect
      .poll(() => toast.innerText())
      .toMatch(/^Applied: AEs 30 → 32\.02 \(Contact capacity =AEs\*50 now gives 1601\)\./);
    await expect.poll(() => summary(page)).toMatch(/The constraint is Meeting\./);
    expect(await aes(page)).toBe('32.02');
    expect(await cell(page, 'contact', 'capacity').innerText()).toBe('1,601');
    await cell(page, 'contact', 'capacity').click();
    await page.keyboard.press('F2');
    expect(
      await page
        .locator('table[aria-label="Funnel"] input, table[aria-label="Funnel"] textarea')
        .first()
        .inputValue(),
    ).toBe('=AEs*50');
    await page.keyboard.press('Escape');
    await screenshot(page, 'apply-toast');

    await toast.getByRole('button', { name: 'Undo apply' }).click();
    await expect.poll(() => aes(page)).toBe('30');
    await expect.poll(() => summary(page)).toMatch(/The constraint is Contact\./);
    expect(await page.getByRole('button', { name: 'Undo', exact: true }).isDisabled()).toBe(true);
  });

  test('a formula on another cell asks before it is overwritten; Cancel keeps it, Overwrite applies', async () => {
    const page = await open('=C2*0.75');
    await elevate(page).click();
    const ask = page.getByRole('alertdialog', { name: 'Overwrite a formula?' });
    await ask.waitFor();
    expect(await ask.innerText()).toMatch(
      /Contact capacity \(E3\) holds the formula =C2\*0\.75\. Applying replaces it with the number 1601\./,
    );
    await screenshot(page, 'apply-confirm');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    expect(await ask.count()).toBe(0);
    expect(await summary(page)).toMatch(/The constraint is Contact\./);

    await elevate(page).click();
    await ask.getByRole('button', { name: 'Overwrite' }).click();
    await expect.poll(() => summary(page)).toMatch(/The constraint is Meeting\./);
    expect(await page.locator('.toast').innerText()).toMatch(
      /^Applied: Contact capacity =C2\*0\.75 → 1601\./,
    );
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => summary(page)).toMatch(/The constraint is Contact\./);
  });
});
