/**
 * Every view of the UI in headless Chromium, against the real server holding events that the
 * AI SDK produced through the vercel-ai processor: what a person sees, filters narrowing rows,
 * the URL restoring state on reload, new events arriving without a reload. Screenshots land in
 * artifacts/ui/ (ignored by git).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  HAS_CHROMIUM,
  buildUi,
  cleanUp,
  coloredPixels,
  columnTexts,
  expectCleanPage,
  launchBrowser,
  openView,
  readApi,
  screenshot,
  sendLateTrace,
  sendScenarios,
  signIn,
  startApp,
  startTestServer,
  traceIdByName,
  typeFilter,
  waitForRows,
  watchedPage,
  type App,
  type RunningServer,
} from './harness';

/** The chart's first series colour (#5b5bd6). */
const ACCENT_RGB: [number, number, number] = [91, 91, 214];
const TRACE_NAMES = [
  'injection-attempt',
  'failing-call',
  'math-reasoning',
  'describe-image',
  'haiku-stream',
  'weather-agent',
];

describe.skipIf(!HAS_CHROMIUM)('the UI in headless Chromium', () => {
  let server: RunningServer;
  let app: App;
  let browser: BrowserContext;
  let page: Page;
  let problems: string[];

  const api = <T>(path: string) => readApi<T>(server, path);
  const traceId = (name: string) => traceIdByName(server, name);
  const open = (path: string) => openView(page, server, path);
  const search = () => new URL(page.url()).searchParams;

  beforeAll(async () => {
    const uiDir = await buildUi();
    server = await startTestServer(uiDir);
    app = await startApp(server);
    await sendScenarios(app);
    browser = await launchBrowser();
    ({ page, problems } = await watchedPage(browser));
  }, 180_000);

  afterAll(cleanUp);

  afterEach(() => expectCleanPage(page, problems));

  it('asks for the read key once, refuses a project token, and remembers the key', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForSelector('[data-testid="key-prompt"]');
    await screenshot(page, 'key-prompt');
    await page.fill('input[name="read-key"]', server.projectToken);
    await page.click('button[type="submit"]');
    await expect
      .poll(() => page.textContent('[role="alert"]'))
      .toMatch(/not accepted: project tokens can only write/);
    await signIn(page, server);
    expect(await page.evaluate(() => localStorage.getItem('llm-analytics.read-key'))).toBe(
      server.readKey,
    );
    await page.reload();
    await page.waitForSelector('.sidebar');
    expect(await page.$('[data-testid="key-prompt"]')).toBeNull();
  });

  it('dashboard: totals, charts drawn with data, split by model, top lists, range in the URL', async () => {
    await open('/');
    await expect
      .poll(() => page.textContent('[data-testid="stat-requests"] .stat-value'), {
        timeout: 10_000,
      })
      .toBe('7');
    expect(await page.textContent('[data-testid="stat-requests"] .stat-detail')).toBe('6 traces');
    expect(await page.textContent('[data-testid="stat-users"] .stat-value')).toBe('5');
    expect(await page.textContent('[data-testid="stat-errors"] .stat-detail')).toBe('1 error');
    expect(await page.textContent('[data-testid="stat-errors"] .stat-value')).toBe('14%');
    const cost = await page.textContent('[data-testid="stat-cost"] .stat-value');
    expect(Number(cost!.replace('$', ''))).toBeGreaterThan(0);
    const totals = await api<{ totals: { input_tokens: number } }>('/api/dashboard');
    expect(await page.textContent('[data-testid="stat-input-tokens"] .stat-value')).toBe(
      String(totals.totals.input_tokens),
    );

    // Six charts, each drawn: the requests line is there in pixels, not only in the DOM.
    expect(await page.$$('[data-chart] canvas')).toHaveLength(6);
    for (const chart of ['requests', 'cost', 'tokens'])
      expect(
        Number(await page.getAttribute(`[data-chart="${chart}"] .chart`, 'data-points')),
      ).toBeGreaterThan(0);
    await expect
      .poll(() => coloredPixels(page, '[data-chart="requests"]', ACCENT_RGB))
      .toBeGreaterThan(30);

    const topModels = await columnTexts(page, 'Top models by cost', 'model');
    expect(topModels).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^gpt-4o-mini/),
        expect.stringMatching(/^gpt-4o-2024/),
        expect.stringMatching(/^o4-mini/),
      ]),
    );
    expect(await columnTexts(page, 'Top users by cost', 'user')).toContain('alice@example.com');
    expect(await columnTexts(page, 'Top traces by cost', 'name')).toEqual(
      expect.arrayContaining(['weather-agent', 'math-reasoning']),
    );
    await screenshot(page, 'dashboard');

    // Split by model: one line per model on every chart, in the URL.
    await page.check('input[name="split"]');
    expect(search().get('split')).toBe('model');
    // One dashboard request per model: allow for a busy machine.
    await expect
      .poll(() => page.getAttribute('[data-chart="requests"] .chart', 'data-series'), {
        timeout: 10_000,
      })
      .toBe(String(topModels.length));
    expect(await page.textContent('[data-chart="requests"] .card-title')).toBe('Requests by model');
    const legend = await page.textContent('[data-chart="cost"] .u-legend');
    expect(legend).toContain('gpt-4o-2024-08-06');
    await screenshot(page, 'dashboard-split');

    // The time range picker writes the URL; a reload restores range and split.
    await page.click('[data-testid="time-range"] button:has-text("1h")');
    expect(search().get('range')).toBe('1h');
    await page.reload();
    await page.waitForSelector('[data-chart="requests"] canvas');
    expect(
      await page.getAttribute('[data-testid="time-range"] button:has-text("1h")', 'aria-pressed'),
    ).toBe('true');
    expect(await page.isChecked('input[name="split"]')).toBe(true);
    // Narrowing to one model.
    await page.selectOption('select[name="model"]', 'gpt-4o-2024-08-06');
    await expect
      .poll(() => page.textContent('[data-testid="stat-requests"] .stat-value'), {
        timeout: 10_000,
      })
      .toBe('1');
    expect(search().get('model')).toBe('gpt-4o-2024-08-06');
  });

  it('traces: every trace listed, search and filters narrow the rows, the URL restores them', async () => {
    await open('/traces');
    await waitForRows(page, 'Traces', 6);
    const names = await page.$$eval(
      'table[aria-label="Traces"] td[data-column="name"] a',
      (links) => links.map((link) => link.textContent),
    );
    expect(names).toEqual(TRACE_NAMES);
    const weather = await page.textContent(
      'table[aria-label="Traces"] tr:has-text("weather-agent") td[data-column="spans"]',
    );
    expect(weather).toBe('4');
    const errors = await page.textContent(
      'table[aria-label="Traces"] tr:has-text("failing-call") td[data-column="errors"]',
    );
    expect(Number(errors)).toBeGreaterThan(0);
    await screenshot(page, 'traces');

    await typeFilter(page, 'search', 'weather');
    await waitForRows(page, 'Traces', 1);
    expect(search().get('search')).toBe('weather');
    await page.reload();
    await waitForRows(page, 'Traces', 1);
    expect(await page.inputValue('input[name="search"]')).toBe('weather');
    expect(await columnTexts(page, 'Traces', 'user')).toEqual(['alice@example.com']);

    // Message text is searchable too.
    await typeFilter(page, 'search', 'haiku about the sea');
    await waitForRows(page, 'Traces', 1);
    expect(await columnTexts(page, 'Traces', 'session')).toEqual(['session-poetry']);

    await typeFilter(page, 'search', '');
    await waitForRows(page, 'Traces', 6);
    await page.selectOption('select[name="status"]', 'error');
    await waitForRows(page, 'Traces', 1);
    expect(search().get('status')).toBe('error');
    await page.selectOption('select[name="status"]', '');

    // A user cell filters to that user.
    await waitForRows(page, 'Traces', 6);
    await page.click('table[aria-label="Traces"] td[data-column="user"] button:text-is("bob")');
    await waitForRows(page, 'Traces', 2);
    expect(search().get('distinct_id')).toBe('bob');
    expect(await page.inputValue('input[name="distinct_id"]')).toBe('bob');

    // Sorting the page by cost, kept in the URL.
    await open('/traces?sort=cost&order=desc');
    await waitForRows(page, 'Traces', 6);
    const costs = (await columnTexts(page, 'Traces', 'cost')).map((text) =>
      Number(text.replace('$', '')),
    );
    expect(costs).toEqual([...costs].sort((a, b) => b - a));
  });

  it('generations: sortable, filterable, paginated; a row opens its trace at that generation', async () => {
    await open('/generations');
    await waitForRows(page, 'Generations', 7);
    const headers = await page.$$eval('table[aria-label="Generations"] th', (cells) =>
      cells.map((cell) => cell.textContent?.replace(/[▲▼↕]/g, '').trim()),
    );
    expect(headers).toEqual([
      'Time',
      'Model',
      'Provider',
      'App',
      // Cache read / write and reasoning sit under input and output: the table fits 1280 px.
      'Input',
      'Output',
      'Total',
      'Cost',
      'Latency',
      'TTFT',
      'Status',
      'User',
      'Trace',
    ]);
    expect(await columnTexts(page, 'Generations', 'provider')).toEqual(Array(7).fill('openai'));
    await screenshot(page, 'generations');

    // Sorting by cost happens on the server, and the URL keeps it.
    await page.click('table[aria-label="Generations"] th[data-column="cost"] button');
    expect(search().get('sort')).toBe('cost');
    await expect
      .poll(async () =>
        (await columnTexts(page, 'Generations', 'cost')).map((text) =>
          text === '–' ? -1 : Number(text.replace('$', '')),
        ),
      )
      .toSatisfy((costs: number[]) =>
        costs.every((cost, index) => index === 0 || costs[index - 1]! >= cost),
      );
    const mostExpensive = (await columnTexts(page, 'Generations', 'model'))[0];
    expect(mostExpensive).toMatch(/^o4-mini/);

    // Filters narrow the rows.
    await page.selectOption('select[name="model"]', 'gpt-4o-2024-08-06');
    await waitForRows(page, 'Generations', 1);
    expect(search().get('model')).toBe('gpt-4o-2024-08-06');
    await page.selectOption('select[name="model"]', '');
    await page.selectOption('select[name="status"]', 'error');
    await waitForRows(page, 'Generations', 1);
    expect(await columnTexts(page, 'Generations', 'status')).toEqual(['error']);
    expect(await columnTexts(page, 'Generations', 'user')).toEqual(['dave']);
    await page.selectOption('select[name="status"]', '');
    await typeFilter(page, 'search', 'haiku');
    await waitForRows(page, 'Generations', 1);
    expect(await columnTexts(page, 'Generations', 'ttft')).not.toEqual(['–']);
    await typeFilter(page, 'search', '');
    await typeFilter(page, 'distinct_id', 'bob');
    await waitForRows(page, 'Generations', 2);

    // Pages of three, restored on reload.
    await open('/generations?limit=3');
    await waitForRows(page, 'Generations', 3);
    const first = await columnTexts(page, 'Generations', 'trace');
    await page.click('button[aria-label="Next page"]');
    expect(search().get('page')).toBe('2');
    await waitForRows(page, 'Generations', 3);
    expect(await page.textContent('[data-testid="pager-range"]')).toBe('4–6 generations');
    const second = await page.$$eval('table[aria-label="Generations"] tbody tr', (rows) =>
      rows.map((row) => row.getAttribute('data-row-key')),
    );
    await page.reload();
    await waitForRows(page, 'Generations', 3);
    expect(
      await page.$$eval('table[aria-label="Generations"] tbody tr', (rows) =>
        rows.map((row) => row.getAttribute('data-row-key')),
      ),
    ).toEqual(second);
    await page.click('button[aria-label="Next page"]');
    await waitForRows(page, 'Generations', 1);
    expect(await page.isDisabled('button[aria-label="Next page"]')).toBe(true);
    await page.click('button[aria-label="Previous page"]');
    await waitForRows(page, 'Generations', 3);
    await page.click('button[aria-label="Previous page"]');
    await waitForRows(page, 'Generations', 3);
    expect(search().get('page')).toBeNull();
    expect(await columnTexts(page, 'Generations', 'trace')).toEqual(first);

    // A click opens the trace with that generation selected.
    await open('/generations');
    await waitForRows(page, 'Generations', 7);
    await page.click(
      'table[aria-label="Generations"] tr:has-text("o4-mini") td[data-column="model"]',
    );
    await page.waitForSelector('[data-testid="span-tree"]');
    const reasoningTrace = await traceId('math-reasoning');
    expect(new URL(page.url()).pathname).toBe(`/traces/${reasoningTrace}`);
    const span = search().get('span');
    expect(span).toMatch(/^[0-9a-f]{16}$/);
    await page.waitForSelector(
      `[data-span-id="${span}"][aria-selected="true"][data-kind="generation"]`,
    );
  });

  it('sessions and users: usage per group, drill-down to their traces', async () => {
    await open('/sessions');
    await waitForRows(page, 'Sessions', 2);
    expect(await columnTexts(page, 'Sessions', 'session')).toEqual([
      'session-poetry',
      'session-paris',
    ]);
    expect(await columnTexts(page, 'Sessions', 'traces')).toEqual(['2', '1']);
    expect(await columnTexts(page, 'Sessions', 'generations')).toEqual(['2', '2']);
    await screenshot(page, 'sessions');
    await page.click(
      'table[aria-label="Sessions"] tr:has-text("session-poetry") td[data-column="traces"]',
    );
    await waitForRows(page, 'Traces', 2);
    expect(new URL(page.url()).pathname).toBe('/traces');
    expect(search().get('session_id')).toBe('session-poetry');

    await open('/users');
    await waitForRows(page, 'Users', 5);
    const bob = 'table[aria-label="Users"] tr:has-text("bob")';
    expect(await page.textContent(`${bob} td[data-column="traces"]`)).toBe('2');
    expect(await page.textContent(`${bob} td[data-column="sessions"]`)).toBe('1');
    expect(await page.textContent(`${bob} td[data-column="first"]`)).toMatch(/^\d\d:\d\d:\d\d$/);
    await typeFilter(page, 'search', 'ali');
    await waitForRows(page, 'Users', 1);
    await typeFilter(page, 'search', '');
    await waitForRows(page, 'Users', 5);
    await screenshot(page, 'users');
    await page.click(`${bob} td[data-column="generations"]`);
    await waitForRows(page, 'Traces', 2);
    expect(search().get('distinct_id')).toBe('bob');
    expect(await columnTexts(page, 'Traces', 'user')).toEqual(['bob', 'bob']);
  });

  it('new events appear without a reload', async () => {
    await open('/traces');
    await waitForRows(page, 'Traces', 6);
    await page.evaluate(() => {
      (window as unknown as { __samePage: boolean }).__samePage = true;
    });
    await sendLateTrace(app);
    await page.waitForSelector('table[aria-label="Traces"] tr:has-text("late-arrival")', {
      timeout: 20_000,
    });
    await waitForRows(page, 'Traces', 7);
    expect(
      await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage),
    ).toBe(true);
  });
});
