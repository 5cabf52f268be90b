import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { expect } from 'vitest';
import { sharedData } from '../shared-data';

/* What the browser tests do to the app: find cells and the summary, type, wait for saves and analyses. */

/** The constraint summary: present once the app has opened a model and analysed it. */
export const SUMMARY = '[role="status"][aria-label="Constraint"]';

/** An editable cell of the funnel grid. */
export const cell = (page: Page, stage: string, field: string) =>
  page.locator(`table[aria-label="Funnel"] td[data-stage="${stage}"][data-field="${field}"]`);

/** Types into a cell the way a user does: select it, type, Enter. */
export async function typeInto(page: Page, stage: string, field: string, text: string) {
  await cell(page, stage, field).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** The header's save status text ("Saved", "Saving…", …). */
export const saveStatus = (page: Page) =>
  page.getByRole('status', { name: 'Save status' }).innerText();

/** Waits until the header says Saved. */
export async function saved(page: Page): Promise<void> {
  await expect.poll(() => saveStatus(page), { timeout: 10_000 }).toBe('Saved');
}

/** The open model's name, from the header. */
export const modelName = (page: Page) =>
  page.getByRole('textbox', { name: 'Model name', exact: true }).inputValue();

/** Renames the open model in the header. */
export async function rename(page: Page, name: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Model name', exact: true }).fill(name);
  await page.getByRole('textbox', { name: 'Model name', exact: true }).press('Enter');
}

/** Waits until the app shows a model and the analysis has run (the formula engine loaded). */
export async function analysed(page: Page): Promise<void> {
  // Set by the summary once the open model's analysis has arrived, whatever
  // its headline (the constraint, a tie, demand, no steady state, a cell to fix).
  await page.locator(`${SUMMARY}[data-analysed]`).waitFor({ timeout: 15_000 });
}

/** Names of the saved models, as the Models menu lists them (the menu is closed again). */
export async function savedModels(page: Page): Promise<string[]> {
  await page.getByRole('button', { name: 'Models' }).click();
  const list = page.getByRole('group', { name: 'Saved models' });
  const names = (await list.count()) ? await list.locator('.menu-name').allInnerTexts() : [];
  await page.keyboard.press('Escape');
  return names;
}

/** The Sankey drawing. */
export const SANKEY = 'svg[role="img"][aria-label="Funnel flow"]';

/** Stage ids of the Sankey's nodes, in drawing order. */
export const sankeyStages = (page: Page) =>
  page
    .locator(`${SANKEY} [data-stage]`)
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-stage')));

/** Olist's marketing-qualified leads (../shared/data, untouched), one row per lead. */
export const leadsFile = () =>
  `${sharedData('olist-marketing-funnel')}marketing_qualified_leads.csv`;
/** Olist's closed deals, joined to the leads on mql_id. */
export const dealsFile = () => `${sharedData('olist-marketing-funnel')}closed_deals.csv`;

/** The Import dialog (open or not). */
export const importDialog = (page: Page) => page.getByRole('dialog', { name: 'Import' });

/** Opens the Import dialog from the header and returns it. */
export async function openImport(page: Page) {
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = importDialog(page);
  await dialog.waitFor();
  return dialog;
}

/** Clicks an Export menu item and returns the file it downloads. */
export async function exported(
  page: Page,
  item: RegExp,
): Promise<{ download: Download; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: item }).click(),
  ]);
  const path = await download.path();
  return { download, bytes: await readFile(path) };
}
