import { spawn } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
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

function run(script: string): Promise<{ code: number | null; ms: number; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'llm-analytics-exit-'));
  const file = join(dir, 'app.mjs');
  writeFileSync(file, script);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, ms: Date.now() - started, stderr });
    });
  });
}

describe('built bundle in a real process', () => {
  it('a script that ends without calling shutdown exits promptly and still delivers', async () => {
    const sink = await startCaptureServer();
    onCleanup(() => sink.close());
    const result = await run(`
      import { BasicTracerProvider } from '${SDK}';
      import { PostHogSpanProcessor } from '${CORE_DIST}';
      const provider = new BasicTracerProvider({ spanProcessors: [new PostHogSpanProcessor({ apiKey: 'phc', host: '${sink.url}', flushIntervalMs: 60000 })] });
      provider.getTracer('script').startSpan('chat', { attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o-mini' } }).end();
      // no shutdown, no forceFlush: the 60 s flush timer must not hold the process open
    `);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.ms).toBeLessThan(5_000);
    expect(sink.requests.map((r) => r.path)).toEqual(['/batch/']);
  });

  it('a script whose server is down still exits promptly', async () => {
    const result = await run(`
      import { BasicTracerProvider } from '${SDK}';
      import { PostHogSpanProcessor } from '${CORE_DIST}';
      const provider = new BasicTracerProvider({ spanProcessors: [new PostHogSpanProcessor({ apiKey: 'phc', host: 'http://127.0.0.1:9', retryBaseDelayMs: 60000 })] });
      provider.getTracer('script').startSpan('chat', { attributes: { 'gen_ai.operation.name': 'chat' } }).end();
    `);
    expect(result.code).toBe(0);
    expect(result.ms).toBeLessThan(5_000);
  });
});
