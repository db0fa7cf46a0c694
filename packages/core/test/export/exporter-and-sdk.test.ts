import { SpanKind, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { startCaptureServer } from '@llm-analytics/testing';
import { describe, expect, it } from 'vitest';
import { PostHogSpanProcessor } from '../../src/export/span-processor';
import { PostHogTraceExporter } from '../../src/export/trace-exporter';
import { CHAT_ATTRIBUTES, onCleanup } from './harness';

type Batch = {
  api_key: string;
  batch: Array<{ event: string; properties: Record<string, unknown> }>;
};

describe('PostHogTraceExporter', () => {
  it('works as the exporter of a BatchSpanProcessor and drops non-AI spans', async () => {
    const sink = await startCaptureServer();
    onCleanup(() => sink.close());
    const exporter = new PostHogTraceExporter({
      apiKey: 'phc_exp',
      host: sink.url,
      compression: false,
    });
    const provider = new BasicTracerProvider({
      spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 10 })],
    });
    const tracer = provider.getTracer('exporter-test');
    tracer.startSpan('GET /', { kind: SpanKind.SERVER }).end();
    tracer.startSpan('chat gpt-4o-mini', { attributes: CHAT_ATTRIBUTES }).end();
    await provider.forceFlush();
    await provider.shutdown();
    const events = sink.requests.flatMap((r) => (r.json as Batch).batch);
    expect(events.map((e) => e.event)).toEqual(['$ai_generation']);
    expect((sink.requests[0]!.json as Batch).api_key).toBe('phc_exp');
  });

  it('reports FAILED to the SDK when delivery is given up, SUCCESS otherwise', async () => {
    const sink = await startCaptureServer();
    onCleanup(() => sink.close());
    const exporter = new PostHogTraceExporter({ apiKey: 'phc', host: sink.url, maxAttempts: 1 });
    const provider = new BasicTracerProvider();
    const span = provider.getTracer('t').startSpan('chat', { attributes: CHAT_ATTRIBUTES });
    span.end();
    const readable = span as unknown as Parameters<typeof exporter.export>[0][number];
    const results: number[] = [];
    await new Promise<void>((resolve) =>
      exporter.export([readable], (r) => (results.push(r.code), resolve())),
    );
    sink.respondWith({ status: 500 });
    await new Promise<void>((resolve) =>
      exporter.export([readable], (r) => (results.push(r.code), resolve())),
    );
    expect(results).toEqual([0, 1]);
    await exporter.shutdown();
    await new Promise<void>((resolve) =>
      exporter.export([readable], (r) => (results.push(r.code), resolve())),
    );
    expect(results).toEqual([0, 1, 1]);
  });

  it('works with a SimpleSpanProcessor in the otlp transport', async () => {
    const sink = await startCaptureServer();
    onCleanup(() => sink.close());
    const exporter = new PostHogTraceExporter({ apiKey: 'phc', host: sink.url, transport: 'otlp' });
    const provider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    provider.getTracer('t').startSpan('chat', { attributes: CHAT_ATTRIBUTES }).end();
    await provider.forceFlush();
    await provider.shutdown();
    expect(sink.requests.map((r) => r.path)).toEqual(['/i/v0/ai/otel']);
  });
});

describe('NodeSDK', () => {
  it('accepts the processor in spanProcessors, as in the PostHog docs snippet', async () => {
    const sink = await startCaptureServer();
    onCleanup(() => sink.close());
    const sdk = new NodeSDK({
      resource: resourceFromAttributes({ 'service.name': 'my-app' }),
      spanProcessors: [new PostHogSpanProcessor({ apiKey: '<ph_project_token>', host: sink.url })],
      instrumentations: [],
    });
    sdk.start();
    const tracer = trace.getTracer('node-sdk-test');
    tracer.startActiveSpan('GET /chat', { kind: SpanKind.SERVER }, (parent) => {
      tracer
        .startSpan('chat gpt-4o-mini', {
          attributes: { ...CHAT_ATTRIBUTES, 'posthog.distinct_id': 'user_123' },
        })
        .end();
      parent.end();
    });
    await sdk.shutdown();
    const batch = sink.requests.flatMap((r) => (r.json as Batch).batch);
    expect(batch).toHaveLength(1);
    expect(batch[0]!.event).toBe('$ai_generation');
    expect(batch[0]!.properties['service.name']).toBe('my-app');
    expect(batch[0]!.properties.$ai_parent_id).toMatch(/^[0-9a-f]{16}$/);
    expect((sink.requests[0]!.json as Batch).api_key).toBe('<ph_project_token>');
  });
});
