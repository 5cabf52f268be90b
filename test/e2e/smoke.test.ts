import { expect, test } from 'vitest';
import { screenshot, useApp } from './browser';

const app = useApp();

test('the built app loads with the title Bottleneck and no console errors', async () => {
  const page = await app.open();
  expect(await page.title()).toBe('Bottleneck');
  expect((await page.locator('body').innerText()).trim()).not.toBe('');
  await screenshot(page, 'smoke-start');
  expect(app.problems()).toEqual([]);
});
