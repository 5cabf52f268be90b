import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { screenshot, useApp } from './browser';
import { analysed, cell, saved, SUMMARY, typeInto } from './app-helpers';
import { serveStatic, type StaticServer } from './static-server';

// An update never reloads over the user's work: when a new version's service
// worker is installed, the app asks ("New version — reload") and reloads only
// when told to, keeping the last edit.
const app = useApp();
const BUILD = fileURLToPath(new URL('../../build/', import.meta.url));

let root = '';
let server: StaticServer | undefined;

beforeEach(async () => {
  // A copy of the build that this test can turn into "the next version".
  root = await mkdtemp(join(tmpdir(), 'bottleneck-update-'));
  await cp(BUILD, root, { recursive: true });
  server = await serveStatic(root);
});

afterEach(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

test('a new version asks before it reloads, and the edit survives the reload', async () => {
  const page = await app.context().newPage();
  await page.goto(server!.url);
  await page.locator(SUMMARY).waitFor();
  await analysed(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // A returning visit: the installed worker now serves the page.
  await page.reload();
  await page.locator(SUMMARY).waitFor();
  await analysed(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await typeInto(page, 'accounts', 'arrivals', '2,400');
  await saved(page);

  // Deploy the next version: a service worker that differs by a byte.
  const sw = join(root, 'sw.js');
  await writeFile(sw, `${await readFile(sw, 'utf8')}\n// next version\n`);
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });

  const prompt = page.getByRole('status').filter({ hasText: 'New version' });
  await prompt.waitFor({ timeout: 20_000 });
  expect(await cell(page, 'accounts', 'arrivals').innerText()).toBe('2,400');
  await screenshot(page, 'update-prompt');

  // "Later" keeps working on the current version; the prompt goes away.
  await prompt.getByRole('button', { name: 'Later' }).click();
  await expect.poll(() => prompt.count()).toBe(0);

  // The next visit asks again (the new version is still waiting); Reload is the user's word.
  await page.reload();
  await page.locator(SUMMARY).waitFor();
  await prompt.waitFor({ timeout: 20_000 });
  await Promise.all([
    page.waitForEvent('framenavigated', { timeout: 20_000 }),
    prompt.getByRole('button', { name: 'Reload' }).click(),
  ]);
  await page.locator(SUMMARY).waitFor();
  await analysed(page);
  expect(await cell(page, 'accounts', 'arrivals').innerText()).toBe('2,400');
  expect(
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting),
  ).toBeFalsy();
});
