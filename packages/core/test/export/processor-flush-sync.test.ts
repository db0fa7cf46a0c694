import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { isTracingSuppressed } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import type { SyncFlushRequest } from '../../src/export/types';
import type { Normalizer } from '../../src/types';
import { onCleanup, setup } from './harness';

type Batch = {
  api_key: string;
  batch: Array<{ uuid: string; properties: Record<string, unknown> }>;
};
const decode = (request: SyncFlushRequest) =>
  JSON.parse(new TextDecoder().decode(request.body)) as Batch;
const seqsOf = (batches: Batch[]) => batches.flatMap((b) => b.batch.map((e) => e.properties.seq));

describe('PostHogSpanProcessor.flushSync (page unload)', () => {
  it('hands every queued span to the sender at once, exactly once', async () => {
    const { sink, processor, chat } = await setup({ flushIntervalMs: 60_000, traceWaitMs: 60_000 });
    chat({ seq: 0 });
    chat({ seq: 1 });
    const offered: SyncFlushRequest[] = [];
    const result = processor.flushSync((request) => (offered.push(request), true));
    expect(result).toEqual({ sent: 2, deferred: 0 });
    expect(offered).toHaveLength(1);
    expect(offered[0]!.url).toBe(`${sink.url}/batch/`);
    expect(offered[0]!.transport).toBe('events');
    expect(offered[0]!.headers).toEqual({ 'content-type': 'application/json' });
    expect(offered[0]!.items).toBe(2);
    const body = decode(offered[0]!);
    expect(body.api_key).toBe('phc_test');
    expect(seqsOf([body])).toEqual([0, 1]);
    // Both unload events firing: the second call finds nothing; the normal path neither.
    expect(processor.flushSync(() => true)).toEqual({ sent: 0, deferred: 0 });
    await processor.forceFlush();
    expect(sink.requests).toHaveLength(0);
  });

  it('takes over spans whose sliced mapping is under way, sending each once', async () => {
    // A normalizer slow enough that mapping 20 spans takes several slices.
    const slow: Normalizer = {
      name: 'slow',
      matches: () => true,
      normalize: () => {
        const until = performance.now() + 3;
        while (performance.now() < until) {
          // Busy: stands for mapping large messages.
        }
        return undefined;
      },
    };
    const { sink, processor, chat } = await setup({
      flushIntervalMs: 60_000,
      compression: false,
      normalizers: [slow],
    });
    for (let i = 0; i < 20; i++) chat({ seq: i });
    const flushed = processor.forceFlush();
    // Let the export start mapping and give the event loop its first turn.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const offered: SyncFlushRequest[] = [];
    processor.flushSync((request) => (offered.push(request), true));
    await flushed;
    const viaSync = seqsOf(offered.map(decode));
    const viaFetch = seqsOf(sink.requests.map((request) => request.json as Batch));
    expect(viaSync.length).toBeGreaterThan(0);
    expect([...viaSync, ...viaFetch].sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 20 }, (_, i) => i),
    );
  });

  it('sends what the sender refuses through the normal transport, once', async () => {
    const { sink, processor, chat } = await setup({ flushIntervalMs: 60_000, compression: false });
    chat({ seq: 0 });
    expect(processor.flushSync(() => false)).toEqual({ sent: 0, deferred: 1 });
    await processor.forceFlush();
    expect(sink.requests).toHaveLength(1);
    expect(seqsOf([sink.requests[0]!.json as Batch])).toEqual([0]);
  });

  it('treats a throwing sender as a refusal', async () => {
    const { sink, processor, chat } = await setup({ flushIntervalMs: 60_000 });
    chat({ seq: 0 });
    const result = processor.flushSync(() => {
      throw new Error('no beacon');
    });
    expect(result).toEqual({ sent: 0, deferred: 1 });
    await processor.forceFlush();
    expect(sink.requests).toHaveLength(1);
  });

  it('splits by maxRequestBytes and truncates an event too large for one request', async () => {
    const { processor, chat } = await setup({ flushIntervalMs: 60_000 });
    for (let i = 0; i < 6; i++) chat({ seq: i, note: 'x'.repeat(6_000) });
    chat({ seq: 6, note: 'y'.repeat(40_000) });
    const offered: SyncFlushRequest[] = [];
    processor.flushSync((request) => (offered.push(request), true), {
      maxRequestBytes: 16 * 1024,
    });
    expect(offered.length).toBeGreaterThan(2);
    for (const request of offered) expect(request.body.byteLength).toBeLessThanOrEqual(16 * 1024);
    const events = offered.flatMap((request) => decode(request).batch);
    expect(events.map((e) => e.properties.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const large = events.find((e) => e.properties.seq === 6)!;
    expect(String(large.properties.note).length).toBeLessThan(40_000);
    expect(large.properties.$ai_truncated).toBeDefined();
  });

  it('takes requests an export has prepared but not yet handed to fetch', async () => {
    const { sink, processor, chat } = await setup({ flushIntervalMs: 60_000, maxBatchSize: 1 });
    sink.respondWith((request) => ({
      status: 200,
      delayMs: sink.requests.indexOf(request) === 0 ? 300 : 0,
    }));
    for (let i = 0; i < 3; i++) chat({ seq: i });
    const flushing = processor.forceFlush();
    await sink.waitFor(1);
    // seq 0 is on the wire; seq 1 and 2 wait behind it in the same export.
    const offered: SyncFlushRequest[] = [];
    expect(processor.flushSync((request) => (offered.push(request), true))).toEqual({
      sent: 2,
      deferred: 0,
    });
    expect(seqsOf(offered.map(decode))).toEqual([1, 2]);
    // Uncompressed even though the normal path gzips: the unload path has no time to.
    expect(offered[0]!.headers['content-encoding']).toBeUndefined();
    await flushing;
    expect(sink.requests).toHaveLength(1);
  });

  it('offers OTLP requests with their authorization header', async () => {
    const { sink, processor, chat } = await setup({ flushIntervalMs: 60_000, transport: 'otlp' });
    chat({ seq: 0 });
    const offered: SyncFlushRequest[] = [];
    processor.flushSync((request) => (offered.push(request), true));
    expect(offered).toHaveLength(1);
    expect(offered[0]!.url).toBe(`${sink.url}/i/v0/ai/otel`);
    expect(offered[0]!.transport).toBe('otlp');
    expect(offered[0]!.headers.authorization).toBe('Bearer phc_test');
    const json = JSON.parse(new TextDecoder().decode(offered[0]!.body)) as {
      resourceSpans: unknown[];
    };
    expect(json.resourceSpans).toHaveLength(1);
  });

  it('calls the sender with tracing suppressed, as the normal transport does', async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    onCleanup(() => context.disable());
    const { processor, chat } = await setup({ flushIntervalMs: 60_000 });
    chat();
    let suppressed: boolean | undefined;
    processor.flushSync(() => {
      suppressed = isTracingSuppressed(context.active());
      return true;
    });
    expect(suppressed).toBe(true);
  });

  it('is a no-op without a token', async () => {
    const { processor, chat } = await setup({ apiKey: '' });
    chat();
    expect(processor.flushSync(() => true)).toEqual({ sent: 0, deferred: 0 });
  });
});
