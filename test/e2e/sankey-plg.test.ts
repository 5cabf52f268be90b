import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { shareUrl } from '../../src/lib/io/share-link';
import { restoreModel } from '../../src/lib/model/restore';
import { analysed, SANKEY, SUMMARY } from './app-helpers';
import { screenshot, useApp } from './browser';

const app = useApp();

/** A product-led funnel: a million visitors a month, a few hundred paying, eight stages wide. */
const plg = restoreModel({
  format: 'bottleneck-model',
  version: 1,
  name: 'PLG funnel',
  period: 'month',
  stages: [
    { id: 'visit', name: 'Visitors', arrivals: '1000000', conversion: '2%', next: 'signup' },
    { id: 'signup', name: 'Sign-ups', conversion: '40%', next: 'onboard' },
    { id: 'onboard', name: 'Onboarded', conversion: '60%', next: 'active' },
    { id: 'active', name: 'Activated', capacity: '3000', conversion: '30%', next: 'trial' },
    { id: 'trial', name: 'Trial', conversion: '50%', next: 'qualified' },
    { id: 'qualified', name: 'Sales-qualified', conversion: '60%', next: 'demo' },
    { id: 'demo', name: 'Demo', conversion: '50%', next: 'paid' },
    { id: 'paid', name: 'Paid' },
  ],
});

async function open(width = 1280): Promise<Page> {
  const page = await app.open(shareUrl(app.baseURL, plg), { ready: SUMMARY });
  await page.setViewportSize({ width, height: 900 });
  await analysed(page);
  return page;
}

const lostSinks = (page: Page) => page.locator(`${SANKEY} path[data-tip^="lost:"]`).count();

describe('the Sankey at PLG scale', () => {
  test('Show losses off hides every drop-off band; on brings them back', async () => {
    const page = await open();
    expect(await lostSinks(page)).toBe(7);
    await screenshot(page, 'sankey-plg-losses');
    const toggle = page.getByRole('checkbox', { name: 'Show losses' });
    await toggle.uncheck();
    await expect.poll(() => lostSinks(page)).toBe(0);
    expect(await page.locator(`${SANKEY} [data-stage]`).count()).toBe(8);
    await page
      .locator(SANKEY)
      .screenshot({ path: 'test-results/screenshots/sankey-plg-no-losses.png' });
    await toggle.check();
    await expect.poll(() => lostSinks(page)).toBe(7);
  });

  test('a click on a node selects its row in the grid', async () => {
    const page = await open();
    await page.locator(`${SANKEY} [data-stage="active"] rect`).first().click();
    await expect
      .poll(() =>
        page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.stage),
      )
      .toBe('active');
    expect(
      await page
        .locator('table[aria-label="Funnel"] td[data-stage="active"][data-field="name"]')
        .getAttribute('aria-selected'),
    ).toBe('true');
  });

  test('a Sankey wider than its frame shows a cue to scroll, gone at the end', async () => {
    const page = await open(900);
    const cue = page.locator('.sankey .cue.right');
    await expect.poll(() => cue.count()).toBe(1);
    expect(await cue.innerText()).toBe('Scroll for more →');
    await page
      .locator(`${SANKEY}`)
      .screenshot({ path: 'test-results/screenshots/sankey-plg-narrow.png' });
    await page.locator('.sankey .scroll').evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect.poll(() => cue.count()).toBe(0);
    expect(await page.locator('.sankey .cue.left').count()).toBe(1);
  });
});
