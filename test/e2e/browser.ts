import { mkdir, readdir, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { launchBrowser } from './chromium';

/** Where screenshots go; test-results/ is gitignored and kept by CI as an artefact. */
export const SCREENSHOTS = fileURLToPath(
  new URL('../../test-results/screenshots/', import.meta.url),
);

/** Turns a test or screenshot name into a safe file name (letters, digits, `-`). */
function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Saves a full-page PNG to test-results/screenshots/<name>.png for developers
 * to look at, and returns its path.
 *
 * @throws Error when `name` is not made of lowercase letters, digits and `-`.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (name !== slug(name)) throw new Error(`Screenshot name "${name}": use e.g. "${slug(name)}".`);
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = `${SCREENSHOTS}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** How to open the app; see {@link AppHarness.open}. */
export interface OpenOptions {
  /** A selector that must be visible before the page counts as ready. */
  ready?: string;
}

/** The per-file browser and per-test context that {@link useApp} manages. */
export interface AppHarness {
  /** Address of the built app, with a trailing slash. */
  readonly baseURL: string;
  /** The current test's browser context: fresh storage, closed after the test. */
  context(): BrowserContext;
  /**
   * Opens a new tab at `path` (relative to the app, default the start page)
   * and waits until SvelteKit has mounted the page (its header, or its
   * "Opening your model…" while the library opens) and `options.ready` (if
   * given) is visible.
   */
  open(path?: string, options?: OpenOptions): Promise<Page>;
  /**
   * Console errors, page errors and dialogs seen so far in this test, as
   * `console: …`, `pageerror: …`, `dialog alert: …`.
   */
  problems(): readonly string[];
  /** Lets this test see problems matching any of `patterns` without failing. */
  allow(...patterns: RegExp[]): void;
}

/**
 * Registers the hooks of an e2e test file and returns its harness: one
 * Chromium for the file (beforeAll/afterAll), a fresh context per test
 * (1280×800, en-US, UTC, reduced motion). After each test it fails the test
 * on unexpected problems (see {@link AppHarness.problems}); any dialog is one,
 * since the app never opens them unasked (an `alert` means injected script
 * ran). A failed test leaves a `failed-<file>-<test>.png` screenshot per tab;
 * a passing one removes those an earlier failure left.
 */
export function useApp(): AppHarness {
  const baseURL = inject('baseURL');
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let problems: string[] = [];
  let allowed: RegExp[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    problems = [];
    allowed = [];
    if (!browser) throw new Error('Chromium did not start (see beforeAll).');
    context = await browser.newContext({
      baseURL,
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
      timezoneId: 'UTC',
      reducedMotion: 'reduce',
    });
    context.on('console', (message) => {
      if (message.type() !== 'error') return;
      const where = message.location().url;
      problems.push(`console: ${message.text()}${where ? ` (${where})` : ''}`);
    });
    context.on('weberror', (error) => problems.push(`pageerror: ${String(error.error())}`));
    context.on('dialog', (dialog) => {
      problems.push(`dialog ${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    context.on('page', (page) => page.on('crash', () => problems.push('crash: the tab crashed')));
  });

  afterEach(async ({ task }) => {
    const current = context;
    context = undefined;
    if (!current) return;
    try {
      const name = slug(`failed ${basename(task.file.name, '.test.ts')} ${task.name}`);
      if (task.result?.state === 'fail') {
        const pages = current.pages();
        for (const [i, page] of pages.entries()) {
          await screenshot(page, pages.length > 1 ? `${name}-${i + 1}` : name);
        }
      } else {
        // A pass clears what an earlier failure of this test left behind.
        const stale = (await readdir(SCREENSHOTS).catch(() => [])).filter((f) =>
          new RegExp(`^${name}(-\\d+)?\\.png$`).test(f),
        );
        await Promise.all(stale.map((f) => rm(`${SCREENSHOTS}${f}`)));
      }
      const unexpected = problems.filter((text) => !allowed.some((re) => re.test(text)));
      if (unexpected.length > 0) {
        throw new Error(`Unexpected problems in the page:\n  ${unexpected.join('\n  ')}`);
      }
    } finally {
      await current.close();
    }
  });

  return {
    baseURL,
    context() {
      if (!context) throw new Error('No browser context: call this inside a test.');
      return context;
    },
    async open(path = '', options = {}) {
      const page = await this.context().newPage();
      await page.goto(new URL(path, baseURL).href);
      // ssr = false: the prerendered shell is empty until the client mounts the
      // page, which shows its header, or "Opening your model…" while the library
      // opens (an element of the root layout, such as the update prompt, may be
      // attached before either and shows nothing).
      await page.locator('h1, p.loading').first().waitFor({ state: 'visible' });
      if (options.ready) await page.locator(options.ready).first().waitFor({ state: 'visible' });
      return page;
    },
    problems: () => [...problems],
    allow(...patterns) {
      allowed.push(...patterns);
    },
  };
}
