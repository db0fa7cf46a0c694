import { SpanKind } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/export/config';
import { PostHogTraceExporter } from '../../src/export/trace-exporter';
import { CHAT_ATTRIBUTES, captureDiag, onCleanup, setup } from './harness';
import { startCaptureServer } from '@llm-analytics/testing';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

/** A server that accepts every request and never answers it. */
const NEVER = () => new Promise<never>(() => undefined);
/** Slack for timers and a loaded 2-core machine. */
const SLACK_MS = 700;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = Date.now();
  await run();
  return Date.now() - started;
}

describe('one deadline for delivery', () => {
  it('bounds forceFlush() and shutdown() by 10 s unless told otherwise', () => {
    expect(resolveConfig({ apiKey: 'phc' })!.flushTimeoutMs).toBe(10_000);
    expect(resolveConfig({ apiKey: 'phc', flushTimeoutMs: 1500 })!.flushTimeoutMs).toBe(1500);
  });

  it('forceFlush() in immediate mode resolves within the bound when the server never answers', async () => {
    captureDiag();
    const { sink, processor, chat } = await setup({
      exportMode: 'immediate',
      flushTimeoutMs: 1000,
    });
    sink.respondWith(NEVER);
    chat();
    // requestTimeoutMs (10 s) × maxAttempts (5) used to make this take 55 s.
    expect(await timed(() => processor.forceFlush())).toBeLessThan(1000 + SLACK_MS);
    expect(sink.requests.length).toBeGreaterThanOrEqual(1);
    chat();
    expect(await timed(() => processor.shutdown())).toBeLessThan(1000 + SLACK_MS);
  });

  it('the bound holds across retries and backoff pauses', async () => {
    captureDiag();
    const { sink, processor, chat } = await setup({
      flushTimeoutMs: 1000,
      maxAttempts: 20,
      retryBaseDelayMs: 300,
    });
    sink.respondWith({ status: 503 });
    chat();
    expect(await timed(() => processor.forceFlush())).toBeLessThan(1000 + SLACK_MS);
    const attempts = sink.requests.length;
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThan(20);
    // No retry runs on after the deadline: the request is kept for a later round instead.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(sink.requests.length).toBe(attempts);
  });

  it('a request kept after a timed-out forceFlush is delivered in a later round', async () => {
    captureDiag();
    const { sink, processor, chat } = await setup({ flushTimeoutMs: 600 });
    let answer = false;
    sink.respondWith(() => (answer ? { status: 200 } : NEVER()));
    chat();
    await processor.forceFlush();
    answer = true;
    await processor.forceFlush();
    const delivered = sink.requests.filter((r) => (r.json as { batch?: unknown[] }).batch);
    expect(delivered.length).toBeGreaterThanOrEqual(2);
    expect(delivered.at(-1)!.text).toBe(delivered[0]!.text);
  });

  it('immediate mode sends a span before the rest of its trace ends', async () => {
    const { sink, processor, tracer } = await setup({ exportMode: 'immediate', traceWaitMs: 3000 });
    const root = tracer.startSpan('request');
    const { trace, context } = await import('@opentelemetry/api');
    const child = tracer.startSpan(
      'chat gpt-4o-mini',
      { kind: SpanKind.CLIENT, attributes: CHAT_ATTRIBUTES },
      trace.setSpan(context.active(), root),
    );
    child.end();
    expect(await timed(() => processor.forceFlush())).toBeLessThan(1000);
    expect(sink.requests).toHaveLength(1);
    root.end();
  });

  it('PostHogTraceExporter.forceFlush() and shutdown() resolve within the bound too', async () => {
    captureDiag();
    const sink = await startCaptureServer();
    onCleanup(() => sink.close());
    sink.respondWith(NEVER);
    const exporter = new PostHogTraceExporter({
      apiKey: 'phc',
      host: sink.url,
      flushTimeoutMs: 1000,
    });
    const provider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(exporter as never)],
    });
    provider
      .getTracer('t')
      .startSpan('chat', { kind: SpanKind.CLIENT, attributes: CHAT_ATTRIBUTES })
      .end();
    await sink.waitFor(1);
    expect(await timed(() => exporter.forceFlush())).toBeLessThan(1000 + SLACK_MS);
    expect(await timed(() => provider.shutdown())).toBeLessThan(1000 + SLACK_MS);
  });
});
