import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { analysed, openImport, SUMMARY } from './app-helpers';
import { axeViolations } from './axe';
import { useApp } from './browser';

// axe-core over the built app (issue 9 item 20): the page with every panel
// drawn, each menu open, the Import dialog; and one live region per toast.
const app = useApp();

const GROWTH = 'svg[role="img"][aria-label="Growth curves"]';

/** Opens the app with every panel drawn: the summary analysed, the growth band loaded. */
async function openApp(): Promise<Page> {
  const page = await app.open('', { ready: SUMMARY });
  await analysed(page);
  await page.locator(GROWTH).scrollIntoViewIfNeeded();
  await page.locator(GROWTH).waitFor();
  await page.evaluate(() => scrollTo(0, 0));
  return page;
}

describe('axe-core finds no violations', () => {
  test('on the page', async () => {
    const page = await openApp();
    expect(await axeViolations(page)).toEqual([]);
  });

  test.each(['Models', 'Export', 'Examples'])('with the %s menu open', async (name) => {
    const page = await openApp();
    await page.getByRole('button', { name, exact: true }).click();
    await page.getByRole('menu', { name }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  test('with the Models menu showing Recently deleted', async () => {
    const page = await openApp();
    await page.getByRole('button', { name: 'Models', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Duplicate Outbound — AE constrained' }).click();
    await page.getByRole('button', { name: 'Models', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Delete Outbound — AE constrained (copy)' }).click();
    await page.getByRole('button', { name: 'Models', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Recently deleted (1)' }).click();
    await page.getByRole('group', { name: 'Recently deleted' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  test('with a row menu open', async () => {
    const page = await openApp();
    await page.getByRole('button', { name: 'Funnel row 2 actions' }).click();
    await page.getByRole('menu').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  test('with the Import dialog open', async () => {
    const page = await openApp();
    await openImport(page);
    expect(await axeViolations(page)).toEqual([]);
  });
});

test('a toast is announced once: it sits in exactly one live region', async () => {
  const page = await openApp();
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Share' }).click();
  const toast = page.getByText(/^Link copied/);
  await toast.waitFor();
  const regions = await toast.evaluate((node) => {
    const found: string[] = [];
    for (let el: Element | null = node; el; el = el.parentElement) {
      const role = el.getAttribute('role');
      const live = el.getAttribute('aria-live');
      if ((live && live !== 'off') || role === 'alert' || role === 'status' || role === 'log') {
        found.push(`${el.tagName.toLowerCase()} role=${role} aria-live=${live}`);
      }
    }
    return found;
  });
  expect(regions).toHaveLength(1);
});
