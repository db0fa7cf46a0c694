/**
 * A project with no events: every view explains how to send the first one, with this
 * server's address and project token, and the snippet it shows works: running it makes the
 * data appear without a reload.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HAS_CHROMIUM,
  buildUi,
  cleanUp,
  launchBrowser,
  screenshot,
  signIn,
  startTestServer,
  watchedPage,
  type RunningServer,
} from './harness';

describe.skipIf(!HAS_CHROMIUM)('the empty state', () => {
  let server: RunningServer;
  let browser: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    server = await startTestServer(await buildUi());
    browser = await launchBrowser();
    ({ page, problems } = await watchedPage(browser));
    await signIn(page, server);
  }, 180_000);

  afterAll(cleanUp);

  it('shows the setup with this server and token on every view; the snippet works', async () => {
    for (const path of ['/traces', '/generations', '/sessions', '/users', '/']) {
      await page.goto(`${server.url}${path}`);
      await page.waitForSelector('[data-testid="setup-guide"]');
      await expect
        .poll(() => page.textContent('[data-testid="setup-token"]'))
        .toBe(server.projectToken);
      expect(await page.textContent('[data-testid="setup-host"]')).toBe(server.url);
    }
    expect(await page.textContent('[data-testid="setup-snippet"]')).toContain(
      `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=${server.url}/i/v0/ai/otel`,
    );
    await page.click('[role="tab"]:has-text("Node.js")');
    const node = await page.textContent('[data-testid="setup-snippet"]');
    expect(node).toContain(`apiKey: '${server.projectToken}',`);
    expect(node).toContain(`host: '${server.url}',`);
    await screenshot(page, 'empty-state');

    // Run the curl snippet as shown (its URL and body), without leaving the page.
    await page.click('[role="tab"]:has-text("curl")');
    const curl = (await page.textContent('[data-testid="setup-snippet"]'))!;
    const url = /curl -sS (\S+)/.exec(curl)![1]!;
    const body = /-d '([\s\S]*)'$/.exec(curl)![1]!;
    expect(url).toBe(`${server.url}/batch/`);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(200);
    await page.waitForSelector('[data-testid="stat-requests"]', { timeout: 20_000 });
    // The guide goes when the has-events poll sees the event; the totals follow on the
    // dashboard's own poll, up to one interval (5 s) later.
    await expect
      .poll(() => page.textContent('[data-testid="stat-requests"] .stat-value'), {
        timeout: 10_000,
      })
      .toBe('1');
    expect(await page.$('[data-testid="setup-guide"]')).toBeNull();
    expect(problems).toEqual([]);
  });
});
