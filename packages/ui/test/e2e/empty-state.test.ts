/**
 * A project with no events: every view explains how to send the first one, with this
 * server's address and project token, and the snippet it shows works: running it makes the
 * data appear without a reload.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
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
  REPO,
  type RunningServer,
} from './harness';

/** The server package's app that exports with the real OTLP/gRPC exporters, set up by env. */
const GRPC_APP = join(REPO, 'packages', 'server', 'test', 'grpc-exporter-app.mjs');

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
    // gRPC is off on this server: no tab offers it.
    expect(await page.$('[role="tab"]:has-text("gRPC")')).toBeNull();
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

  it('with OTLP/gRPC on, its tab names the gRPC port, and the exporters set up as shown deliver', async () => {
    const grpcServer = await startTestServer(await buildUi(), { grpcPort: 0 });
    const grpcPage = await browser.newPage();
    await signIn(grpcPage, grpcServer);
    await grpcPage.goto(`${grpcServer.url}/traces`);
    await grpcPage.click('[role="tab"]:has-text("OTLP/gRPC")');
    const snippet = (await grpcPage.textContent('[data-testid="setup-snippet"]'))!;
    const env = Object.fromEntries(
      [...snippet.matchAll(/^export (OTEL_\w+)=(.*)$/gm)].map(([, key, value]) => [
        key!,
        value!.replace(/^"|"$/g, ''),
      ]),
    );
    expect(env).toEqual({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${grpcServer.grpcPort}`,
      OTEL_EXPORTER_OTLP_HEADERS: `Authorization=Bearer%20${grpcServer.projectToken}`,
    });
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('OTEL_')),
    );
    const { stdout } = await promisify(execFile)(process.execPath, [GRPC_APP, 'grpc-setup', '0'], {
      env: { ...inherited, ...env },
      cwd: join(REPO, 'packages', 'server'),
      timeout: 60_000,
    });
    const result = JSON.parse(stdout) as { traces: { code: number }; logs: { code: number } };
    expect(result.traces.code).toBe(0);
    expect(result.logs.code).toBe(0);
    // The guide gives way to the data the snippet sent.
    await grpcPage.waitForSelector('[data-testid="setup-guide"]', {
      state: 'detached',
      timeout: 20_000,
    });
    await grpcPage.close();
  });
});
