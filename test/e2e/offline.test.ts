import { expect, test } from 'vitest';
import { screenshot, useApp } from './browser';
import { analysed, cell, saved, SUMMARY, typeInto } from './app-helpers';

// Offline after one visit: the service worker precaches the whole built app
// (HTML, JS, CSS, the formula engine's worker), so with the network off the
// app reloads, computes, edits, saves and makes share links.
const app = useApp();

test('after one visit the app reloads and works with the network off', async () => {
  const context = app.context();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await app.open('', { ready: SUMMARY });
  await analysed(page);
  // The worker is installed and active once `ready` resolves: the precache is complete.
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(app.baseURL);
  const manifest = await page.evaluate(async () => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
    return link ? ((await (await fetch(link.href)).json()) as { name: string }) : null;
  });
  expect(manifest?.name).toBe('Bottleneck');

  await context.setOffline(true);
  await page.reload();
  await page.locator(SUMMARY).waitFor();
  await analysed(page);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await typeInto(page, 'accounts', 'arrivals', '1500');
  await saved(page);
  await expect.poll(() => page.locator(SUMMARY).innerText()).toMatch(/1,500/);
  await page.getByRole('button', { name: 'Share' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/#m1\./);
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#m1\.[\w-]+$/);

  // A second reload offline still shows the saved edit; the link opens offline too.
  await page.reload();
  await page.locator(SUMMARY).waitFor();
  expect(await cell(page, 'accounts', 'arrivals').innerText()).toMatch(/^1,?500$/);
  const shared = await context.newPage();
  await shared.goto(link);
  await shared.locator(SUMMARY).waitFor();
  expect(await shared.getByText('Shared model — Save to keep.').count()).toBe(1);
  await screenshot(page, 'offline-reloaded');
});
