// Checks of the e2e harness itself: the server, error capture and isolation
// that every browser test relies on.
import { describe, expect, test } from 'vitest';
import { useApp } from './browser';

const app = useApp();

describe('the static server', () => {
  test('serves the app on a secure origin where service workers can register', async () => {
    const page = await app.open();
    const origin = await page.evaluate(() => ({
      secure: window.isSecureContext,
      serviceWorker: 'serviceWorker' in navigator,
      host: location.hostname,
    }));
    expect(origin).toEqual({ secure: true, serviceWorker: true, host: '127.0.0.1' });
  });

  test('answers an unknown path with the 404.html shell, status 404', async () => {
    const response = await fetch(new URL('no/such/page', app.baseURL));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<title>Bottleneck</title>');
  });

  test('never serves files outside build/', async () => {
    const response = await fetch(new URL('..%2F..%2Fpackage.json', app.baseURL));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('"devDependencies"');
  });
});

describe('problem capture', () => {
  test('records console errors, uncaught errors and dialogs', async () => {
    const page = await app.open();
    await page.evaluate(() => {
      console.error('harness console error');
      setTimeout(() => {
        throw new Error('harness uncaught error');
      });
      setTimeout(() => alert('harness dialog'));
    });
    await expect.poll(() => app.problems().length).toBe(3);
    expect(app.problems()).toEqual([
      expect.stringMatching(/^console: harness console error/),
      'pageerror: Error: harness uncaught error',
      'dialog alert: harness dialog',
    ]);
    app.allow(/harness/);
  });
});

describe('isolation', () => {
  test('a test writes local storage', async () => {
    const page = await app.open();
    await page.evaluate(() => localStorage.setItem('harness', 'written'));
    expect(await page.evaluate(() => localStorage.getItem('harness'))).toBe('written');
  });

  test('the next test starts with empty storage', async () => {
    const page = await app.open();
    expect(await page.evaluate(() => localStorage.getItem('harness'))).toBeNull();
  });
});
