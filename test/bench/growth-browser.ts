import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { shareUrl } from '../../src/lib/io/share-link';
import { launchBrowser } from '../e2e/chromium';
import { serveStatic } from '../e2e/static-server';
import { snapshotBuild } from './bundle';
import { loopModel } from './growth';
import { ms, percentiles, type BenchRow, type BenchSection } from './section';

/*
 * Edit → grid, Sankey and chart repainted, in Chromium on the built app: a
 * 50-stage, 60-period model (pull, opened from a share link), the growth
 * chart showing throughput money, and the Price assumption typed again and
 * again. Each figure runs from the Enter that commits the cell to the frame
 * after the growth chart's pull curve changed (Svelte updates the grid, the
 * Sankey and the charts in the same flush). Long tasks are watched meanwhile.
 */

const EDITS = 40;
const WARMUP = 5;

/** What the page records (see `instrument`). */
interface Recorded {
  samples: number[];
  longTasks: number[];
}

/**
 * Records, in the page, the time from an Enter keydown to the frame after
 * the next change of a growth curve, and every long task.
 */
function instrument(): void {
  const state = { start: 0, samples: [] as number[], longTasks: [] as number[] };
  (window as unknown as { __bench: typeof state }).__bench = state;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
  document.addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'Enter') state.start = performance.now();
    },
    true,
  );
  const chart = document.querySelector('svg[aria-label="Growth curves"]');
  if (!chart) throw new Error('no growth chart');
  new MutationObserver(() => {
    const start = state.start;
    if (start === 0) return;
    state.start = 0;
    requestAnimationFrame(() => setTimeout(() => state.samples.push(performance.now() - start), 0));
  }).observe(chart, { attributes: true, subtree: true, attributeFilter: ['d'] });
}

/** Types one value into the Price assumption and waits for the chart to repaint. */
async function editPrice(page: Page, value: string, count: number): Promise<void> {
  await page
    .locator('table[aria-label="Assumptions"] td[data-assumption="Price"][data-field="value"]')
    .click();
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (n) => (window as unknown as { __bench: Recorded }).__bench.samples.length >= n,
    count,
    { timeout: 10_000 },
  );
}

/** Opens the model, instruments the page and makes the edits. */
async function measure(url: string): Promise<Recorded> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(await shareUrl(url, loopModel(true)));
    await page.locator('svg[aria-label="Growth curves"] path[data-mode="pull"]').waitFor();
    await page
      .getByRole('radiogroup', { name: 'Growth chart shows' })
      .getByRole('radio', { name: 'Throughput' })
      .check();
    await page.evaluate(instrument);
    for (let i = 0; i < WARMUP + EDITS; i++) await editPrice(page, `${12500 + i * 50}`, i + 1);
    const recorded = await page.evaluate(
      () => (window as unknown as { __bench: Recorded }).__bench,
    );
    return { samples: recorded.samples.slice(WARMUP), longTasks: recorded.longTasks };
  } finally {
    await browser.close();
  }
}

/** The browser repaint figures. */
export const growthBrowserSection: BenchSection = {
  id: 'repaint',
  title: 'Edit → grid, Sankey and charts repainted (Chromium, built app)',
  async run(): Promise<BenchRow[]> {
    const { dir, note } = snapshotBuild();
    const server = await serveStatic(dir);
    try {
      const { samples, longTasks } = await measure(server.url);
      const { median, p95 } = percentiles(samples);
      const budget = '< 50 ms';
      return [
        {
          measure: `edit an assumption → charts repainted, median of ${samples.length}`,
          figure: ms(median),
          budget,
          detail: `50 stages, 60 periods, pull; ${note}; Enter to the frame after the growth curve changed`,
        },
        { measure: 'edit → repainted, p95', figure: ms(p95), budget },
        {
          measure: 'longest main-thread task meanwhile',
          figure: longTasks.length === 0 ? 'none over 50 ms' : ms(Math.max(...longTasks)),
          budget: 'no task over 50 ms',
          detail: `${longTasks.length} long task${longTasks.length === 1 ? '' : 's'} (PerformanceObserver 'longtask')`,
        },
      ];
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
