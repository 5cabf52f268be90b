/*
 * Renders the app icons in static/ from static/favicon.svg with headless
 * Chromium (playwright-core): icon-192.png and icon-512.png (the rounded
 * square as it is) and icon-maskable-512.png (the drawing inside the central
 * 80 % safe zone on a full-bleed background, for launchers that crop).
 * Run after changing the favicon: `npx tsx scripts/icons.ts`; commit the PNGs.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const STATIC = fileURLToPath(new URL('../static/', import.meta.url));
/** The favicon's background, filling the maskable icon's bleed area. */
const BACKGROUND = '#1f2a44';

const svg = await readFile(`${STATIC}favicon.svg`, 'utf8');
const icons = [
  { file: 'icon-192.png', size: 192, inset: 0, background: 'transparent' },
  { file: 'icon-512.png', size: 512, inset: 0, background: 'transparent' },
  // Maskable: launchers keep at least the central circle of 80 % diameter.
  { file: 'icon-maskable-512.png', size: 512, inset: 0.12, background: BACKGROUND },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  for (const { file, size, inset, background } of icons) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const pad = Math.round(size * inset);
    await page.setContent(
      `<html><body style="margin:0;background:${background}">` +
        `<div style="padding:${pad}px;width:${size}px;height:${size}px;box-sizing:border-box">` +
        svg.replace('<svg ', '<svg width="100%" height="100%" ') +
        '</div></body></html>',
    );
    await page.screenshot({
      path: `${STATIC}${file}`,
      omitBackground: background === 'transparent',
    });
    await page.close();
    console.log(`static/${file} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
