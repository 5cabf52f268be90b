import { writeFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { analysed, cell, exported, modelName, openImport, SANKEY } from './app-helpers';
import { HEADING_HEIGHT } from '../../src/lib/ui/transfer/picture';
import { SCREENSHOTS, screenshot, useApp } from './browser';

// The Export menu in the built app: pictures, spreadsheets, SankeyMATIC text
// and model files, each read back (issue 5).
const app = useApp();

/** Opens the app and waits for the first analysis. */
async function openApp(): Promise<Page> {
  const page = await app.open('', { ready: SANKEY });
  await analysed(page);
  return page;
}

/** The SVG text as a browser reads it: any parse error, the root, its width, its texts, page leftovers. */
const parseSvg = (page: Page, text: string) =>
  page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.localName,
      width: doc.documentElement.getAttribute('width'),
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
      leftovers: doc.querySelectorAll('style, link, foreignObject, script, [class]').length,
    };
  }, text);

/**
 * Exports a chart as SVG and PNG and checks both files: the SVG parses, holds
 * `labels` as <text> and nothing of the page; the PNG is twice the chart's size.
 */
async function checkPictures(page: Page, chart: string, title: string, labels: string[]) {
  const svg = await exported(page, new RegExp(`${title} as SVG`));
  const slug = title === 'Sankey' ? 'sankey' : 'growth';
  expect(svg.download.suggestedFilename()).toMatch(new RegExp(`^[a-z0-9-]+-${slug}\\.svg$`));
  const parsed = await parseSvg(page, svg.bytes.toString('utf8'));
  expect(parsed).toMatchObject({ error: null, root: 'svg', leftovers: 0 });
  for (const label of labels) expect(parsed.texts.join('\n')).toContain(label);
  // Headed by the model's name and the constraint.
  expect(parsed.texts.slice(0, 2)).toEqual([
    await modelName(page),
    expect.stringMatching(/, per week · The constraint is /),
  ]);
  const box = await page.locator(chart).boundingBox();
  expect(parsed.width).toBe(String(Math.round(box!.width)));

  const png = await exported(page, new RegExp(`${title} as PNG`));
  expect(png.download.suggestedFilename()).toMatch(new RegExp(`-${slug}\\.png$`));
  expect([...png.bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  // Kept beside the screenshots, to look at what a deck would get.
  await writeFile(`${SCREENSHOTS}exported-${slug}.png`, png.bytes);
  expect(png.bytes.readUInt32BE(16)).toBe(2 * Math.round(box!.width));
  expect(png.bytes.readUInt32BE(20)).toBe(2 * (Math.round(box!.height) + HEADING_HEIGHT));
}

describe('exporting', () => {
  test('the Sankey as SVG (stage names as text) and as PNG at twice its size', async () => {
    const page = await openApp();
    const names = await page
      .locator('table[aria-label="Funnel"] td[data-field="name"]')
      .allInnerTexts();
    expect(names).toHaveLength(4);
    await checkPictures(page, SANKEY, 'Sankey', names);
  });

  test('the growth chart as SVG (curves labelled as text) and as PNG at twice its size', async () => {
    const page = await openApp();
    const chart = 'svg[role="img"][aria-label="Growth curves"]';
    await page.locator(chart).scrollIntoViewIfNeeded();
    await checkPictures(page, chart, 'Growth chart', ['Push', 'Pull', 'Weeks']);
  });

  test('the grid as CSV and XLSX and the flow as SankeyMATIC text; the workbook reopens', async () => {
    const page = await openApp();
    const csv = await exported(page, /Grid values/);
    expect(csv.download.suggestedFilename()).toMatch(/\.csv$/);
    expect(csv.bytes.toString('utf8')).toMatch(/^Stage,Feeds into,Arrivals,Conversion,Capacity,/);
    const text = await exported(page, /^SankeyMATIC text/);
    expect(text.download.suggestedFilename()).toMatch(/\.sankeymatic\.txt$/);
    expect(text.bytes.toString('utf8')).toMatch(/^Qualified accounts \[2000\] Worked by AEs$/m);

    const xlsx = await exported(page, /Workbook with formulas/);
    expect([...xlsx.bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);
    const dialog = await openImport(page);
    await dialog.locator('input[type="file"]').setInputFiles({
      name: 'book.xlsx',
      mimeType: 'application/octet-stream',
      buffer: xlsx.bytes,
    });
    await dialog.getByRole('heading', { name: 'The model it gives' }).waitFor();
    expect(await dialog.getByText(/is a workbook/).count()).toBe(1);
    await dialog.getByRole('textbox', { name: 'Name of the new model' }).fill('From the workbook');
    await dialog.getByRole('button', { name: 'Open as new model' }).click();
    await expect.poll(() => modelName(page)).toBe('From the workbook');
    // The formula came back as a formula: the cell editor shows it.
    await cell(page, 'worked', 'capacity').click();
    await page.keyboard.press('F2');
    const editor = page.getByRole('textbox', { name: 'Capacity, row 3' });
    expect(await editor.inputValue()).toBe('=AEs*50');
    await page.keyboard.press('Escape');
  });

  test('the model as JSON reopens through the dialog as the same funnel', async () => {
    const page = await openApp();
    const json = await exported(page, /^Model/);
    expect(json.download.suggestedFilename()).toMatch(/\.json$/);
    const dialog = await openImport(page);
    await dialog.locator('input[type="file"]').setInputFiles({
      name: 'copy.json',
      mimeType: 'application/json',
      buffer: json.bytes,
    });
    await dialog.getByRole('heading', { name: 'The model it gives' }).waitFor();
    await screenshot(page, 'import-dialog-model-file');
    await dialog.getByRole('textbox', { name: 'Name of the new model' }).fill('Reopened');
    await dialog.getByRole('button', { name: 'Open as new model' }).click();
    await expect.poll(() => modelName(page)).toBe('Reopened');
    expect(await cell(page, 'accounts', 'arrivals').innerText()).toBe('2,000');
  });
});
