import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { screenshot, useApp } from './browser';
import {
  analysed,
  cell,
  modelName,
  rename,
  saved,
  savedModels,
  saveStatus,
  SUMMARY,
  typeInto,
} from './app-helpers';

// Keeping and sharing models in the built app: every edit saved in
// IndexedDB, share links, two tabs, and no IndexedDB at all.
const app = useApp();

const openApp = async (path = '') => {
  const page = await app.open(path, { ready: SUMMARY });
  await analysed(page);
  return page;
};

describe('every edit is kept', () => {
  test('an edit survives a reload', async () => {
    const page = await openApp();
    expect(await saveStatus(page)).toBe('Saved');
    await typeInto(page, 'accounts', 'arrivals', '2500');
    await saved(page);
    await page.reload();
    await page.locator(SUMMARY).waitFor();
    expect(await cell(page, 'accounts', 'arrivals').innerText()).toMatch(/^2,?500$/);
    expect(await saveStatus(page)).toBe('Saved');
  });

  test('an edit survives the tab being closed 50 ms after typing', async () => {
    const first = await openApp();
    await typeInto(first, 'accounts', 'arrivals', '3300');
    await first.waitForTimeout(50);
    await first.close();
    const again = await openApp();
    expect(await cell(again, 'accounts', 'arrivals').innerText()).toMatch(/^3,?300$/);
    await saved(again);
    // Written to IndexedDB now, not only brought back: a further reload shows it too.
    await again.reload();
    await again.locator(SUMMARY).waitFor();
    expect(await cell(again, 'accounts', 'arrivals').innerText()).toMatch(/^3,?300$/);
  });
});

describe('the Models menu', () => {
  test('lists saved models; new, duplicate, rename and delete with Undo, by keyboard', async () => {
    const page = await openApp();
    const models = page.getByRole('button', { name: 'Models' });
    await models.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Models' });
    expect(await menu.getByText(/Saved (just now|\d+ min ago)/).count()).toBe(1);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('New model');
    await page.keyboard.press('Enter');
    await expect.poll(() => modelName(page)).toBe('Untitled model');
    await saved(page);

    await models.click();
    await menu.getByRole('menuitem', { name: 'Rename Untitled model' }).click();
    await page.keyboard.type('Inbound plan');
    await page.keyboard.press('Enter');
    await expect.poll(() => modelName(page)).toBe('Inbound plan');
    await menu.getByRole('menuitem', { name: 'Duplicate Inbound plan' }).click();
    await expect.poll(() => modelName(page)).toBe('Inbound plan (copy)');
    await expect
      .poll(async () => (await savedModels(page)).sort())
      .toEqual(['Inbound plan', 'Inbound plan (copy)', 'Outbound — AE constrained']);

    await models.click();
    await screenshot(page, 'models-menu');
    await menu.getByRole('menuitem', { name: 'Delete Inbound plan (copy)' }).click();
    await expect.poll(() => modelName(page)).not.toBe('Inbound plan (copy)');
    expect(await savedModels(page)).not.toContain('Inbound plan (copy)');
    await page.getByRole('button', { name: 'Undo delete' }).click();
    await expect.poll(() => modelName(page)).toBe('Inbound plan (copy)');
    expect(await savedModels(page)).toContain('Inbound plan (copy)');
  });
});

describe('Recently deleted', () => {
  test('a deleted model stays 30 days after its toast has gone, and Restore brings it back', async () => {
    const page = await openApp();
    await page.getByRole('button', { name: 'Models' }).click();
    await page.getByRole('menuitem', { name: 'New model' }).click();
    await expect.poll(() => modelName(page)).toBe('Untitled model');
    await rename(page, 'Old plan');
    await saved(page);

    await page.getByRole('button', { name: 'Models' }).click();
    await page.getByRole('menuitem', { name: 'Delete Old plan' }).click();
    const toast = page.getByRole('status').filter({ hasText: 'Deleted “Old plan”' });
    expect(await toast.innerText()).toMatch(/stays in Models › Recently deleted for 30\s+days/);
    await toast.getByRole('button', { name: 'Dismiss' }).click();
    expect(await savedModels(page)).toEqual(['Outbound — AE constrained']);
    await page.reload();
    await page.locator(SUMMARY).waitFor();

    await page.getByRole('button', { name: 'Models' }).click();
    const menu = page.getByRole('menu', { name: 'Models' });
    await menu.getByRole('menuitem', { name: 'Recently deleted (1)' }).click();
    const deleted = menu.getByRole('group', { name: 'Recently deleted' });
    expect(await deleted.innerText()).toMatch(
      /Old plan\s+Deleted just now · restorable until \d{1,2} [A-Z][a-z]{2}/,
    );
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()))
      .toBe('← Saved models');
    await screenshot(page, 'recently-deleted');
    await deleted.getByRole('menuitem', { name: 'Restore Old plan' }).click();
    await expect.poll(() => modelName(page)).toBe('Old plan');
    await saved(page);
    expect((await savedModels(page)).sort()).toEqual(['Old plan', 'Outbound — AE constrained']);
    await page.getByRole('button', { name: 'Models' }).click();
    expect(await menu.getByRole('menuitem', { name: 'Recently deleted' }).innerText()).toBe(
      'Recently deleted',
    );
  });
});

describe('share links', () => {
  test('a link opened in a fresh browser shows the same model and leaves its own models alone', async () => {
    const context = app.context();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await openApp();
    await rename(page, 'Shared funnel');
    await typeInto(page, 'accounts', 'arrivals', '4242');
    await page.getByRole('button', { name: 'Share' }).click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toMatch(/Link copied/);
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link.startsWith(`${app.baseURL}#m1.`)).toBe(true);
    await screenshot(page, 'share-copied');

    const fresh = await context.browser()!.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const own = await fresh.newPage();
      await own.goto(app.baseURL);
      await own.locator(SUMMARY).waitFor();
      await rename(own, 'My own funnel');
      await saved(own);
      await own.close();

      const shared = await fresh.newPage();
      await shared.goto(link);
      await shared.locator(SUMMARY).waitFor();
      expect(await modelName(shared)).toBe('Shared funnel');
      expect(await cell(shared, 'accounts', 'arrivals').innerText()).toMatch(/^4,?242$/);
      expect(await shared.getByText('Shared model — Save to keep.').count()).toBe(1);
      expect(await saveStatus(shared)).toBe('Not saved');
      expect(new URL(shared.url()).hash).toBe('');
      await analysed(shared);
      await screenshot(shared, 'share-opened');
      expect(await savedModels(shared)).toEqual(['My own funnel']);

      await shared.reload();
      await shared.locator(SUMMARY).waitFor();
      expect(await modelName(shared)).toBe('My own funnel');
      expect(await cell(shared, 'accounts', 'arrivals').innerText()).toMatch(/^2,?000$/);
    } finally {
      await fresh.close();
    }
  });

  test('Save adds the shared model to the library', async () => {
    const page = await openApp();
    await rename(page, 'To be shared');
    await saved(page);
    // A browser that refuses the clipboard: the link shows in a popover to copy by hand.
    await page.evaluate(() =>
      Object.defineProperty(navigator, 'clipboard', {
        value: { writeText: () => Promise.reject(new DOMException('Denied', 'NotAllowedError')) },
      }),
    );
    await page.getByRole('button', { name: 'Share' }).click();
    const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
    await screenshot(page, 'share-by-hand');
    await page.getByRole('button', { name: 'Done' }).click();
    await rename(page, 'Mine');
    await saved(page);
    const shared = await openApp(link);
    await shared.getByRole('button', { name: 'Save', exact: true }).click();
    await saved(shared);
    expect(await shared.getByText('Shared model — Save to keep.').count()).toBe(0);
    await expect
      .poll(async () => (await savedModels(shared)).sort())
      .toEqual(['Mine', 'To be shared']);
  });

  test('a garbage link gets a plain message and the app works on with the last model', async () => {
    const page = await openApp();
    await rename(page, 'Last model');
    await saved(page);
    const broken = await openApp('#m1.Zm9vYmFyIGdhcmJhZ2U-not-deflate');
    const alert = broken.getByRole('alert').filter({ hasText: 'share link could not be opened' });
    expect(await alert.innerText()).toMatch(/damaged or incomplete/);
    expect(await modelName(broken)).toBe('Last model');
    expect(new URL(broken.url()).hash).toBe('');
    await typeInto(broken, 'accounts', 'arrivals', '1999');
    await saved(broken);
    await screenshot(broken, 'share-garbage-link');
  });

  test('a link with a stray % gets the plain message, and the page throws nothing', async () => {
    const page = await openApp();
    await rename(page, 'Last model');
    await saved(page);
    const errors: string[] = [];
    const broken = await app.context().newPage();
    broken.on('pageerror', (error) => errors.push(error.message));
    await broken.goto(new URL('#m1.eNqrVkrOLy1JBZIA%%zz', app.baseURL).href);
    await broken.locator(SUMMARY).waitFor();
    const alert = broken.getByRole('alert').filter({ hasText: 'share link could not be opened' });
    expect(await alert.innerText()).toMatch(/damaged or incomplete/);
    expect(await modelName(broken)).toBe('Last model');
    expect(new URL(broken.url()).hash).toBe('');
    expect(errors).toEqual([]);
  });
});

describe('two tabs and no storage', () => {
  test('two pages on one model update each other, never overwrite newer work, and never drop an edit', async () => {
    const a = await openApp();
    const b = await openApp();
    await typeInto(a, 'accounts', 'arrivals', '111');
    await saved(a);
    await expect.poll(() => cell(b, 'accounts', 'arrivals').innerText()).toBe('111');

    // Both edit before either has saved (both commit with Enter at once):
    // whoever writes second must not overwrite the other's newer work.
    for (const [page, text] of [
      [b, '222'],
      [a, '333'],
    ] as const) {
      await cell(page, 'accounts', 'arrivals').click();
      await page.keyboard.type(text);
    }
    await Promise.all([b.keyboard.press('Enter'), a.keyboard.press('Enter')]);
    const banner = (page: Page) =>
      page.getByRole('alert').filter({ hasText: 'your edits are in a copy' });
    await expect.poll(async () => (await banner(a).count()) + (await banner(b).count())).toBe(1);
    const [loser, winner] = (await banner(a).count()) ? [a, b] : [b, a];
    const lost = loser === a ? '333' : '222';
    const kept = loser === a ? '222' : '333';
    // The loser's edit is not dropped: it is saved at once as a conflict copy, which the tab goes on editing.
    expect(await banner(loser).innerText()).toMatch(
      /Your edits are kept as “Outbound — AE constrained \(conflict copy\)”, and this tab goes on saving them there/,
    );
    await expect.poll(() => modelName(loser)).toBe('Outbound — AE constrained (conflict copy)');
    expect(await cell(loser, 'accounts', 'arrivals').innerText()).toBe(lost);
    expect(await cell(winner, 'accounts', 'arrivals').innerText()).toBe(kept);
    await saved(loser);
    await screenshot(loser, 'two-tabs-conflict');

    // Edits after the warning are kept too, through a reload of that tab.
    await typeInto(loser, 'accounts', 'arrivals', '444');
    await saved(loser);
    await loser.reload();
    await loser.locator(SUMMARY).waitFor();
    expect(await modelName(loser)).toBe('Outbound — AE constrained (conflict copy)');
    expect(await cell(loser, 'accounts', 'arrivals').innerText()).toBe('444');
    await winner.reload();
    await winner.locator(SUMMARY).waitFor();
    expect(await modelName(winner)).toBe('Outbound — AE constrained');
    expect(await cell(winner, 'accounts', 'arrivals').innerText()).toBe(kept);
    expect((await savedModels(winner)).sort()).toEqual([
      'Outbound — AE constrained',
      'Outbound — AE constrained (conflict copy)',
    ]);
  });

  test('without IndexedDB the app runs in memory and says so', async () => {
    await app.context().addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    });
    const page = await openApp();
    const banner = page.getByText('Storage unavailable — working in memory.');
    expect(await banner.count()).toBe(1);
    expect(await saveStatus(page)).toBe('In memory only');
    await typeInto(page, 'accounts', 'arrivals', '2100');
    expect(await cell(page, 'accounts', 'arrivals').innerText()).toMatch(/^2,?100$/);
    await analysed(page);
    await screenshot(page, 'no-indexeddb');
  });
});
