import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { analysed, cell, SUMMARY } from './app-helpers';
import { axeViolations } from './axe';
import { screenshot, useApp } from './browser';

/* "Feeds into" as a spreadsheet's list cell, and long stage names. */

const app = useApp();

/** Opens the app on the first-run example and waits for its analysis. */
async function openApp(): Promise<Page> {
  const page = await app.open('', { ready: SUMMARY });
  await analysed(page);
  return page;
}

const focusedCell = (page: Page) =>
  page.evaluate(
    () =>
      `${document.activeElement?.getAttribute('data-stage')}/${document.activeElement?.getAttribute('data-field')}`,
  );

const listbox = (page: Page) => page.getByRole('listbox', { name: /Feeds into/ });
const highlighted = (page: Page) =>
  listbox(page).locator('[role="option"][aria-selected="true"]').innerText();

describe('Feeds into by keyboard', () => {
  test('arrows move between cells and change nothing; Escape reverts an open list', async () => {
    const page = await openApp();
    await cell(page, 'worked', 'next').click();
    await page.keyboard.press('ArrowUp');
    expect(await focusedCell(page)).toBe('accounts/next');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focusedCell(page)).toBe('meetings/next');
    expect(await cell(page, 'worked', 'next').innerText()).toBe('Meetings');
    expect(await cell(page, 'accounts', 'next').innerText()).toBe('Worked by AEs');

    // Enter opens the list on the current value; ↑/↓ move the highlight only.
    await cell(page, 'worked', 'next').click();
    await page.keyboard.press('Enter');
    const box = page.getByRole('combobox', { name: 'Feeds into, row 3' });
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    expect(await highlighted(page)).toBe('Meetings');
    expect(await listbox(page).locator('[role="option"]').allInnerTexts()).toEqual([
      '— end of funnel —',
      'Meetings',
      'Closed won',
    ]);
    await page.keyboard.press('ArrowDown');
    expect(await highlighted(page)).toBe('Closed won');
    expect(await box.getAttribute('aria-activedescendant')).toBe(
      await listbox(page).locator('[aria-selected="true"]').getAttribute('id'),
    );
    await screenshot(page, 'feeds-into-list');
    await page.keyboard.press('Escape');
    expect(await listbox(page).count()).toBe(0);
    expect(await cell(page, 'worked', 'next').innerText()).toBe('Meetings');
    expect(await focusedCell(page)).toBe('worked/next');
    expect(await page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(true);

    // Alt+↓ opens it too; Enter commits the highlighted stage.
    await page.keyboard.press('Alt+ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await highlighted(page)).toBe('— end of funnel —');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(page, 'worked', 'next').innerText()).toBe('— end —');
  });

  test('typing picks a stage by name; a stage nothing reaches is flagged, in words', async () => {
    const page = await openApp();
    await cell(page, 'worked', 'next').click();
    await page.keyboard.type('clo');
    expect(await highlighted(page)).toBe('Closed won');
    expect(await listbox(page).locator('[role="option"]').allInnerTexts()).toEqual(['Closed won']);
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(page, 'worked', 'next').innerText()).toBe('Closed won');
    expect(await focusedCell(page)).toBe('meetings/next');

    // Meetings now has no feeder, no arrivals, and the loop entering there is off: nothing reaches it.
    const meetings = cell(page, 'meetings', 'name');
    const why =
      'Nothing reaches this stage: no stage feeds into it, it has no arrivals, and the referral loop that enters here is off.';
    await expect.poll(() => meetings.getAttribute('aria-invalid')).toBe('true');
    expect(await meetings.getAttribute('title')).toBe(`Meetings\n${why}`);
    await meetings.click();
    expect(await page.locator('.bar').first().innerText()).toContain(why);
    // Reached stages are not flagged; arrivals alone reach a stage.
    expect(await cell(page, 'won', 'name').getAttribute('aria-invalid')).toBeNull();
    expect(await cell(page, 'accounts', 'name').getAttribute('aria-invalid')).toBeNull();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('50');
    await page.keyboard.press('Enter');
    await expect.poll(() => meetings.getAttribute('aria-invalid')).toBeNull();
  });

  test('a typed name no stage has is refused with a message, the text kept', async () => {
    const page = await openApp();
    await cell(page, 'accounts', 'next').click();
    await page.keyboard.type('Nowhere');
    expect(await listbox(page).innerText()).toMatch(/Nothing matches “Nowhere”/);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('alert').allInnerTexts())
      .toContainEqual(expect.stringMatching(/no stage is called "Nowhere"/));
    const box = page.getByRole('combobox', { name: 'Feeds into, row 2' });
    expect(await box.inputValue()).toBe('Nowhere');
    await page.keyboard.press('Escape');
    expect(await cell(page, 'accounts', 'next').innerText()).toBe('Worked by AEs');
  });
});

test('axe-core finds no violations with the list open and a stage flagged', async () => {
  const page = await openApp();
  await cell(page, 'worked', 'next').click();
  await page.keyboard.type('clo');
  await page.keyboard.press('Enter');
  await expect.poll(() => cell(page, 'meetings', 'name').getAttribute('aria-invalid')).toBe('true');
  await cell(page, 'accounts', 'next').click();
  await page.keyboard.press('Alt+ArrowDown');
  await listbox(page).waitFor();
  expect(await axeViolations(page)).toEqual([]);
});

describe('pasting into Feeds into', () => {
  test('a block with one unknown stage pastes the rest and flags that cell, the text kept', async () => {
    const page = await openApp();
    await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.evaluate(() => navigator.clipboard.writeText('Nowhere\t300\n\t40\n'));
    await cell(page, 'worked', 'next').click();
    await page.keyboard.press('Control+V');
    await expect.poll(() => cell(page, 'worked', 'arrivals').innerText()).toBe('300');
    expect(await cell(page, 'meetings', 'arrivals').innerText()).toBe('40');
    const flagged = cell(page, 'worked', 'next');
    expect(await flagged.innerText()).toBe('Nowhere');
    expect(await flagged.getAttribute('aria-invalid')).toBe('true');
    expect(await flagged.getAttribute('title')).toBe(
      'Nowhere\n"Feeds into": no stage is called "Nowhere". Not pasted: it still feeds into Meetings.',
    );
    expect(await page.getByRole('alert').innerText()).toContain(
      'Pasted, but one cell was left as it was (marked in red). Row 3: "Feeds into": no stage is called "Nowhere".',
    );
    // Picking a stage clears the flag.
    await flagged.click();
    await page.keyboard.type('clo');
    await page.keyboard.press('Enter');
    await expect.poll(() => flagged.innerText()).toBe('Closed won');
    expect(await flagged.getAttribute('aria-invalid')).toBeNull();
  });
});

describe('long stage names', () => {
  const long = `Qualified ${'enterprise accounts in the northern sales territory '.repeat(2)}`
    .slice(0, 110)
    .trim();

  test('a 110-character name keeps the Stage column’s width, ellipsised, in full on hover and in the formula bar', async () => {
    const page = await openApp();
    const scroller = page.locator('[data-grid-scroller]').first();
    const wide = await scroller.evaluate((el) => el.scrollWidth);
    const before = await cell(page, 'worked', 'name').boundingBox();
    const arrivalsBefore = await cell(page, 'worked', 'arrivals').boundingBox();
    await cell(page, 'worked', 'name').click();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+a');
    await page.keyboard.type(long);
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(page, 'worked', 'name').getAttribute('title')).toBe(long);
    const after = await cell(page, 'worked', 'name').boundingBox();
    expect(after?.width).toBe(before?.width);
    expect((await cell(page, 'worked', 'arrivals').boundingBox())?.x).toBe(arrivalsBefore?.x);
    // Cut with an ellipsis: the text is wider than its cell.
    expect(
      await cell(page, 'worked', 'name').evaluate((td) => td.scrollWidth > td.clientWidth),
    ).toBe(true);
    expect(
      await cell(page, 'worked', 'name').evaluate((td) => getComputedStyle(td).textOverflow),
    ).toBe('ellipsis');
    // The row above feeds into it: that cell holds the long name too, in full on hover.
    expect(await cell(page, 'accounts', 'next').getAttribute('title')).toBe(long);
    await cell(page, 'worked', 'name').click();
    const raw = page.locator('.bar code').first();
    expect(await raw.innerText()).toBe(long);
    // Shown whole (wrapped), not cut off.
    expect(await raw.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // The grid is no wider than before: the numbers stay where they were.
    expect(await scroller.evaluate((el) => el.scrollWidth)).toBe(wide);
    await screenshot(page, 'funnel-long-name');
  });
});
