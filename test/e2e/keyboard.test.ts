import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { analysed, cell, SUMMARY } from './app-helpers';
import { useApp } from './browser';

/* The grids by keyboard: Tab leaves them (no trap), focus after adding rows, and the jump keys. */

const app = useApp();

/** Opens the app on the first-run example and waits for its analysis. */
async function openApp(): Promise<Page> {
  const page = await app.open('', { ready: SUMMARY });
  await analysed(page);
  return page;
}

/** Where keyboard focus is: `stage/field` for a Funnel cell, else the element's tag and name. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const grid = el.closest('[role="grid"]')?.getAttribute('aria-label');
    const stage = el.getAttribute('data-stage') ?? el.getAttribute('data-assumption');
    if (stage) return `${grid}:${stage}/${el.getAttribute('data-field')}`;
    const name = el.getAttribute('aria-label') ?? (el as HTMLElement).innerText.trim();
    return `${grid ? `${grid}:` : ''}${el.tagName.toLowerCase()} ${name}`;
  });

const inGrid = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('[role="grid"]') !== null);

/** The text input (cell editor) that has focus, or null. */
const editor = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el instanceof HTMLInputElement && el.closest('[role="grid"]')
      ? { label: el.getAttribute('aria-label'), value: el.value }
      : null;
  });

describe('Tab leaves the grids (no keyboard trap)', () => {
  test('Tab at a row’s last cell and Shift+Tab at its first move out of the Funnel grid', async () => {
    const page = await openApp();
    await cell(page, 'accounts', 'name').click();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Funnel:accounts/next');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('Funnel:accounts/name');
    await page.keyboard.press('Shift+Tab');
    expect(await inGrid(page)).toBe(false);
    expect(await focused(page)).not.toBe('body');

    await cell(page, 'worked', 'load').click();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button + Add stage');
    // Back in: Shift+Tab returns to the cell it left.
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('Funnel:worked/load');
  });

  test('Tab while editing the last cell commits it and leaves', async () => {
    const page = await openApp();
    const note = page.locator(
      'table[aria-label="Assumptions"] td[data-assumption="AEs"][data-field="note"]',
    );
    // Mid-row, Tab commits and moves right, staying in the grid.
    await page
      .locator('table[aria-label="Assumptions"] td[data-assumption="AEs"][data-field="value"]')
      .click();
    await page.keyboard.type('5');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Assumptions:AEs/note');
    await note.click();
    await page.keyboard.type('sales team');
    await page.keyboard.press('Tab');
    expect(await inGrid(page)).toBe(false);
    expect(await focused(page)).toBe('button + Add assumption');
    await expect.poll(() => note.innerText()).toBe('sales team');
  });

  test('Escape then Tab leaves from any cell, after moving or editing', async () => {
    const page = await openApp();
    await cell(page, 'worked', 'conversion').click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button + Add stage');

    await cell(page, 'meetings', 'capacity').click();
    await page.keyboard.type('5');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    expect(await inGrid(page)).toBe(false);
    expect(await cell(page, 'meetings', 'capacity').innerText()).toBe('∞');
  });

  test('the row numbers are not tab stops; Shift+F10 opens the active row’s menu', async () => {
    const page = await openApp();
    await cell(page, 'meetings', 'arrivals').click();
    await page.keyboard.press('Shift+F10');
    await page.getByRole('menu').waitFor();
    expect(await focused(page)).toMatch(/Insert stage above/);
    await page.keyboard.press('Escape');
    expect(await focused(page)).toBe('Funnel:meetings/arrivals');
    const stops = await page
      .locator('table[aria-label="Funnel"] button')
      .evaluateAll((buttons) => buttons.filter((b) => (b as HTMLElement).tabIndex >= 0).length);
    expect(stops).toBe(0);
  });
});

describe('focus after adding rows, and the jump keys', () => {
  test('Add stage and Insert below land in the new row’s name, editing', async () => {
    const page = await openApp();
    await page.getByRole('button', { name: '+ Add stage' }).click();
    await expect.poll(() => editor(page)).toEqual({ label: 'Stage, row 6', value: 'New stage' });
    await page.keyboard.type('Renewals');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(page, 'new_stage', 'name').innerText()).toBe('Renewals');

    await page.getByRole('button', { name: 'Funnel row 2 actions' }).click();
    await page.getByRole('menuitem', { name: /Insert stage below/ }).click();
    await expect.poll(() => editor(page)).toEqual({ label: 'Stage, row 3', value: 'New stage' });
    await page.keyboard.type('Replied');
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        page.locator('table[aria-label="Funnel"] td[data-field="name"]').nth(1).innerText(),
      )
      .toBe('Replied');

    await page.getByRole('button', { name: '+ Add assumption' }).click();
    await expect.poll(() => editor(page)).toEqual({ label: 'Name, row 4', value: '' });
  });

  test('a new model focuses its empty grid; Enter adds the first stage, its name editing', async () => {
    const page = await openApp();
    await page.getByRole('button', { name: 'Models' }).click();
    await page.getByRole('menuitem', { name: 'New model' }).click();
    await expect.poll(() => focused(page)).toBe('Funnel:table Funnel');
    await page.keyboard.press('Enter');
    await expect.poll(() => editor(page)).toEqual({ label: 'Stage, row 2', value: 'New stage' });
    await page.keyboard.type('Leads');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('table[aria-label="Funnel"] td[data-field="name"]').allInnerTexts())
      .toEqual(['Leads']);
  });

  test('a click on the empty grid’s hint focuses the grid, and a paste lands there', async () => {
    const page = await openApp();
    await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Models' }).click();
    await page.getByRole('menuitem', { name: 'New model' }).click();
    await page.getByRole('button', { name: 'Undo' }).focus();
    await page.getByText(/No stages yet/).click();
    expect(await focused(page)).toBe('Funnel:table Funnel');
    const sheet = Array.from({ length: 40 }, (_, i) => `Stage ${i + 1}\t${1000 - i}`).join('\n');
    await page.evaluate((text) => navigator.clipboard.writeText(text), sheet);
    await page.keyboard.press('Control+V');
    await expect.poll(() => page.locator('table[aria-label="Funnel"] tbody tr').count()).toBe(40);

    // Ctrl+End and Ctrl+Home: the last and first cells; PageDown/PageUp: a view of rows.
    await page.locator('table[aria-label="Funnel"] td[data-field="arrivals"]').first().click();
    await page.keyboard.press('Control+End');
    expect(await focused(page)).toBe('Funnel:stage_40/load');
    await page.keyboard.press('Control+Home');
    expect(await focused(page)).toBe('Funnel:stage_1/name');
    await page.keyboard.press('PageDown');
    const row = await page.evaluate(() => Number(document.activeElement?.getAttribute('data-r')));
    // A page is the rows the grid's view shows (about 16 of 40 here), not one row or all.
    expect(row).toBeGreaterThan(8);
    expect(row).toBeLessThan(20);
    // The focused row is scrolled into view.
    const inView = await page.evaluate(() => {
      const box = document.activeElement!.getBoundingClientRect();
      const area = document.querySelector('[data-grid-scroller]')!.getBoundingClientRect();
      return box.top >= area.top && box.bottom <= area.bottom;
    });
    expect(inView).toBe(true);
    await page.keyboard.press('PageDown');
    expect(await page.evaluate(() => Number(document.activeElement?.getAttribute('data-r')))).toBe(
      row * 2,
    );
    await page.keyboard.press('PageUp');
    await page.keyboard.press('PageUp');
    expect(await focused(page)).toBe('Funnel:stage_1/name');
  });
});

describe('the in-cell editors', () => {
  test('F2 puts the caret after the text, and a paste goes into the editor, not over the cells', async () => {
    const page = await openApp();
    await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const name = await cell(page, 'accounts', 'name').innerText();
    await cell(page, 'accounts', 'name').click();
    await page.keyboard.press('F2');
    const caret = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement;
      return { start: el.selectionStart, end: el.selectionEnd, length: el.value.length };
    });
    expect(caret).toEqual({ start: name.length, end: name.length, length: name.length });
    await page.evaluate(() => navigator.clipboard.writeText(' (EU)'));
    await page.keyboard.press('Control+V');
    await expect.poll(() => editor(page)).toEqual({ label: 'Stage, row 2', value: `${name} (EU)` });
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(page, 'accounts', 'name').innerText()).toBe(`${name} (EU)`);

    // The list cell: a paste is typed text, filtering the stages.
    await cell(page, 'worked', 'next').click();
    await page.keyboard.press('Enter');
    await page.evaluate(() => navigator.clipboard.writeText('Closed'));
    await page.keyboard.press('Control+V');
    const options = page.getByRole('listbox', { name: /Feeds into/ }).getByRole('option');
    await expect.poll(() => options.allInnerTexts()).toEqual(['Closed won']);
    await page.keyboard.press('Escape');
    expect(await cell(page, 'worked', 'next').innerText()).toBe('Meetings');
  });
});
