import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { analysed, cell, SUMMARY, typeInto } from './app-helpers';
import { screenshot, useApp } from './browser';

const app = useApp();

const summaryText = (page: Page) => page.locator(SUMMARY).innerText();
const constraintNodes = (page: Page) =>
  page
    .locator('svg[role="img"][aria-label="Funnel flow"] [data-constraint="true"]')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-stage')));

/** Opens the app and waits for the first analysis. */
async function openApp(): Promise<Page> {
  const page = await app.open('', { ready: SUMMARY });
  await analysed(page);
  return page;
}

/** Opens one of the bundled examples from the Examples menu. */
async function openExample(page: Page, title: RegExp): Promise<void> {
  await page.getByRole('button', { name: /Examples/ }).click();
  await page.getByRole('menuitem', { name: title }).click();
}

describe('the funnel grid, Sankey and constraint summary', () => {
  test('the first-run example loads with the AEs as the constraint', async () => {
    const page = await openApp();
    expect(await summaryText(page)).toMatch(/The constraint is Worked by AEs/);
    expect(await summaryText(page)).toMatch(/1,800\/wk pile up/);
    const headers = await page
      .locator('table[aria-label="Funnel"] thead th[role="columnheader"]')
      .evaluateAll((ths) =>
        ths.map((th) => (th as HTMLElement).innerText.replace(/^[A-Z]\n/, '').trim()),
      );
    expect(headers).toEqual([
      'Stage',
      'Feeds into',
      'Arrivals',
      'Conversion',
      'Capacity',
      'Lag',
      'Cost per period',
      'Cost per item',
      'Value',
      'Variable cost',
      'Inflow',
      'Processed',
      'Pileup',
      'Out',
      'Load',
    ]);
    const stages = await page
      .locator('svg[role="img"][aria-label="Funnel flow"] [data-stage]')
      .evaluateAll((nodes) => [...new Set(nodes.map((n) => n.getAttribute('data-stage')))]);
    expect(stages).toEqual(expect.arrayContaining(['accounts', 'worked', 'meetings', 'won']));
    expect(await constraintNodes(page)).toEqual(['worked']);
    expect(
      await page
        .locator('table[aria-label="Assumptions"] td[data-assumption="AEs"][data-field="value"]')
        .innerText(),
    ).toBe('4');
    await screenshot(page, 'funnel-first-run');
  });

  test('editing the constraint’s capacity moves the constraint in the summary and the Sankey', async () => {
    const page = await openApp();
    await openExample(page, /Enriched outbound/);
    await expect.poll(() => summaryText(page)).toMatch(/The constraint is Contact/);
    expect(await constraintNodes(page)).toEqual(['contact']);
    await typeInto(page, 'contact', 'capacity', '3000');
    await expect.poll(() => summaryText(page)).toMatch(/The constraint is Meeting\./);
    expect(await summaryText(page)).toMatch(/36 arrive\/mo, it can process 32; 4\/mo pile up/);
    await expect.poll(() => constraintNodes(page)).toEqual(['meeting']);
    expect(await cell(page, 'meeting', 'pileup').innerText()).toBe('4');
    await screenshot(page, 'funnel-elevated-contact');
  });

  test('a formula shows its value, reveals itself when editing, and an error explains itself', async () => {
    const page = await openApp();
    await typeInto(page, 'worked', 'capacity', '=AEs*100');
    await expect.poll(() => cell(page, 'worked', 'capacity').innerText()).toBe('400');
    await cell(page, 'worked', 'capacity').click();
    await page.keyboard.press('F2');
    expect(await page.locator('table[aria-label="Funnel"] input').inputValue()).toBe('=AEs*100');
    await page.keyboard.press('Escape');

    await typeInto(page, 'worked', 'capacity', '=AEs/0');
    await expect.poll(() => cell(page, 'worked', 'capacity').innerText()).toBe('#DIV/0!');
    expect(await cell(page, 'worked', 'capacity').getAttribute('title')).toMatch(/Divides by zero/);
    await cell(page, 'worked', 'capacity').click();
    expect(await page.locator('.bar').first().innerText()).toMatch(/Divides by zero/);
    await expect.poll(() => summaryText(page)).toMatch(/Worked by AEs · Capacity: #DIV\/0!/);
    expect(await constraintNodes(page)).toEqual([]);

    await typeInto(page, 'meetings', 'conversion', '140%');
    await expect
      .poll(() => cell(page, 'meetings', 'conversion').getAttribute('aria-invalid'))
      .toBe('true');
    expect(await cell(page, 'meetings', 'conversion').getAttribute('title')).toMatch(
      /out of range/,
    );
    await screenshot(page, 'funnel-formula-error');
  });

  test('pastes a 3×3 block from a spreadsheet', async () => {
    const page = await openApp();
    await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.evaluate(() =>
      navigator.clipboard.writeText('1,500\t20%\t300\n\t15%\t120\n\t40%\t50\n'),
    );
    await cell(page, 'accounts', 'arrivals').click();
    await page.keyboard.press('Control+V');
    await expect.poll(() => cell(page, 'accounts', 'arrivals').innerText()).toBe('1,500');
    const block = await Promise.all(
      ['accounts', 'worked', 'meetings'].flatMap((stage) =>
        ['arrivals', 'conversion', 'capacity'].map((field) => cell(page, stage, field).innerText()),
      ),
    );
    expect(block).toEqual(['1,500', '20%', '300', '', '15%', '120', '', '40%', '50']);
    // Capacities in output units: accounts 300 × 20 % × 15 % × 40 % = 3.6, the smallest.
    await expect.poll(() => summaryText(page)).toMatch(/The constraint is Qualified accounts/);
  });

  test('a formula copied one row down reads the row below, like a spreadsheet', async () => {
    const page = await openApp();
    await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await typeInto(page, 'worked', 'arrivals', '=C2*0.1');
    await expect.poll(() => cell(page, 'worked', 'arrivals').innerText()).toBe('200');
    await cell(page, 'worked', 'arrivals').click();
    await page.keyboard.press('Control+C');
    await cell(page, 'meetings', 'arrivals').click();
    await page.keyboard.press('Control+V');
    // C3 is Worked by AEs' arrivals (200): the pasted formula points one row lower.
    await expect.poll(() => cell(page, 'meetings', 'arrivals').innerText()).toBe('20');
    await page.keyboard.press('F2');
    expect(await page.getByRole('textbox', { name: /Arrivals, row 4/ }).inputValue()).toBe(
      '=C3*0.1',
    );
  });

  test('undo and redo every edit, by button and keyboard', async () => {
    const page = await openApp();
    await typeInto(page, 'accounts', 'arrivals', '3000');
    await typeInto(page, 'worked', 'conversion', '12%');
    await expect.poll(() => cell(page, 'worked', 'conversion').innerText()).toBe('12%');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => cell(page, 'worked', 'conversion').innerText()).toBe('10%');
    await cell(page, 'won', 'value').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => cell(page, 'accounts', 'arrivals').innerText()).toBe('2,000');
    expect(await page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(true);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => cell(page, 'accounts', 'arrivals').innerText()).toBe('3,000');
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => cell(page, 'worked', 'conversion').innerText()).toBe('12%');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+y');
    await expect.poll(() => cell(page, 'worked', 'conversion').innerText()).toBe('12%');
  });

  test('moves through cells with the keyboard like a spreadsheet', async () => {
    const page = await openApp();
    await cell(page, 'accounts', 'name').click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('2500');
    await page.keyboard.press('Tab');
    const focused = () =>
      page.evaluate(
        () =>
          `${document.activeElement?.getAttribute('data-stage')}/${document.activeElement?.getAttribute('data-field')}`,
      );
    expect(await focused()).toBe('accounts/conversion');
    await expect.poll(() => cell(page, 'accounts', 'arrivals').innerText()).toBe('2,500');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.type('50%');
    await page.keyboard.press('Escape');
    expect(await cell(page, 'worked', 'conversion').innerText()).toBe('10%');
    await page.keyboard.press('Enter');
    expect(await page.locator('table[aria-label="Funnel"] input').inputValue()).toBe('10%');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('9%');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(page, 'worked', 'conversion').innerText()).toBe('9%');
    expect(await focused()).toBe('meetings/conversion');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Delete');
    await expect.poll(() => cell(page, 'worked', 'conversion').innerText()).toBe('100%');
  });

  test('inserts, moves and deletes stages from the row menu, formulas following their rows', async () => {
    const page = await openApp();
    await typeInto(page, 'meetings', 'arrivals', '=C2/100');
    await page.getByRole('button', { name: 'Funnel row 2 actions' }).click();
    await page.getByRole('menuitem', { name: /Move down/ }).click();
    await expect
      .poll(() =>
        page.locator('table[aria-label="Funnel"] td[data-field="name"]').first().innerText(),
      )
      .toBe('Worked by AEs');
    await cell(page, 'meetings', 'arrivals').click();
    await page.keyboard.press('F2');
    expect(await page.locator('table[aria-label="Funnel"] input').inputValue()).toBe('=C3/100');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Funnel row 4 actions' }).click();
    await page.getByRole('menuitem', { name: /Insert stage below/ }).click();
    await expect.poll(() => page.locator('table[aria-label="Funnel"] tbody tr').count()).toBe(5);
    // The new stage's name opens for typing; Escape keeps "New stage".
    await page.getByRole('textbox', { name: 'Stage, row 5' }).waitFor();
    await page.keyboard.press('Escape');
    expect(
      await page.locator('table[aria-label="Funnel"] td[data-field="name"]').allInnerTexts(),
    ).toEqual(['Worked by AEs', 'Qualified accounts', 'Meetings', 'New stage', 'Closed won']);
    expect(await cell(page, 'meetings', 'next').innerText()).toBe('New stage');
    await page.getByRole('button', { name: 'Funnel row 5 actions' }).click();
    await page.getByRole('menuitem', { name: /Delete stage/ }).click();
    await expect.poll(() => page.locator('table[aria-label="Funnel"] tbody tr').count()).toBe(4);
    expect(await cell(page, 'meetings', 'next').innerText()).toBe('Closed won');
  });

  test('a stage named like HTML renders as text everywhere', async () => {
    const page = await openApp();
    const hostile = '<img src=x onerror=alert(1)>';
    await cell(page, 'worked', 'name').click();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+a');
    await page.keyboard.type(hostile);
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(page, 'worked', 'name').innerText()).toBe(hostile);
    await expect.poll(() => summaryText(page)).toContain(`The constraint is ${hostile}`);
    expect(await page.locator('svg[role="img"][aria-label="Funnel flow"]').innerHTML()).toContain(
      '&lt;img src=x',
    );
    expect(await page.locator('img').count()).toBe(0);
    await screenshot(page, 'funnel-hostile-name');
  });
});
