import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { startCaptureServer } from '@llm-analytics/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostHogProcessors } from '../src';
import { batchEvents } from './support/events';

const CHAT = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.system': 'openai',
  'gen_ai.request.model': 'gpt-4o-mini',
  'gen_ai.usage.input_tokens': 10,
  'gen_ai.usage.output_tokens': 5,
};

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('spoolDir', () => {
  it('keeps events on disk while the server refuses connections and delivers them, priced, from a new process setup on the same directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'node-sdk-spool-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const sink = await startCaptureServer();
    cleanups.push(() => sink.close());
    sink.respondWith(() => ({ destroySocket: true }));
    const options = {
      apiKey: 'phc_spool',
      host: sink.url,
      spoolDir: dir,
      maxAttempts: 1,
      flushTimeoutMs: 1000,
      warnings: false,
    };
    const first = new BasicTracerProvider(createPostHogProcessors(options));
    first.getTracer('app').startSpan('chat gpt-4o-mini', { attributes: CHAT }).end();
    await first.shutdown();
    expect(readdirSync(dir).filter((name) => name.endsWith('.req'))).toHaveLength(1);

    sink.respondWith(() => ({ status: 200 }));
    const second = new BasicTracerProvider(createPostHogProcessors(options));
    cleanups.push(() => second.shutdown());
    await second.forceFlush();
    const events = batchEvents(
      sink.requests.filter((request) => request.json !== undefined).slice(-1),
    );
    expect(events.map((event) => event.event)).toEqual(['$ai_generation']);
    expect(events[0]!.properties.$ai_total_cost_usd).toBeGreaterThan(0);
    expect(readdirSync(dir).filter((name) => name.endsWith('.req'))).toEqual([]);
  });
});
