import { diag, DiagLogLevel, SpanKind } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { PostHogSpanProcessor } from '../../src/export/span-processor';
import { captureDiag, CHAT_ATTRIBUTES, onCleanup, setup } from './harness';

type Batch = { batch: Array<{ properties: Record<string, unknown> }> };
const seqs = (requests: Array<{ json: unknown }>) =>
  requests.flatMap((r) => (r.json as Batch).batch.map((e) => e.properties.seq));

describe('queue, flush and shutdown', () => {
  it('drops the oldest spans when the queue overflows and counts them', async () => {
    const diagnostics = captureDiag();
    const { sink, processor, chat } = await setup({
      maxQueueSize: 10,
      flushIntervalMs: 60_000,
      maxBatchSize: 100,
    });
    for (let i = 0; i < 25; i++) chat({ seq: i });
    await processor.forceFlush();
    expect(seqs(sink.requests)).toEqual([15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    await processor.shutdown();
    // Reported at most once per interval (the first at once, the rest at shutdown), 15 in all.
    const reports = diagnostics.messages.filter((m) => m.includes('queue full'));
    expect(reports.length).toBeLessThanOrEqual(2);
    expect(
      reports.map((m) => Number(/(\d+) queue full/.exec(m)![1])).reduce((a, b) => a + b, 0),
    ).toBe(15);
  });

  it('forceFlush resolves after everything enqueued before it is delivered, in order', async () => {
    const { sink, processor, chat } = await setup({ flushIntervalMs: 60_000 });
    sink.respondWith((request) => ({
      status: 200,
      delayMs: sink.requests.indexOf(request) === 0 ? 300 : 0,
    }));
    for (let i = 0; i < 3; i++) chat({ seq: i });
    const first = processor.forceFlush();
    for (let i = 3; i < 6; i++) chat({ seq: i });
    await processor.forceFlush();
    await first;
    expect(seqs(sink.requests)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('shutdown flushes, is idempotent, and nothing is accepted after it', async () => {
    const { sink, processor, tracer } = await setup({ flushIntervalMs: 60_000 });
    tracer.startSpan('chat', { attributes: { ...CHAT_ATTRIBUTES, seq: 1 } }).end();
    const a = processor.shutdown();
    const b = processor.shutdown();
    await Promise.all([a, b]);
    expect(seqs(sink.requests)).toEqual([1]);
    processor.onEnd(
      Object.assign(Object.create(null), {
        spanContext: () => ({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) }),
        attributes: CHAT_ATTRIBUTES,
      }),
    );
    await processor.forceFlush();
    expect(sink.requests).toHaveLength(1);
    expect(processor.enabled).toBe(false);
  });

  it('a blank token warns once and does nothing', async () => {
    const diagnostics = captureDiag();
    const env = { ...process.env };
    delete process.env.POSTHOG_API_KEY;
    delete process.env.LLM_ANALYTICS_TOKEN;
    onCleanup(() => Object.assign(process.env, env));
    const processor = new PostHogSpanProcessor({ apiKey: '  ' });
    const provider = new BasicTracerProvider({ spanProcessors: [processor] });
    provider.getTracer('t').startSpan('chat', { attributes: CHAT_ATTRIBUTES }).end();
    await processor.forceFlush();
    await provider.shutdown();
    expect(processor.enabled).toBe(false);
    expect(diagnostics.messages.filter((m) => m.includes('no project token'))).toHaveLength(1);
  });

  it('a bad host gives one clear error and does nothing', async () => {
    const diagnostics = captureDiag();
    for (const host of ['not a url', 'ftp://example.com']) {
      const processor = new PostHogSpanProcessor({ apiKey: 'phc', host });
      expect(processor.enabled).toBe(false);
    }
    expect(diagnostics.messages.filter((m) => m.includes('invalid host'))).toHaveLength(2);
  });

  it('reads token and host from the environment, explicit options winning, and keeps the host path', async () => {
    const { sink } = await setup();
    const env = { ...process.env };
    onCleanup(() => {
      for (const key of [
        'LLM_ANALYTICS_TOKEN',
        'LLM_ANALYTICS_HOST',
        'POSTHOG_API_KEY',
        'POSTHOG_HOST',
      ])
        delete process.env[key];
      Object.assign(process.env, env);
    });
    process.env.POSTHOG_API_KEY = 'phc_posthog';
    process.env.POSTHOG_HOST = 'http://127.0.0.1:1';
    process.env.LLM_ANALYTICS_TOKEN = 'phc_ours';
    process.env.LLM_ANALYTICS_HOST = `${sink.url}/some/path/?x=1`;
    const fromEnv = new PostHogSpanProcessor({ flushIntervalMs: 60_000 });
    const provider = new BasicTracerProvider({ spanProcessors: [fromEnv] });
    provider
      .getTracer('t')
      .startSpan('chat', { kind: SpanKind.CLIENT, attributes: CHAT_ATTRIBUTES })
      .end();
    await fromEnv.forceFlush();
    expect(sink.requests.map((r) => [r.path, (r.json as { api_key: string }).api_key])).toEqual([
      ['/some/path/batch/', 'phc_ours'],
    ]);
    const explicit = new PostHogSpanProcessor({ projectToken: 'phc_explicit', host: sink.url });
    provider.getTracer('t');
    explicit.onStart({
      spanContext: () => ({ traceId: 'c'.repeat(32), spanId: 'd'.repeat(16) }),
      attributes: {},
    } as never);
    await provider.shutdown();
    expect(explicit.enabled).toBe(true);
  });
});

describe('never throws into the application', () => {
  it('survives throwing hooks, a rejecting fetch and odd attributes', async () => {
    captureDiag();
    let fetchCalls = 0;
    const processor = new PostHogSpanProcessor({
      apiKey: 'phc',
      host: 'http://127.0.0.1:9',
      maxAttempts: 2,
      retryBaseDelayMs: 1,
      fetch: async () => {
        fetchCalls++;
        throw new TypeError('fetch failed');
      },
      shouldExportSpan: () => {
        throw new Error('filter hook');
      },
      beforeSend: () => {
        throw new Error('send hook');
      },
    });
    const provider = new BasicTracerProvider({ spanProcessors: [processor] });
    const tracer = provider.getTracer('t');
    expect(() => {
      tracer
        .startSpan('chat', {
          attributes: {
            ...CHAT_ATTRIBUTES,
            'gen_ai.input.messages': '[{bad json',
            'gen_ai.usage.input_tokens': Number.NaN,
            weird: [null, undefined as never, 1],
          },
        })
        .end();
      const span = tracer.startSpan('chat', { attributes: CHAT_ATTRIBUTES });
      span.end();
      span.end();
      processor.onEnd(null as never);
      processor.onEnd({} as never);
      processor.onStart(undefined as never);
    }).not.toThrow();
    await expect(processor.forceFlush()).resolves.toBeUndefined();
    await expect(provider.shutdown()).resolves.toBeUndefined();
    // beforeSend threw for every event: nothing was sent (the hook may have meant to redact).
    expect(fetchCalls).toBe(0);
  });

  it('a diag logger that throws never reaches the application', async () => {
    const fault = (...args: unknown[]) => {
      if (String(args[0]).startsWith('@llm-analytics')) throw new Error('logger fault');
    };
    diag.setLogger(
      { error: fault, warn: fault, info: fault, debug: fault, verbose: fault },
      { logLevel: DiagLogLevel.ALL, suppressOverrideMessage: true },
    );
    onCleanup(() => diag.disable());
    expect(() => new PostHogSpanProcessor({ apiKey: '' })).not.toThrow();
    expect(() => new PostHogSpanProcessor({ apiKey: 'phc', host: 'not a url' })).not.toThrow();
    const processor = new PostHogSpanProcessor({
      apiKey: 'phc',
      maxQueueSize: 1,
      beforeSend: () => {
        throw new Error('hook');
      },
      fetch: () => Promise.reject(new TypeError('down')),
    });
    expect(() => {
      processor.onEnd({} as never);
      for (let i = 0; i < 3; i++)
        processor.onEnd({
          spanContext: () => ({ traceId: 'a'.repeat(32), spanId: `${i}`.repeat(16) }),
          attributes: CHAT_ATTRIBUTES,
        } as never);
      processor.flushSync(() => {
        throw new Error('sender');
      });
    }).not.toThrow();
    await expect(processor.shutdown()).resolves.toBeUndefined();
  });

  it('survives a fetch that rejects on every attempt', async () => {
    captureDiag();
    let calls = 0;
    const processor = new PostHogSpanProcessor({
      apiKey: 'phc',
      maxAttempts: 3,
      retryBaseDelayMs: 1,
      fetch: () => (calls++, Promise.reject(new Error('boom'))),
    });
    const provider = new BasicTracerProvider({ spanProcessors: [processor] });
    provider.getTracer('t').startSpan('chat', { attributes: CHAT_ATTRIBUTES }).end();
    await expect(provider.shutdown()).resolves.toBeUndefined();
    expect(calls).toBe(3);
  });

  it('survives a fetch that hangs, thanks to the request timeout', async () => {
    captureDiag();
    const processor = new PostHogSpanProcessor({
      apiKey: 'phc',
      maxAttempts: 2,
      retryBaseDelayMs: 1,
      requestTimeoutMs: 100,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          ),
        ),
    });
    const provider = new BasicTracerProvider({ spanProcessors: [processor] });
    provider.getTracer('t').startSpan('chat', { attributes: CHAT_ATTRIBUTES }).end();
    const started = Date.now();
    await provider.shutdown();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
