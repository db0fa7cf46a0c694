import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startCaptureServer } from '@llm-analytics/testing';
import { describe, expect, it } from 'vitest';
import { onCleanup } from '../export/harness';

const CORE_DIST = pathToFileURL(join(import.meta.dirname, '../../dist/index.js')).href;
const require = createRequire(import.meta.url);
const SDK = pathToFileURL(require.resolve('@opentelemetry/sdk-trace-base')).href;

interface Run {
  code: number | null;
  ms: number;
  stdout: string;
  stderr: string;
}

/** Run a script in a real Node process, no diag logger set up, as a user's app would. */
function run(script: string, args: string[] = []): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'llm-analytics-deadline-'));
  const file = join(dir, 'app.mjs');
  writeFileSync(file, script);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...args, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, ms: Date.now() - started, stdout, stderr });
    });
  });
}

const warningLines = (stderr: string) =>
  stderr.split('\n').filter((line) => line.includes('[LLM_ANALYTICS_'));

function app(processorOptions: string, body: string): string {
  return `
    import { BasicTracerProvider } from '${SDK}';
    import { PostHogSpanProcessor } from '${CORE_DIST}';
    const processor = new PostHogSpanProcessor(${processorOptions});
    const provider = new BasicTracerProvider({ spanProcessors: [processor] });
    const chat = () => provider.getTracer('app').startSpan('chat', { attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o-mini' } }).end();
    ${body}
  `;
}

describe('a server that never answers, in a real process', () => {
  it('forceFlush() and shutdown() return within the bound and the process exits', async () => {
    const sink = await startCaptureServer();
    onCleanup(() => sink.close());
    sink.respondWith(() => new Promise<never>(() => undefined));
    const result = await run(
      app(
        `{ apiKey: 'phc', host: '${sink.url}', exportMode: 'immediate', flushTimeoutMs: 2000 }`,
        `
        chat();
        let t = Date.now();
        await processor.forceFlush();
        console.log('forceFlush', Date.now() - t);
        chat();
        t = Date.now();
        await provider.shutdown();
        console.log('shutdown', Date.now() - t);
        `,
      ),
    );
    const took = Object.fromEntries(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => line.split(' '))
        .map(([name, ms]) => [name, Number(ms)]),
    );
    expect(took.forceFlush).toBeLessThanOrEqual(2000 + 300);
    expect(took.shutdown).toBeLessThanOrEqual(2000 + 300);
    expect(result.code).toBe(0);
    // Nothing keeps the process alive once shutdown returned.
    expect(result.ms).toBeLessThan(took.forceFlush + took.shutdown + 2500);
    // The outage, then what shutdown had to drop because of it: each once.
    expect(warningLines(result.stderr)).toEqual([
      expect.stringContaining('[LLM_ANALYTICS_HOST_UNREACHABLE]'),
      expect.stringMatching(/\[LLM_ANALYTICS_EVENTS_DROPPED\].*1 delivery failed/),
    ]);
  });
});

describe('loud failures, no diag logger set', () => {
  it('a missing token prints one line on stderr', async () => {
    const result = await run(app(`{ apiKey: '' }`, 'chat(); await provider.shutdown();'));
    expect(warningLines(result.stderr)).toEqual([
      expect.stringMatching(/\[LLM_ANALYTICS_NO_TOKEN\] Warning: no project token/),
    ]);
    expect(result.code).toBe(0);
  });

  it('a refused token prints one line on stderr; node --no-warnings silences it', async () => {
    const sink = await startCaptureServer();
    onCleanup(() => sink.close());
    sink.respondWith(() => ({ status: 401 }));
    const script = app(
      `{ apiKey: 'phx_personal', host: '${sink.url}' }`,
      'chat(); await processor.forceFlush(); chat(); await provider.shutdown();',
    );
    const loud = await run(script);
    expect(warningLines(loud.stderr)).toEqual([
      expect.stringContaining('[LLM_ANALYTICS_TOKEN_REFUSED] Warning: '),
    ]);
    const quiet = await run(script, ['--no-warnings']);
    expect(quiet.stderr).toBe('');
    expect(sink.requests).toHaveLength(4);
  });
});
