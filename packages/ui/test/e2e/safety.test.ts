/**
 * LLM content is untrusted. Markup in messages, tool calls, names, ids and properties, sent
 * through the SDK and through the capture API, must render as text on every view: no script
 * runs, no dialog opens, no element with an event handler or a `javascript:` link appears.
 * The UI's responses carry a strict Content-Security-Policy, which the browser enforces.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  HAS_CHROMIUM,
  INJECTION,
  INJECTION_USER,
  buildUi,
  cleanUp,
  launchBrowser,
  screenshot,
  sendScenarios,
  signIn,
  startApp,
  startTestServer,
  waitForRows,
  watchedPage,
  type RunningServer,
} from './harness';

const HOSTILE_TRACE = 'hostile-trace';

/** Events as any capture client could send them, with markup in every field the UI shows. */
function hostileEvents() {
  const timestamp = new Date().toISOString();
  const base = {
    $ai_trace_id: HOSTILE_TRACE,
    $ai_session_id: '<b onmouseover="window.__pwned=1">s</b>',
  };
  return [
    {
      event: '$ai_trace',
      distinct_id: 'mallory',
      uuid: '20000000-0000-4000-8000-000000000001',
      timestamp,
      properties: {
        ...base,
        $ai_span_id: 'hostile-root',
        $ai_span_name: '<script>window.__pwned = "trace name"</script>',
        $ai_trace_name: '<script>window.__pwned = "trace name"</script>',
        $ai_latency: 1.5,
        $ai_input_state: { html: '<img src=x onerror="window.__pwned=\'state\'">' },
        $ai_output_state: '<iframe src="javascript:window.__pwned=\'iframe\'"></iframe>',
      },
    },
    {
      event: '$ai_generation',
      distinct_id: 'mallory',
      uuid: '20000000-0000-4000-8000-000000000002',
      timestamp,
      properties: {
        ...base,
        $ai_span_id: 'hostile-generation',
        $ai_parent_id: 'hostile-root',
        $ai_span_name: '<img src=x onerror="window.__pwned=\'span\'">',
        $ai_model: '<svg onload="window.__pwned=\'model\'"></svg>',
        $ai_provider: 'openai',
        $ai_input_tokens: 10,
        $ai_output_tokens: 5,
        $ai_latency: 1,
        $ai_stop_reason: '<img src=x onerror="window.__pwned=\'stop\'">',
        $ai_tools: [
          {
            type: 'function',
            function: {
              name: '<img src=x onerror="window.__pwned=\'tool name\'">',
              description: '<a href="javascript:window.__pwned=\'tool\'">docs</a>',
              parameters: { type: 'object', properties: { q: { type: 'string' } } },
            },
          },
        ],
        $ai_input: [
          { role: 'system', content: '<style>body { display: none }</style>' },
          {
            role: 'user',
            content: [
              {
                type: 'text',
                text: '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
              },
              { type: 'image_url', image_url: { url: 'javascript:window.__pwned="image"' } },
            ],
          },
        ],
        $ai_output_choices: [
          {
            role: 'assistant',
            content: '[click](javascript:window.__pwned="markdown") <object data="javascript:1">',
            tool_calls: [
              {
                id: 'call_1',
                type: 'function',
                function: {
                  name: '<img src=x onerror="window.__pwned=\'call\'">',
                  arguments: '{"html": "<script>window.__pwned = \\"arguments\\"</script>"}',
                },
              },
            ],
          },
        ],
        '<img src=x onerror="window.__pwned=\'key\'">':
          '<script>window.__pwned="property"</script>',
      },
    },
  ];
}

/** Nothing that could run: handlers, frames, objects, `javascript:` links, script we did not ship. */
function executableMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const element of Array.from(document.querySelectorAll('*'))) {
      for (const attribute of Array.from(element.attributes))
        if (
          /^on/i.test(attribute.name) ||
          (/^(href|src|action|formaction|data|xlink:href|srcdoc)$/i.test(attribute.name) &&
            /^\s*javascript:/i.test(attribute.value))
        )
          found.push(`${element.tagName} ${attribute.name}`);
      if (['IFRAME', 'OBJECT', 'EMBED', 'STYLE'].includes(element.tagName))
        found.push(element.tagName);
      if (element.tagName === 'SCRIPT' && !(element as HTMLScriptElement).src)
        found.push('inline SCRIPT');
      if (element.tagName === 'IMG') found.push(`IMG ${(element as HTMLImageElement).src}`);
    }
    return found;
  });
}

describe.skipIf(!HAS_CHROMIUM)('untrusted content and security headers', () => {
  let server: RunningServer;
  let browser: BrowserContext;
  let page: Page;
  let problems: string[];

  async function expectInert(): Promise<void> {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBe(
      undefined,
    );
    expect(await executableMarkup(page)).toEqual([]);
    expect(problems).toEqual([]);
    expect(
      await page.evaluate(
        () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
      ),
    ).toEqual([]);
  }

  beforeAll(async () => {
    const uiDir = await buildUi();
    server = await startTestServer(uiDir);
    const app = await startApp(server);
    await sendScenarios(app, ['injection-attempt']);
    const response = await fetch(`${server.url}/batch/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api_key: server.projectToken, batch: hostileEvents() }),
    });
    expect(response.status).toBe(200);
    browser = await launchBrowser();
    ({ page, problems } = await watchedPage(browser));
    await signIn(page, server);
  }, 180_000);

  afterAll(cleanUp);

  afterEach(expectInert);

  it('markup in an SDK-captured conversation and user id renders as text', async () => {
    await page.goto(`${server.url}/traces`);
    await waitForRows(page, 'Traces', 2);
    const users = await page.$$eval('table[aria-label="Traces"] td[data-column="user"]', (cells) =>
      cells.map((cell) => cell.textContent),
    );
    expect(users).toContain(INJECTION_USER);
    await page.click(
      'table[aria-label="Traces"] tr:has-text("injection-attempt") td[data-column="name"] a',
    );
    await page.click('[data-kind="generation"]');
    const user = page.locator('[data-testid="conversation-input"] [data-role="user"] .text');
    await user.waitFor();
    expect(await user.textContent()).toBe(INJECTION);
    const answer = await page.textContent(
      '[data-testid="conversation-output"] [data-role="assistant"] .text',
    );
    expect(answer).toBe(`Echo: ${INJECTION}`);
    // Visible as characters, not parsed into elements.
    expect(await page.isVisible('text=<script>window.__pwned = "script"</script>')).toBe(true);
    await screenshot(page, 'injection');
    await expectInert();
  });

  it('markup in every field of a captured event renders as text on every view', async () => {
    await page.goto(`${server.url}/traces/${HOSTILE_TRACE}`);
    await page.waitForSelector('[data-testid="span-tree"] [role="treeitem"]');
    expect(await page.textContent('[data-testid="trace-name"]')).toBe(
      '<script>window.__pwned = "trace name"</script>',
    );
    expect(await page.textContent('[data-testid="span-detail"]')).toContain(
      `<iframe src="javascript:window.__pwned='iframe'"></iframe>`,
    );
    await expectInert();
    await page.click('[data-kind="generation"]');
    await page.waitForSelector('[data-testid="conversation-output"]');
    await page.click('[data-testid="tool-definitions"] summary');
    await page.click('[data-testid="raw-event"] summary');
    const detail = await page.textContent('[data-testid="span-detail"]');
    for (const text of [
      '<style>body { display: none }</style>',
      '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
      'javascript:window.__pwned="image"',
      '[click](javascript:window.__pwned="markdown")',
      `<img src=x onerror="window.__pwned='call'">`,
      '"html": "<script>window.__pwned = \\"arguments\\"</script>"',
      `<a href="javascript:window.__pwned='tool'">docs</a>`,
      '<script>window.__pwned="property"</script>',
    ])
      expect(detail).toContain(text);
    await screenshot(page, 'injection-fields');
    await expectInert();

    for (const path of ['/', '/traces', '/generations', '/sessions', '/users']) {
      await page.goto(`${server.url}${path}`);
      await page.waitForSelector('.page-header');
      await page.waitForFunction(() => !document.querySelector('.is-stale'));
      await page.waitForTimeout(300);
      await expectInert();
    }
    expect(await page.textContent('table[aria-label="Users"]')).toContain(INJECTION_USER);
  });

  it('the browser enforces the CSP: an inline script is refused', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForSelector('.sidebar');
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = true';
      document.body.appendChild(script);
      return (window as unknown as { __inline?: boolean }).__inline;
    });
    expect(ran).toBeUndefined();
    await expect
      .poll(() =>
        page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations),
      )
      .toEqual([expect.stringMatching(/^script-src/)]);
    // The browser reports the refusal as a console error: expected here, it was our script.
    await expect
      .poll(() => problems.join('\n'))
      .toMatch(
        /inline script violates the following Content Security Policy directive 'script-src/,
      );
    problems.length = 0;
    await page.evaluate(() => {
      (window as unknown as { __cspViolations?: string[] }).__cspViolations = [];
      document.querySelectorAll('script:not([src])').forEach((script) => script.remove());
    });
  });

  it('serves the UI with the CSP, long-lived hashed assets, no-cache HTML and a client-path fallback', async () => {
    const index = await fetch(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const csp = index.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    const html = await index.text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map(
      (match) => match[1]!,
    );
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const response = await fetch(`${server.url}${asset}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    for (const path of ['/traces/abc', '/generations?model=x', '/users']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toBe(html);
    }
    expect((await fetch(`${server.url}/api/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/assets/missing-abc123.js`)).status).toBe(404);
  });
});
