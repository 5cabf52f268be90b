import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { analysed, cell, modelName, saved, SUMMARY } from './app-helpers';
import { screenshot, useApp } from './browser';

const app = useApp();

/** Opens the app on its first-run example (per week) and waits for the analysis. */
async function openApp(): Promise<Page> {
  const page = await app.open('', { ready: SUMMARY });
  await analysed(page);
  return page;
}

const period = (page: Page) => page.getByRole('combobox', { name: 'Period' });
const ask = (page: Page) => page.getByRole('dialog', { name: 'Change the period' });
const arrivals = (page: Page) => cell(page, 'accounts', 'arrivals').innerText();

describe('changing the period', () => {
  test('week → month offers to convert the flows; Convert is one undo step', async () => {
    const page = await openApp();
    expect(await arrivals(page)).toBe('2,000');
    await period(page).selectOption('month');
    await ask(page).waitFor();
    expect(await ask(page).innerText()).toMatch(
      /The numbers are per week\. Convert them to per month\?/,
    );
    // Nothing changes until the user chooses; Convert, the way forward, has focus.
    expect(await period(page).inputValue()).toBe('week');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()))
      .toBe('Convert to per month');
    await screenshot(page, 'period-ask');
    await ask(page).getByRole('button', { name: 'Convert to per month' }).click();
    await expect.poll(() => arrivals(page)).toBe('8,696');
    expect(await period(page).inputValue()).toBe('month');
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => arrivals(page)).toBe('2,000');
    expect(await period(page).inputValue()).toBe('week');
  });

  test('Keep the numbers changes only the period; Cancel changes nothing', async () => {
    const page = await openApp();
    await period(page).selectOption('month');
    await ask(page).getByRole('button', { name: 'Cancel' }).click();
    expect(await ask(page).count()).toBe(0);
    expect(await period(page).inputValue()).toBe('week');
    await period(page).selectOption('month');
    await ask(page).getByRole('button', { name: 'Keep the numbers' }).click();
    await expect.poll(() => period(page).inputValue()).toBe('month');
    expect(await arrivals(page)).toBe('2,000');
  });
});

describe('names and explanations', () => {
  test('new models are numbered: Untitled model, Untitled model 2', async () => {
    const page = await openApp();
    for (const name of ['Untitled model', 'Untitled model 2']) {
      await saved(page);
      await page.getByRole('button', { name: 'Models' }).click();
      await page.getByRole('menuitem', { name: 'New model' }).click();
      await expect.poll(() => modelName(page)).toBe(name);
    }
  });

  test('a computed cell explains itself with its own numbers in the formula bar', async () => {
    const page = await openApp();
    await cell(page, 'worked', 'load').click();
    await expect
      .poll(() => page.locator('.bar .explain').first().innerText())
      .toBe('Inflow 2,000 ÷ capacity 200 = 1,000%');
  });
});
