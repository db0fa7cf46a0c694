/**
 * End to end in headless Debian Chromium (playwright-core): the examples/browser page, built
 * with Vite and served from loopback, calls the mock OpenAI server through the Vercel AI SDK;
 * its events go cross-origin to a capture server behind a CORS front. Screenshots land in
 * artifacts/browser/ (ignored by git).
 */
import { createPricer } from '@llm-analytics/core/pricing';
import type { AiEvent } from '@llm-analytics/core';
import {
  startCaptureServer,
  startMockOpenAI,
  type CapturedRequest,
  type CaptureServer,
  type MockOpenAIServer,
} from '@llm-analytics/testing';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCorsProxy, startPageServer, type CorsProxy, type RunningServer } from './servers';

const REPO = join(import.meta.dirname, '../../../..');
const EXAMPLE = join(REPO, 'examples/browser');
const ARTIFACTS = join(REPO, 'artifacts/browser');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TOKEN = 'phc_browser_e2e';
const PROMPT = 'What is the capital of France?';

if (!existsSync(CHROMIUM))
  console.warn(`browser e2e skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

interface Batch {
  api_key?: string;
  batch: AiEvent[];
}

/** Events of a capture request; unload requests are text/plain, so parse the text. */
function eventsOf(request: CapturedRequest): AiEvent[] {
  if (request.path !== '/batch/') return [];
  return (JSON.parse(request.text) as Batch).batch;
}

describe.skipIf(!existsSync(CHROMIUM))('the example page in headless Chromium', () => {
  let outDir: string;
  let userDataDir: string;
  let mock: MockOpenAIServer;
  let sink: CaptureServer;
  let ingest: CorsProxy;
  let site: RunningServer;
  let browser: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'llm-analytics-example-'));
    userDataDir = mkdtempSync(join(tmpdir(), 'llm-analytics-chromium-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    // The example as a user builds it: Vite, against the built packages (run `pnpm build` first).
    await promisify(execFile)(
      process.execPath,
      [
        join(EXAMPLE, 'node_modules/vite/bin/vite.js'),
        'build',
        '--outDir',
        outDir,
        '--emptyOutDir',
      ],
      { cwd: EXAMPLE, timeout: 120_000 },
    );
    mock = await startMockOpenAI();
    sink = await startCaptureServer();
    ingest = await startCorsProxy(sink.url);
    site = await startPageServer(outDir, mock.origin);
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([site?.close(), ingest?.close(), sink?.close(), mock?.close()]);
    rmSync(outDir, { recursive: true, force: true });
    rmSync(userDataDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    sink.reset();
    mock.reset();
    ingest.preflights.length = 0;
    page = await browser.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  });

  afterEach(async () => {
    if (!page.isClosed()) await page.close();
  });

  /** Open the page, ask, and wait for the answer on screen. */
  async function askOnPage(query: Record<string, string> = {}): Promise<void> {
    const search = new URLSearchParams({
      host: ingest.url,
      token: TOKEN,
      user: 'page-user',
      ...query,
    });
    await page.goto(`${site.url}/?${search}`);
    await page.fill('#prompt', PROMPT);
    await page.click('#send');
    await page.waitForSelector('body[data-state="answered"]', { timeout: 15_000 });
  }

  async function waitForGeneration(): Promise<AiEvent[]> {
    await sink.waitFor(
      (request) => eventsOf(request).some((event) => event.event === '$ai_generation'),
      15_000,
    );
    return sink.requests.flatMap(eventsOf);
  }

  /** Each event uuid seen exactly once, after giving duplicates time to arrive. */
  async function expectEachEventOnce(): Promise<AiEvent[]> {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const events = sink.requests.flatMap(eventsOf);
    const uuids = events.map((event) => event.uuid);
    expect(uuids.length).toBeGreaterThan(0);
    expect(new Set(uuids).size).toBe(uuids.length);
    return events;
  }

  it('a click becomes an $ai_generation with model, messages, tokens and the page user', async () => {
    await askOnPage();
    await page.screenshot({ path: join(ARTIFACTS, 'answered.png') });
    expect(await page.textContent('#answer')).toBe(`Echo: ${PROMPT}`);
    await waitForGeneration();
    const events = await expectEachEventOnce();
    const generation = events.find((event) => event.event === '$ai_generation')!;
    expect(generation.distinct_id).toBe('page-user');
    const properties = generation.properties;
    expect(properties.$ai_model).toBe('gpt-4o-mini-2024-07-18');
    expect(properties.$ai_provider).toBe('openai');
    expect(JSON.stringify(properties.$ai_input)).toContain(PROMPT);
    expect(JSON.stringify(properties.$ai_output_choices)).toContain(`Echo: ${PROMPT}`);
    expect(properties.$ai_input_tokens).toBeGreaterThan(0);
    expect(properties.$ai_output_tokens).toBeGreaterThan(0);
    expect(properties.$ai_framework).toBe('vercel-ai');
    // Pinned: browsers have no async context, so the span the AI SDK starts after an await
    // (doGenerate) does not find its parent and starts a trace of its own. The outer
    // generateText span is an $ai_trace on its own; both carry the page's distinct id.
    const outer = events.find((event) => event.event === '$ai_trace')!;
    expect(outer.distinct_id).toBe('page-user');
    expect(outer.properties.$ai_span_name).toBe('browser-example');
    expect(properties.$ai_parent_id).toBeUndefined();
    expect(properties.$ai_trace_id).not.toBe(outer.properties.$ai_trace_id);
    // No price table in the browser: the event arrives unpriced, and has what the server
    // needs to price it (what our server and PostHog do on ingestion).
    expect(properties.$ai_total_cost_usd).toBeUndefined();
    const priced = createPricer()(generation);
    expect(priced.properties.$ai_total_cost_usd).toBeGreaterThan(0);
    // The normal transport: JSON, cross-origin, so the browser asked the CORS preflight.
    const batchRequest = sink.requests.find((request) => eventsOf(request).length)!;
    expect(batchRequest.headers['content-type']).toBe('application/json');
    expect(batchRequest.headers.origin).toBe(site.url);
    expect(ingest.preflights).toContainEqual(
      expect.objectContaining({ path: '/batch/', method: 'POST', origin: site.url }),
    );
    // Bodies over 1 KiB are gzipped: the preflight asks for content-encoding too.
    expect(ingest.preflights[0]!.headers?.split(',')).toContain('content-type');
    expect(pageErrors).toEqual([]);
  });

  it('leaving the page right after a call still delivers its events, exactly once', async () => {
    // Report which page-lifecycle events fire on the way out (both do: both flush).
    await page.addInitScript((lifecycleUrl: string) => {
      const report = (name: string) => navigator.sendBeacon(`${lifecycleUrl}?event=${name}`);
      addEventListener('pagehide', () => report('pagehide'));
      document.addEventListener('visibilitychange', () => report(document.visibilityState));
    }, `${sink.url}/lifecycle`);
    // A flush interval far away: only the page-hide flush can send before the test ends.
    await askOnPage({ flushIntervalMs: '600000' });
    await page.screenshot({ path: join(ARTIFACTS, 'before-leaving.png') });
    await page.goto('about:blank');
    const events = await waitForGeneration();
    const once = await expectEachEventOnce();
    expect(once.length).toBe(events.length);
    const lifecycle = sink.requests.filter((request) => request.path === '/lifecycle');
    expect(lifecycle.map((request) => request.query.event).sort()).toEqual(['hidden', 'pagehide']);
    const generation = once.find((event) => event.event === '$ai_generation')!;
    expect(generation.distinct_id).toBe('page-user');
    expect(generation.properties.$ai_input_tokens).toBeGreaterThan(0);
    // Sent as a CORS-simple keepalive request: text/plain, no preflight needed.
    const unloadRequests = sink.requests.filter((request) => eventsOf(request).length);
    expect(unloadRequests.map((request) => request.headers['content-type'])).toEqual([
      'text/plain;charset=UTF-8',
    ]);
    expect(ingest.preflights).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('closing the tab right after a call still delivers its events, exactly once', async () => {
    await askOnPage({ flushIntervalMs: '600000' });
    await page.close({ runBeforeUnload: true });
    await waitForGeneration();
    await expectEachEventOnce();
  });

  it('where fetch has no keepalive, sendBeacon carries them, exactly once', async () => {
    await page.addInitScript(() => {
      // A browser without fetch keepalive (Firefox before 133); beacons marked for the test.
      delete (Request.prototype as { keepalive?: boolean }).keepalive;
      const sendBeacon = navigator.sendBeacon.bind(navigator);
      navigator.sendBeacon = (url, data) => sendBeacon(`${String(url)}?via=beacon`, data);
    });
    await askOnPage({ flushIntervalMs: '600000' });
    await page.goto('about:blank');
    await waitForGeneration();
    await expectEachEventOnce();
    const unloadRequests = sink.requests.filter((request) => eventsOf(request).length);
    expect(unloadRequests.map((request) => request.query.via)).toEqual(['beacon']);
    expect(unloadRequests[0]!.headers['content-type']).toBe('text/plain;charset=utf-8');
  });
});
