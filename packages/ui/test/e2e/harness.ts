/**
 * What the UI end-to-end tests run on: the UI built with Vite, the real server (`startServer`
 * with a temp DuckDB file, or chDB with `LLM_ANALYTICS_TEST_STORE=chdb`) serving it, events sent the way an application sends them (the AI
 * SDK against the mock OpenAI server, its spans through `@llm-analytics/vercel-ai`'s
 * `PostHogSpanProcessor`), and headless Debian Chromium driven by playwright-core.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { startMockOpenAI, type MockOpenAIServer } from '@llm-analytics/testing';
import { PostHogSpanProcessor, posthogTelemetry } from '@llm-analytics/vercel-ai';
import { context, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { z } from 'zod';

export const UI_ROOT = join(import.meta.dirname, '..', '..');
/**
 * The server depends on this package (it serves the built UI), so the UI cannot depend on the
 * server without a cycle in the workspace graph: its source is loaded by path at run time, and
 * typed here by the few members the tests use (so typechecking the UI does not need the
 * server's own dependencies built).
 */
const SERVER_ENTRY = join(UI_ROOT, '..', 'server', 'src', 'index.ts');

export interface RunningServer {
  url: string;
  projectToken: string;
  readKey: string;
  /** The OTLP/gRPC port, when the server was started with one. */
  grpcPort?: number;
  close(): Promise<void>;
}

type StartServer = (options: {
  port: number;
  grpcPort?: number;
  dbPath?: string;
  storeUrl?: string;
  uiDir: string;
  /** More server options (e.g. `evaluations`), passed as they are. */
  [option: string]: unknown;
}) => Promise<RunningServer>;
export const REPO = join(UI_ROOT, '..', '..');
export const ARTIFACTS = join(REPO, 'artifacts', 'ui');
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);

if (!HAS_CHROMIUM)
  console.warn(`UI e2e skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

const cleanups: Array<() => unknown> = [];

/** Run every cleanup registered so far, newest first. */
export async function cleanUp(): Promise<void> {
  while (cleanups.length) {
    try {
      await cleanups.pop()!();
    } catch (error) {
      console.warn('UI e2e cleanup failed:', error);
    }
  }
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** `vite build` into a fresh directory, the way `pnpm build` builds the package. */
export async function buildUi(): Promise<string> {
  const outDir = tempDir('llm-analytics-ui-build-');
  await promisify(execFile)(
    process.execPath,
    [join(UI_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir'],
    { cwd: UI_ROOT, timeout: 120_000 },
  );
  return outDir;
}

// `LLM_ANALYTICS_TEST_STORE=chdb` runs the views over embedded ClickHouse, as the server suite
// does. chDB opens one data directory per process: the servers of a file share one, a database each.
const TEST_STORE = process.env['LLM_ANALYTICS_TEST_STORE'] === 'chdb' ? 'chdb' : 'duckdb';
let chdbDir: string | undefined;
let databases = 0;

function testStore(): { dbPath: string } | { storeUrl: string } {
  if (TEST_STORE === 'duckdb')
    return { dbPath: join(tempDir('llm-analytics-ui-db-'), 'ui.duckdb') };
  if (!chdbDir) {
    const dir = mkdtempSync(join(tmpdir(), 'llm-analytics-ui-chdb-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    chdbDir = dir;
  }
  return { storeUrl: `chdb:${chdbDir}?database=ui_${process.pid}_${++databases}` };
}

export async function startTestServer(
  uiDir: string,
  options: Record<string, unknown> = {},
): Promise<RunningServer> {
  const { startServer } = (await import(SERVER_ENTRY)) as { startServer: StartServer };
  const server = await startServer({ port: 0, ...testStore(), uiDir, ...options });
  cleanups.push(() => server.close());
  return server;
}

export interface App {
  mock: MockOpenAIServer;
  openai: ReturnType<typeof createOpenAI>;
  /** Wait until every span ended so far reached the server. */
  flush(): Promise<void>;
}

/**
 * An "application": a global NodeTracerProvider (the AI SDK needs its async context to nest
 * spans) with the vercel-ai `PostHogSpanProcessor` sending to the server.
 */
export async function startApp(server: RunningServer): Promise<App> {
  // Prompts from 40 tokens on report cached tokens, so the cached column has data.
  const mock = await startMockOpenAI({ streamChunkDelayMs: 15, cacheMinTokens: 40 });
  cleanups.push(() => mock.close());
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'ui-e2e-app' }),
    spanProcessors: [
      new PostHogSpanProcessor({
        apiKey: server.projectToken,
        host: server.url,
        flushIntervalMs: 50,
      }),
    ],
  });
  provider.register();
  cleanups.push(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
  });
  return {
    mock,
    openai: createOpenAI({ baseURL: mock.url, apiKey: 'test-key' }),
    flush: async () => {
      // Streamed calls end their outer span just after the last chunk is read.
      await new Promise((resolve) => setTimeout(resolve, 60));
      await provider.forceFlush();
    },
  };
}

export const SYSTEM_PROMPT =
  'You are a concise travel assistant. Answer in one short sentence and use the tools you are given when they help.';
export const INJECTION =
  'Ignore that. <script>window.__pwned = "script"</script> <img src=x onerror="window.__pwned = \'img\'"> [click me](javascript:window.__pwned=\'link\') <a href="javascript:window.__pwned=\'anchor\'">anchor</a>';
export const INJECTION_USER = '<img src=x onerror="window.__pwned=\'user\'">';

type Scenario = (app: App) => Promise<unknown>;

/** The calls every view is checked against; each makes one trace. */
export const SCENARIOS = {
  /** A tool loop: two generations and a tool span under the agent's trace. */
  'weather-agent': (app) =>
    generateText({
      model: app.openai.chat('gpt-4o-mini'),
      system: SYSTEM_PROMPT,
      prompt: 'What is the weather in Paris?',
      tools: {
        get_weather: tool({
          description: 'Get the current weather for a city',
          inputSchema: z.object({ city: z.string().describe('City name') }),
          execute: async ({ city }) => ({ city, temperature: 21, unit: 'celsius' }),
        }),
      },
      stopWhen: stepCountIs(2),
      experimental_telemetry: posthogTelemetry({
        functionId: 'weather-agent',
        distinctId: 'alice@example.com',
        sessionId: 'session-paris',
        properties: { plan: 'pro' },
      }),
    }),
  /** Streaming: time to first token. */
  'haiku-stream': async (app) => {
    const stream = streamText({
      model: app.openai.chat('gpt-4o-mini'),
      prompt: 'Write a haiku about the sea.',
      experimental_telemetry: posthogTelemetry({
        functionId: 'haiku-stream',
        distinctId: 'bob',
        sessionId: 'session-poetry',
      }),
    });
    for await (const _chunk of stream.textStream);
  },
  /** Multi-part content (text and an image) on a second model. */
  'describe-image': (app) =>
    generateText({
      model: app.openai.chat('gpt-4o'),
      system: SYSTEM_PROMPT,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe this picture of a cat.' },
            { type: 'image', image: new URL('https://example.com/cat.png') },
          ],
        },
      ],
      experimental_telemetry: posthogTelemetry({
        functionId: 'describe-image',
        distinctId: 'bob',
        sessionId: 'session-poetry',
      }),
    }),
  /** A reasoning model: reasoning tokens. */
  'math-reasoning': (app) =>
    generateText({
      model: app.openai.chat('o4-mini'),
      prompt: 'Think step by step: what is 17 times 23?',
      experimental_telemetry: posthogTelemetry({
        functionId: 'math-reasoning',
        distinctId: 'carol',
      }),
    }),
  /** A failed call. */
  'failing-call': (app) => {
    app.mock.inject({ status: 500, path: '/chat/completions' });
    return generateText({
      model: app.openai.chat('gpt-4o-mini'),
      prompt: 'This call fails.',
      maxRetries: 0,
      experimental_telemetry: posthogTelemetry({ functionId: 'failing-call', distinctId: 'dave' }),
    }).catch(() => undefined);
  },
  /** Untrusted content: markup in the prompt (echoed back by the model) and in the user id. */
  'injection-attempt': (app) =>
    generateText({
      model: app.openai.chat('gpt-4o-mini'),
      prompt: INJECTION,
      experimental_telemetry: posthogTelemetry({
        functionId: 'injection-attempt',
        distinctId: INJECTION_USER,
      }),
    }),
} satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof SCENARIOS;

export async function sendScenarios(
  app: App,
  names = Object.keys(SCENARIOS) as ScenarioName[],
): Promise<void> {
  for (const name of names) await SCENARIOS[name](app);
  await app.flush();
}

/** One more trace, sent while a page is open. */
export async function sendLateTrace(app: App): Promise<void> {
  await generateText({
    model: app.openai.chat('gpt-4o-mini'),
    prompt: 'Arriving while you watch.',
    experimental_telemetry: posthogTelemetry({ functionId: 'late-arrival', distinctId: 'erin' }),
  });
  await app.flush();
}

export async function launchBrowser(): Promise<BrowserContext> {
  const userDataDir = tempDir('llm-analytics-ui-chromium-');
  const browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  cleanups.push(() => browser.close());
  mkdirSync(ARTIFACTS, { recursive: true });
  return browser;
}

export interface Watched {
  page: Page;
  /** Uncaught errors, console errors, dialogs and CSP violations seen on the page. */
  problems: string[];
}

/** A new page that records anything a script injection or a CSP violation would cause. */
export async function watchedPage(browser: BrowserContext): Promise<Watched> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${String(error)}`));
  page.on('console', (message) => {
    // A refused key is a 401 the key prompt handles; the browser logs it all the same.
    if (message.type() === 'error' && !/status of 401/.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const record = window as unknown as { __cspViolations?: string[] };
      (record.__cspViolations ??= []).push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return { page, problems };
}

/** Sign in once: the key prompt stores the read key in localStorage. */
export async function signIn(page: Page, server: RunningServer): Promise<void> {
  await page.goto(`${server.url}/`);
  await page.fill('input[name="read-key"]', server.readKey);
  await page.click('button[type="submit"]');
  await page.waitForSelector('.sidebar');
}

/**
 * A full-page screenshot. Sticky panes (the sidebar, the span tree) are unstuck for the shot,
 * or they land wherever the capture scrolled to; set through CSSOM, which the CSP allows.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const sticky = '.sidebar, .tree-pane';
  await page.$$eval(sticky, (elements) =>
    elements.forEach((element) => ((element as HTMLElement).style.position = 'static')),
  );
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  await page.$$eval(sticky, (elements) =>
    elements.forEach((element) => ((element as HTMLElement).style.position = '')),
  );
}

/** Texts of a table column, in row order. */
export async function columnTexts(page: Page, table: string, column: string): Promise<string[]> {
  return page.$$eval(`table[aria-label="${table}"] tbody td[data-column="${column}"]`, (cells) =>
    cells.map((cell) => (cell.textContent ?? '').trim()),
  );
}

/** Wait until a table shows exactly `count` rows of its current query (not the last one's). */
export async function waitForRows(page: Page, table: string, count: number): Promise<void> {
  await page.waitForFunction(
    ([label, expected]) => {
      const element = document.querySelector(`table[aria-label="${label}"]`);
      return (
        element !== null &&
        !element.closest('.table-wrap')?.classList.contains('is-stale') &&
        element.querySelectorAll('tbody tr').length === expected
      );
    },
    [table, count] as const,
    { timeout: 15_000 },
  );
}

/** Type into a filter box and wait until the URL carries it (typing is debounced). */
export async function typeFilter(page: Page, name: string, value: string): Promise<void> {
  await page.fill(`input[name="${name}"]`, value);
  await page.waitForFunction(
    ([param, expected]) => (new URL(location.href).searchParams.get(param) ?? '') === expected,
    [name, value] as const,
    { timeout: 5_000 },
  );
}

/** Pixels of a canvas inside `selector` that have (about) the given colour. */
export async function coloredPixels(page: Page, selector: string, rgb: [number, number, number]) {
  return page.$eval(
    `${selector} canvas`,
    (element, [r, g, b]) => {
      const canvas = element as HTMLCanvasElement;
      const context2d = canvas.getContext('2d');
      if (!context2d) return 0;
      const { data } = context2d.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let index = 0; index < data.length; index += 4)
        if (
          Math.abs(data[index]! - r) < 24 &&
          Math.abs(data[index + 1]! - g) < 24 &&
          Math.abs(data[index + 2]! - b) < 24 &&
          data[index + 3]! > 200
        )
          count++;
      return count;
    },
    rgb,
  );
}

/** The read API, as the tests' own view of the data. */
export async function readApi<T>(server: RunningServer, path: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    headers: { authorization: `Bearer ${server.readKey}` },
  });
  return (await response.json()) as T;
}

export async function traceIdByName(server: RunningServer, name: string): Promise<string> {
  const { results } = await readApi<{ results: Array<{ trace_id: string; name: string }> }>(
    server,
    '/api/traces',
  );
  return results.find((row) => row.name === name)!.trace_id;
}

/** Open a path of the UI (already signed in) and wait for the app shell. */
export async function openView(page: Page, server: RunningServer, path: string): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await page.waitForSelector('.sidebar');
}

/** Nothing the UI did may break its own Content-Security-Policy, throw, or log an error. */
export async function expectCleanPage(page: Page, problems: string[]): Promise<void> {
  const violations = await page.evaluate(
    () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
  );
  if (violations.length || problems.length)
    throw new Error(`page problems: ${JSON.stringify({ violations, problems })}`);
}
