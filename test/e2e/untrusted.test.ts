import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { deflateSync } from 'fflate';
import { encodeBase64url } from '../../src/lib/io/base64url';
import { encodeShareFragment } from '../../src/lib/io/share-link';
import { serializeModel } from '../../src/lib/model/serialize';
import { EXAMPLES } from '../../src/lib/model/examples';
import { lyingWorkbook } from '../unit/io/lying-workbook';
import { analysed, cell, exported, openImport, SANKEY } from './app-helpers';
import { screenshot, useApp } from './browser';

// Untrusted files and links in the built app (issue 9, items 23, 25, 28): a
// workbook that lies about its size is read in a worker of its own and
// refused; a stage name holding control characters never reaches a picture;
// a link that arrived whole but breaks a rule says which.
const app = useApp();

/** Opens the app and waits for the first analysis. */
async function openApp(path = ''): Promise<Page> {
  const page = await app.open(path, { ready: SANKEY });
  await analysed(page);
  return page;
}

/** Scripts the page loaded as workers for reading workbooks. */
const workbookWorkers = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((name) => /workbook\.worker/.test(name)),
  );

describe('untrusted files and links', () => {
  test('a 6 MB workbook claiming 1 KB that inflates to 6 GB is refused, read off the page', async () => {
    const page = await openApp();
    const dialog = await openImport(page);
    await dialog.locator('input[type="file"]').setInputFiles({
      name: 'bomb.xlsx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(await lyingWorkbook()),
    });
    const alert = dialog.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).toMatch(
      /bomb\.xlsx: expands to more than 100\.0 MB \(though its ZIP headers claim [\d.]+ KB\); a workbook is read up to 100\.0 MB expanded\./,
    );
    expect(await workbookWorkers(page)).toHaveLength(1);
    await screenshot(page, 'import-dialog-xlsx-bomb');
  }, 60_000);

  test('a stage named with a control character opens without it, and the Sankey exports as valid SVG', async () => {
    const model = EXAMPLES[0]!.model();
    const first = model.stages[0]!;
    const hostile = {
      ...model,
      name: 'Bell\u0007 model',
      stages: [{ ...first, name: `Leads\u0007\u001b[31m` }, ...model.stages.slice(1)],
    };
    const page = await openApp(`#${encodeShareFragment(hostile)}`);
    expect(await cell(page, first.id, 'name').innerText()).toBe('Leads[31m');
    const svg = await exported(page, /Sankey as SVG/);
    const text = svg.bytes.toString('utf8');
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const error = await page.evaluate(
      (t) =>
        new DOMParser().parseFromString(t, 'image/svg+xml').querySelector('parsererror')
          ?.textContent ?? null,
      text,
    );
    expect(error).toBeNull();
    const png = await exported(page, /Sankey as PNG/);
    expect([...png.bytes.subarray(0, 4)]).toEqual([137, 80, 78, 71]);
  });

  test('an intact link whose model breaks a rule says which rule, not "damaged"', async () => {
    const doc = JSON.stringify({ ...serializeModel(EXAMPLES[0]!.model()), horizon: 1e9 });
    const fragment = `m1.${encodeBase64url(deflateSync(new TextEncoder().encode(doc)))}`;
    const page = await openApp(`#${fragment}`);
    const alert = page.getByRole('alert').filter({ hasText: 'share link could not be opened' });
    const text = await alert.innerText();
    expect(text).toContain(
      'This link arrived whole, but the model in it cannot be opened: the horizon must be 1–520 periods (a whole number). Ask for a new link.',
    );
    expect(text).not.toMatch(/damaged/);
    await screenshot(page, 'share-invalid-link');
  });
});
