import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import {
  analysed,
  cell,
  dealsFile,
  exported,
  importDialog,
  leadsFile,
  modelName,
  openImport,
  SANKEY,
  sankeyStages,
  savedModels,
} from './app-helpers';
import { screenshot, useApp } from './browser';

// The Import dialog (CRM exports, at scale, by keyboard), paste into an empty
// model and files dropped on the window, in the built app (issue 5).
const app = useApp();

/** Opens the app and waits for the first analysis. */
async function openApp(): Promise<Page> {
  const page = await app.open('', { ready: SANKEY });
  await analysed(page);
  return page;
}

/**
 * Writes a CRM export of about `megabytes` MB: leads (`lead-<n>`, a date, a
 * channel) and one deal per 500 leads, in a folder removed after the tests.
 */
async function bigExport(
  megabytes: number,
): Promise<{ leads: string; deals: string; count: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'bottleneck-big-'));
  folders.push(dir);
  const leads = join(dir, 'leads.csv');
  const deals = join(dir, 'deals.csv');
  const origins = ['organic_search', 'paid_search', 'social', 'email', 'referral', ''];
  const write = (
    path: string,
    lines: (i: number) => string | null,
    until: (bytes: number, i: number) => boolean,
  ) =>
    new Promise<number>((resolve, reject) => {
      const out = createWriteStream(path);
      out.on('error', reject);
      let bytes = 0;
      let i = 0;
      const more = () => {
        let batch = '';
        for (let k = 0; k < 50_000 && !until(bytes + batch.length, i); k++, i++)
          batch += lines(i) ?? '';
        bytes += batch.length;
        if (until(bytes, i)) out.end(batch, () => resolve(i));
        else if (out.write(batch)) more();
        else out.once('drain', more);
      };
      more();
    });
  const day = (i: number) =>
    `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  const count =
    (await write(
      leads,
      (i) => (i === 0 ? 'lead_id,created_at,origin\n' : `lead-${i},${day(i)},${origins[i % 6]}\n`),
      (bytes) => bytes >= megabytes * 1024 * 1024,
    )) - 1;
  await write(
    deals,
    (i) => (i === 0 ? 'lead_id,won_at,owner\n' : `lead-${i * 500},${day(i + 3)},rep${i % 7}\n`),
    (_, i) => i * 500 > count,
  );
  return { leads, deals, count };
}
const folders: string[] = [];
afterAll(() => Promise.all(folders.map((d) => rm(d, { recursive: true, force: true }))));

describe('importing a CRM export through the dialog', () => {
  test('the Olist pair shows what was detected, then opens as a multi-channel Sankey', async () => {
    const page = await openApp();
    const before = await modelName(page);
    const dialog = await openImport(page);
    await screenshot(page, 'import-dialog-empty');

    await dialog.locator('input[type="file"]').setInputFiles([leadsFile(), dealsFile()]);
    await dialog.getByRole('heading', { name: 'The funnel it gives' }).waitFor();
    await screenshot(page, 'import-dialog-olist-detected');
    expect(await dialog.getByLabel('Layout').inputValue()).toBe('joined');
    expect(await dialog.getByLabel('Channel column').inputValue()).toBe('origin');
    expect(await dialog.getByLabel('Id column of closed_deals.csv').inputValue()).toBe('mql_id');
    expect(await dialog.getByLabel('Dates of closed_deals.csv').inputValue()).toBe('won_date');
    expect(
      await dialog.getByText(/8,000 Marketing qualified leads → 842 Closed deals/).count(),
    ).toBe(1);
    expect(await dialog.locator('table.channels tbody tr').count()).toBe(11);
    const capacity = dialog.getByRole('checkbox', {
      name: /Set the capacity of “Closed deals” to 207/,
    });
    expect(await capacity.isChecked()).toBe(false);
    // Nothing open changes before the user confirms.
    expect(await modelName(page)).toBe(before);

    await dialog.getByLabel('Name of stage 1').fill('MQLs');
    await dialog.getByLabel('Name of stage 1').press('Enter');
    await dialog.locator('[data-import-stage="mqls"]').waitFor();
    await dialog.getByLabel('Name of stage 2').fill('Closed won');
    await dialog.getByLabel('Name of stage 2').press('Enter');
    await dialog.locator('[data-import-stage="closed_won"]').waitFor();
    await dialog.locator('summary', { hasText: 'How each file was read' }).click();
    await dialog
      .getByRole('region', { name: 'How closed_deals.csv was read' })
      .scrollIntoViewIfNeeded();
    await screenshot(page, 'import-dialog-olist-corrected');

    await dialog.getByRole('button', { name: 'Open as new model' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => modelName(page)).toBe('MQLs → Closed won (imported)');
    await expect.poll(() => sankeyStages(page)).toHaveLength(12);
    const stages = await sankeyStages(page);
    expect(stages.filter((s) => s?.startsWith('ch_'))).toEqual([
      'ch_organic_search',
      'ch_paid_search',
      'ch_social',
      'ch_unknown',
      'ch_direct_traffic',
      'ch_email',
      'ch_referral',
      'ch_other',
      'ch_display',
      'ch_other_publicities',
      'ch_blank',
    ]);
    expect(stages).toContain('closed_won');
    // Every channel merges into Closed won; its capacity was not set.
    for (const id of stages.filter((s) => s?.startsWith('ch_'))) {
      expect(await cell(page, id as string, 'next').innerText()).toBe('Closed won');
    }
    expect(await cell(page, 'closed_won', 'capacity').innerText()).toBe('∞');
    await analysed(page);
    await screenshot(page, 'import-olist-opened');
    expect(await savedModels(page)).toContain('MQLs → Closed won (imported)');
  });

  test('a bad file gets a clear message and the open model is unchanged', async () => {
    const page = await openApp();
    const before = await modelName(page);
    const arrivals = cell(page, 'accounts', 'arrivals');
    await expect.poll(() => arrivals.innerText()).toBe('2,000');
    const dialog = await openImport(page);
    await dialog.locator('input[type="file"]').setInputFiles({
      name: 'deals.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    });
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(
      /deals\.csv: this is a PNG image, not CSV text; expected a CSV export/,
    );
    expect(await dialog.getByRole('button', { name: 'Open as new model' }).isDisabled()).toBe(true);
    await screenshot(page, 'import-dialog-bad-file');

    await dialog.locator('input[type="file"]').setInputFiles({
      name: 'leads.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('lead_id;created\nL1;2024-01-02\nL2;2024-01-03\n'),
    });
    await expect
      .poll(() => alert.innerText())
      .toMatch(
        /found no stage\/status column and 1 date column\(s\); expected one table with a stage/,
      );
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await modelName(page)).toBe(before);
    expect(await arrivals.innerText()).toBe('2,000');
  });
});

describe('the Import dialog at scale and by keyboard', () => {
  test('a 100 MB export streams with a progress bar, can be cancelled, and imports', async () => {
    const big = await bigExport(100);
    const page = await openApp();
    const before = await modelName(page);
    const dialog = await openImport(page);
    await dialog.locator('input[type="file"]').setInputFiles([big.leads, big.deals]);
    const progress = dialog.getByRole('progressbar', { name: 'Reading the files' });
    await expect
      .poll(async () => Number((await progress.getAttribute('value')) ?? 0), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await screenshot(page, 'import-dialog-progress');
    await dialog.getByRole('button', { name: 'Cancel reading' }).click();
    await dialog.getByText('Import cancelled: nothing was opened.').waitFor();
    expect(await dialog.getByRole('button', { name: 'Open as new model' }).isDisabled()).toBe(true);

    // Any correction runs the import again, to the end this time.
    await dialog.getByLabel('Count arrivals per').selectOption('quarter');
    await dialog.getByRole('heading', { name: 'The funnel it gives' }).waitFor({ timeout: 40_000 });
    const summary = await dialog.locator('p.summary').innerText();
    expect(summary).toContain(`${big.count.toLocaleString('en-US')} Leads`);
    expect(summary).toMatch(/Q1 2024 – Q4 2024 \(4 quarters\)/);
    expect(await modelName(page)).toBe(before);
  }, 90_000);

  test('opens from the keyboard, takes focus, and Escape gives it back', async () => {
    const page = await openApp();
    const button = page.getByRole('button', { name: 'Import', exact: true });
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = importDialog(page);
    await dialog.waitFor();
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    // The file chooser is reachable by Tab (a real input behind its label).
    for (let i = 0; i < 5; i++) {
      if (
        await dialog.locator('input[type="file"]').evaluate((el) => el === document.activeElement)
      )
        break;
      await page.keyboard.press('Tab');
    }
    expect(
      await dialog.locator('input[type="file"]').evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);
  });
});

describe('paste and drop', () => {
  test('pasting a table into an empty model gives stages, as one undoable edit', async () => {
    const page = await openApp();
    await page.getByRole('button', { name: 'Models' }).click();
    await page.getByRole('menuitem', { name: 'New model' }).click();
    const grid = page.locator('table[aria-label="Funnel"]');
    await expect.poll(() => grid.locator('td[data-stage]').count()).toBe(0);
    await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.evaluate(() =>
      navigator.clipboard.writeText(
        'Stage\tReached\tCapacity\nLeads\t2,000\t\nMeetings\t500\t300\nWon\t50\t\n',
      ),
    );
    await grid.focus();
    await page.keyboard.press('Control+V');
    await expect.poll(() => cell(page, 'leads', 'name').count()).toBe(1);
    expect(await grid.locator('td[data-field="name"]').allInnerTexts()).toEqual([
      'Leads',
      'Meetings',
      'Won',
    ]);
    expect(await cell(page, 'leads', 'arrivals').innerText()).toBe('2,000');
    expect(await cell(page, 'meetings', 'capacity').innerText()).toBe('300');
    await expect.poll(() => sankeyStages(page)).toEqual(['leads', 'meetings', 'won']);
    await screenshot(page, 'paste-into-empty-model');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => grid.locator('td[data-stage]').count()).toBe(0);
  });

  test('a model file dropped on the window opens as a new model; a CSV opens the dialog', async () => {
    const page = await openApp();
    const json = (await exported(page, /^Model/)).bytes.toString('utf8');
    const drop = (name: string, text: string) =>
      page.evaluate(
        ([name, text]) => {
          const data = new DataTransfer();
          data.items.add(new File([text], name));
          for (const type of ['dragenter', 'dragover', 'drop'])
            document.body.dispatchEvent(
              new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
            );
        },
        [name, text] as const,
      );
    await drop('dropped.json', json.replace(/"name": "[^"]*"/, '"name": "Dropped model"'));
    await expect.poll(() => modelName(page)).toBe('Dropped model');
    expect(await importDialog(page).isVisible()).toBe(false);

    await drop('closed_deals.csv', await readFile(dealsFile(), 'utf8'));
    await importDialog(page).getByRole('alert').waitFor();
    const files = importDialog(page).getByRole('listitem').filter({ hasText: '.csv' });
    expect(await files.allInnerTexts()).toEqual([expect.stringMatching(/^1\s+closed_deals\.csv/)]);
    expect(await modelName(page)).toBe('Dropped model');
  });
});
