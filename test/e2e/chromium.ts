import { chromium, type Browser } from 'playwright-core';

/** Flags that keep headless Chromium quiet and runnable as root in a container. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Launches headless Chromium: `$CHROMIUM_PATH`, else Debian's /usr/bin/chromium.
 * Used by the browser tests and the repaint benchmark alike.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ARGS,
  });
}
