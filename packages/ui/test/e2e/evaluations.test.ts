/**
 * The evaluations flow in the browser: define a code check and an LLM judge on the Evaluations
 * page, try them on the last generations (the AI SDK's calls against the mock OpenAI server),
 * watch the backlog drain and the pass rate appear, and find the results as scores on the trace.
 */
import { startMockOpenAI } from '@llm-analytics/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HAS_CHROMIUM,
  buildUi,
  cleanUp,
  launchBrowser,
  screenshot,
  sendScenarios,
  signIn,
  startApp,
  startTestServer,
  watchedPage,
  type RunningServer,
} from './harness';

describe.skipIf(!HAS_CHROMIUM)('the Evaluations page', () => {
  let server: RunningServer;
  let browser: BrowserContext;
  let page: Page;
  let problems: string[];
  let closeJudge: () => Promise<void>;

  beforeAll(async () => {
    const judge = await startMockOpenAI();
    closeJudge = () => judge.close();
    server = await startTestServer(await buildUi(), {
      evaluations: { judge: { baseUrl: judge.url, apiKey: 'sk-judge' }, pollIntervalMs: 200 },
    });
    const app = await startApp(server);
    await sendScenarios(app, ['weather-agent']);
    browser = await launchBrowser();
    ({ page, problems } = await watchedPage(browser));
    await signIn(page, server);
  }, 180_000);

  afterAll(async () => {
    await cleanUp();
    await closeJudge();
  });

  async function create(name: string, kind: 'code' | 'llm_judge', definition?: unknown) {
    await page.fill('[data-testid="evaluator-form"] input[name="name"]', name);
    await page.selectOption('[data-testid="evaluator-form"] select[name="kind"]', kind);
    if (definition)
      await page.fill(
        '[data-testid="evaluator-form"] textarea[name="definition"]',
        JSON.stringify(definition),
      );
    await page.click('[data-testid="evaluator-form"] button[type="submit"]');
    await page.waitForSelector(`table[aria-label="Evaluators"] td:has-text("${name}")`);
  }

  it('defines a judge and a code check, runs them on the last generations, shows results', async () => {
    await page.goto(`${server.url}/evaluations`);
    await page.waitForSelector('text=No evaluator yet');
    // A bad definition is refused with the server's message, and nothing is created.
    await create('bad', 'code', { kind: 'code', check: { check: 'regex', pattern: '(' } }).catch(
      () => undefined,
    );
    await page.waitForSelector('text=evaluator.check.pattern is not a valid regular expression');

    await create('mentions-paris', 'code', {
      kind: 'code',
      check: { check: 'contains', text: 'paris' },
    });
    await create('helpful', 'llm_judge');
    const runs = await page.$$('[data-testid="run-latest"]');
    expect(runs).toHaveLength(2);
    for (const run of runs) await run.click();
    await page.waitForSelector('[data-testid="evaluations-notice"]:has-text("queued")');

    // Results arrive by the worker; the page polls and shows a pass rate per evaluator.
    await expect
      .poll(
        async () =>
          (
            await page.$$eval('[data-testid="evaluator-pass-rate"]', (cells) =>
              cells.map((cell) => cell.textContent),
            )
          ).every((text) => text !== '–'),
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
    expect(await page.textContent('[data-testid="evaluations-backlog"] .stat-value')).toBe('0');
    expect(await page.textContent('[data-testid="evaluations-spend"] .stat-value')).not.toBe('–');
    await screenshot(page, 'evaluations');

    // The generation list shows each generation's results.
    await page.goto(`${server.url}/generations?service=ui-e2e-app`);
    await page.waitForSelector('[data-testid="generation-evaluations"]:has-text("helpful: pass")');
    await page.waitForSelector('[data-testid="generation-evaluations"]:has-text("mentions-paris")');

    // Filtered by a score and then by each of its results, every row listed carries it.
    await page.selectOption('select[name="score"]', 'mentions-paris');
    await page.waitForSelector('select[name="score_label"]');
    const labels = await page.$$eval('select[name="score_label"] option', (options) =>
      options.map((option) => (option as HTMLOptionElement).value).filter(Boolean),
    );
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) {
      await page.selectOption('select[name="score_label"]', label);
      await expect
        .poll(
          async () => {
            const cells = await page.$$eval('[data-testid="generation-evaluations"]', (found) =>
              found.map((cell) => cell.textContent ?? ''),
            );
            return (
              cells.length > 0 && cells.every((text) => text.includes(`mentions-paris: ${label}`))
            );
          },
          { timeout: 15_000, interval: 250 },
        )
        .toBe(true);
    }

    // On the trace page the results are scores of the trace.
    // (The judge's own calls are traces too, of the app "llm-analytics-evaluations".)
    const traces = (await (
      await fetch(`${server.url}/api/traces?service=ui-e2e-app`, {
        headers: { authorization: `Bearer ${server.readKey}` },
      })
    ).json()) as { results: Array<{ trace_id: string }> };
    await page.goto(`${server.url}/traces/${encodeURIComponent(traces.results[0]!.trace_id)}`);
    await page.waitForSelector('[data-testid="trace-scores"]');
    await page.waitForSelector('text=mentions-paris');
    await page.waitForSelector('text=helpful');
    // The refused definition's 400 is the one console error the browser logs.
    expect(problems).toEqual([
      'console: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
  }, 120_000);
});
