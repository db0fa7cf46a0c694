/**
 * The trace view in headless Chromium: the span tree, the waterfall, and each generation's
 * conversation (system instructions, tool definitions, tool calls and results, multi-part
 * content, stop reason, raw event), for traces the AI SDK produced through the vercel-ai
 * processor. Screenshots land in artifacts/ui/.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  HAS_CHROMIUM,
  SYSTEM_PROMPT,
  buildUi,
  cleanUp,
  expectCleanPage,
  launchBrowser,
  openView,
  screenshot,
  sendScenarios,
  signIn,
  startApp,
  startTestServer,
  traceIdByName,
  waitForRows,
  watchedPage,
  type RunningServer,
} from './harness';

describe.skipIf(!HAS_CHROMIUM)('the trace view in headless Chromium', () => {
  let server: RunningServer;
  let browser: BrowserContext;
  let page: Page;
  let problems: string[];

  const traceId = (name: string) => traceIdByName(server, name);
  const open = (path: string) => openView(page, server, path);
  const search = () => new URL(page.url()).searchParams;

  beforeAll(async () => {
    server = await startTestServer(await buildUi());
    await sendScenarios(await startApp(server));
    browser = await launchBrowser();
    ({ page, problems } = await watchedPage(browser));
    await signIn(page, server);
  }, 180_000);

  afterAll(cleanUp);

  afterEach(() => expectCleanPage(page, problems));

  it('trace detail: the span tree, the waterfall and the conversation of each generation', async () => {
    await open('/traces');
    await waitForRows(page, 'Traces', 6);
    // A click anywhere on the row (here: its spans cell) opens the trace.
    await page.click(
      'table[aria-label="Traces"] tr:has-text("weather-agent") td[data-column="spans"]',
    );
    await page.waitForSelector('[data-testid="span-tree"] [role="treeitem"]');
    const id = await traceId('weather-agent');
    expect(new URL(page.url()).pathname).toBe(`/traces/${id}`);
    expect(await page.textContent('[data-testid="trace-name"]')).toBe('weather-agent');

    const rows = await page.$$eval('[data-testid="span-tree"] [role="treeitem"]', (items) =>
      items.map((item) => ({
        kind: item.getAttribute('data-kind'),
        depth: item.getAttribute('data-depth'),
        name: item.querySelector('.tree-title')?.textContent,
      })),
    );
    expect(rows).toEqual([
      { kind: 'trace', depth: '0', name: 'weather-agent' },
      { kind: 'generation', depth: '1', name: 'ai.generateText.doGenerate' },
      { kind: 'tool', depth: '1', name: 'get_weather' },
      { kind: 'generation', depth: '1', name: 'ai.generateText.doGenerate' },
    ]);
    // The waterfall: every span has a bar, the root's spans the whole trace, children start later.
    const bars = await page.$$eval('[data-testid="waterfall-bar"]', (elements) =>
      elements.map((element) => {
        const box = element.getBoundingClientRect();
        return { left: box.left, width: box.width };
      }),
    );
    expect(bars).toHaveLength(4);
    for (const bar of bars) expect(bar.width).toBeGreaterThan(0);
    expect(bars[0]!.width).toBeGreaterThan(bars[1]!.width);
    expect(bars[3]!.left).toBeGreaterThan(bars[1]!.left);

    // The root shows the trace's input and output as a conversation.
    expect(await page.textContent('[data-testid="span-title"]')).toBe('weather-agent');
    // The first generation: system instructions, the question, the tool call; the tools offered.
    await page.click('[data-kind="generation"] >> nth=0');
    const detail = page.locator('[data-testid="span-detail"]');
    await expect.poll(() => detail.getAttribute('data-span-kind')).toBe('generation');
    const spanParam = search().get('span');
    expect(spanParam).toMatch(/^[0-9a-f]{16}$/);
    const input = page.locator('[data-testid="conversation-input"]');
    expect(await input.locator('[data-role="system"] .text').textContent()).toBe(SYSTEM_PROMPT);
    expect(await input.locator('[data-role="user"] .text').textContent()).toBe(
      'What is the weather in Paris?',
    );
    const call = page.locator('[data-testid="conversation-output"] [data-tool-call="get_weather"]');
    expect(JSON.parse((await call.locator('pre').textContent())!)).toEqual({ city: 'Paris' });
    expect(await page.textContent('[data-testid="metric-stop-reason"] dd')).toBe('tool-calls');
    const tools = page.locator('[data-testid="tool-definitions"]');
    expect(await tools.locator('summary').textContent()).toContain('get_weather');
    await tools.locator('summary').click();
    expect(await tools.textContent()).toContain('Get the current weather for a city');
    expect(await page.textContent('[data-testid="metric-input-tokens"] dd')).toMatch(/cached/);

    // The second generation: the tool result went back to the model; the final answer.
    await page.click('[data-kind="generation"] >> nth=1');
    await expect.poll(() => search().get('span')).not.toBe(spanParam);
    const toolResult = input.locator('[data-role="tool"]');
    expect(await toolResult.textContent()).toContain('get_weather');
    expect(JSON.parse((await toolResult.locator('.text').textContent())!)).toEqual({
      city: 'Paris',
      temperature: 21,
      unit: 'celsius',
    });
    expect(
      await page.textContent('[data-testid="conversation-output"] [data-role="assistant"] .text'),
    ).toMatch(/^The get_weather tool returned: /);
    expect(await page.textContent('[data-testid="metric-stop-reason"] dd')).toBe('stop');

    // The raw event, collapsed until asked for.
    const raw = page.locator('[data-testid="raw-event"]');
    expect(await raw.getAttribute('open')).toBeNull();
    await raw.locator('summary').click();
    const rawEvent = JSON.parse((await raw.locator('pre').textContent())!) as {
      properties: Record<string, unknown>;
    };
    expect(rawEvent.properties['$ai_span_id']).toBe(search().get('span'));
    expect(rawEvent.properties['plan']).toBe('pro');
    await screenshot(page, 'trace-detail');

    // The URL restores the selection.
    const selected = search().get('span');
    await page.reload();
    await page.waitForSelector(`[data-span-id="${selected}"][aria-selected="true"]`);

    // The tool span: arguments and result.
    await page.click('[data-kind="tool"]');
    await expect.poll(() => detail.getAttribute('data-span-kind')).toBe('tool');
    expect(await detail.textContent()).toContain('"temperature": 21');
  });

  it('trace detail: multi-part content, reasoning tokens, streaming and errors', async () => {
    await open(`/traces/${await traceId('describe-image')}`);
    await page.click('[data-kind="generation"]');
    const user = page.locator('[data-testid="conversation-input"] [data-role="user"]');
    await user.waitFor();
    expect(await user.locator('.text').textContent()).toBe('Describe this picture of a cat.');
    expect(await user.locator('[data-part="media"]').textContent()).toContain(
      'https://example.com/cat.png',
    );
    // Shown as text: content never makes the browser fetch anything.
    expect(await page.$('img[src*="example.com"]')).toBeNull();
    await screenshot(page, 'trace-multipart');

    await open(`/traces/${await traceId('math-reasoning')}`);
    await page.click('[data-kind="generation"]');
    await expect
      .poll(() => page.textContent('[data-testid="metric-output-tokens"] dd'))
      .toMatch(/\d+ \(\d+ reasoning\)/);

    await open(`/traces/${await traceId('haiku-stream')}`);
    await page.click('[data-kind="generation"]');
    await expect
      .poll(() => page.textContent('[data-testid="span-detail"] .metrics'))
      .toContain('Time to first token');

    await open(`/traces/${await traceId('failing-call')}`);
    await page.click('[data-kind="generation"]');
    await expect
      .poll(() => page.textContent('[data-testid="span-error"]'))
      .toMatch(/^AI_APICallError: /);
    await screenshot(page, 'trace-error');
  });
});
