import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { PostHogSpanProcessor } from '../../src/export/span-processor';
import type { PostHogExportOptions } from '../../src/export/types';
import { captureDiag, CHAT_ATTRIBUTES, onCleanup, setup } from './harness';

type Batch = { batch: Array<{ uuid: string; properties: Record<string, unknown> }> };
const seqs = (requests: Array<{ json: unknown; status?: number }>) =>
  requests.flatMap((r) => (r.json as Batch).batch.map((e) => e.properties.seq));
const lostCounts = (messages: string[]) =>
  messages
    .filter((m) => m.includes('lost'))
    .flatMap((m) => [...m.matchAll(/(\d+) (queue full|delivery failed)/g)])
    .reduce((sum, match) => sum + Number(match[1]), 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A processor on a provider with a scripted fetch; ends one chat span per call. */
function app(options: PostHogExportOptions) {
  const processor = new PostHogSpanProcessor({
    apiKey: 'phc_test',
    host: 'http://127.0.0.1:9',
    traceWaitMs: 0,
    retryBaseDelayMs: 5,
    ...options,
  });
  const provider = new BasicTracerProvider({ spanProcessors: [processor] });
  onCleanup(() => provider.shutdown());
  const tracer = provider.getTracer('outage-test');
  return {
    processor,
    provider,
    chat: (seq: number) =>
      tracer.startSpan('chat', { attributes: { ...CHAT_ATTRIBUTES, seq } }).end(),
  };
}

describe('outages longer than the retries', () => {
  it('keeps a batch the server could not take after every attempt and delivers it once the server is back', async () => {
    const diagnostics = captureDiag();
    const { sink, processor, chat } = await setup({ maxAttempts: 2, flushIntervalMs: 20 });
    let down = true;
    sink.respondWith(() => (down ? { destroySocket: true } : { status: 200 }));
    for (let i = 0; i < 5; i++) chat({ seq: i });
    await processor.forceFlush();
    expect(sink.requests).toHaveLength(2);
    down = false;
    // The next round comes on its own after a backoff (at least a second).
    await sink.waitFor(3, 5000);
    await processor.forceFlush();
    expect(seqs(sink.requests.slice(2))).toEqual([0, 1, 2, 3, 4]);
    expect(lostCounts(diagnostics.messages)).toBe(0);
  });

  it('holds at most maxQueueSize spans and kept items during an outage; every loss is reported', async () => {
    const diagnostics = captureDiag();
    let calls = 0;
    const { processor, chat } = app({
      maxQueueSize: 20,
      maxBatchSize: 5,
      maxAttempts: 2,
      flushIntervalMs: 10,
      fetch: async () => {
        calls++;
        throw new TypeError('fetch failed');
      },
    });
    for (let i = 0; i < 100; i++) {
      chat(i);
      if (i % 10 === 9) await sleep(20);
    }
    const held = processor as unknown as { held(): number };
    expect(held.held()).toBeLessThanOrEqual(20);
    await processor.shutdown();
    expect(calls).toBeGreaterThan(0);
    // Nothing was delivered: all 100 are reported, as queue full or delivery failed.
    expect(lostCounts(diagnostics.messages)).toBe(100);
  });

  it('has one batch in flight at a time against a slow server, so memory stays bounded', async () => {
    captureDiag();
    let inFlight = 0;
    let maxInFlight = 0;
    let delivered = 0;
    const { processor, chat } = app({
      maxQueueSize: 50,
      maxBatchSize: 10,
      flushIntervalMs: 5,
      compression: false,
      fetch: async (_url, init) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await sleep(50);
        inFlight--;
        delivered += (
          JSON.parse(String(new TextDecoder().decode(init!.body as Uint8Array))) as Batch
        ).batch.length;
        return new Response('{"status":1}', { status: 200 });
      },
    });
    for (let i = 0; i < 300; i++) {
      chat(i);
      // The app yields often, so every flush timer gets its chance to fire.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect((processor as unknown as { held(): number }).held()).toBeLessThanOrEqual(50);
    await processor.forceFlush();
    expect(maxInFlight).toBe(1);
    expect(delivered).toBeLessThan(300);
  });

  it('a fetch that ignores the abort signal cannot hang forceFlush or shutdown', async () => {
    captureDiag();
    const { processor, chat } = app({
      maxAttempts: 2,
      requestTimeoutMs: 100,
      fetch: () => new Promise<Response>(() => undefined),
    });
    chat(0);
    const started = Date.now();
    await processor.forceFlush();
    await processor.shutdown();
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('flushSync offers the requests kept for a retry', async () => {
    captureDiag();
    const { processor, chat } = app({
      maxAttempts: 1,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    for (let i = 0; i < 3; i++) chat(i);
    await processor.forceFlush();
    const offered: number[] = [];
    expect(processor.flushSync((request) => (offered.push(request.items), true))).toEqual({
      sent: 3,
      deferred: 0,
    });
    expect(offered).toEqual([3]);
    expect(processor.flushSync(() => true)).toEqual({ sent: 0, deferred: 0 });
  });
});
