import { SpanKind } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { decodeTracesJson } from '../../src/otlp';
import { mapSpans } from '../../src/integration/create-mapper';
import { setup } from './harness';

describe('PostHogSpanProcessor, otlp transport', () => {
  it('sends filtered spans as OTLP/JSON to {host}/i/v0/ai/otel with a Bearer token', async () => {
    const { sink, processor, tracer, chat } = await setup({
      transport: 'otlp',
      compression: false,
    });
    tracer
      .startSpan('GET /', { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'GET' } })
      .end();
    chat({ 'user.id': 'alice' });
    await processor.forceFlush();
    expect(sink.requests).toHaveLength(1);
    const request = sink.requests[0]!;
    expect(request.path).toBe('/i/v0/ai/otel');
    expect(request.headers.authorization).toBe('Bearer phc_test');
    expect(request.headers['content-type']).toBe('application/json');
    const { spans, rejected } = decodeTracesJson(request.text);
    expect(rejected).toEqual([]);
    expect(spans.map((s) => s.name)).toEqual(['chat gpt-4o-mini']);
    expect(spans[0]!.resource['service.name']).toBe('processor-test');
    expect(spans[0]!.scope.name).toBe('test-app');
    expect(spans[0]!.kind).toBe('client');
    expect(spans[0]!.attributes['gen_ai.usage.input_tokens']).toBe(12);
  });

  it('the server-side mapping of what it sends equals the events transport', async () => {
    const otlp = await setup({ transport: 'otlp', compression: false, traceWaitMs: 0 });
    const events = await setup({ transport: 'events', compression: false, traceWaitMs: 0 });
    for (const { chat } of [otlp, events]) chat({ 'user.id': 'alice', custom: 'x' });
    await otlp.processor.forceFlush();
    await events.processor.forceFlush();
    const mapped = mapSpans(decodeTracesJson(otlp.sink.requests[0]!.text).spans).events[0]!;
    const sent = (events.sink.requests[0]!.json as { batch: Array<typeof mapped> }).batch[0]!;
    const strip = (p: Record<string, unknown>) => {
      const { $ai_trace_id: _t, $ai_span_id: _s, $ai_latency: _l, ...rest } = p;
      return rest;
    };
    expect(strip(mapped.properties)).toEqual(strip(sent.properties));
    expect(mapped.distinct_id).toBe(sent.distinct_id);
  });

  it('redacts media and honours privacy mode before spans leave', async () => {
    const { sink, processor, chat } = await setup({
      transport: 'otlp',
      privacyMode: true,
      compression: false,
    });
    chat({
      'gen_ai.system_instructions': 'secret',
      image: `data:image/png;base64,${'iVBORw0KGgo'.repeat(100)}`,
    });
    await processor.forceFlush();
    const span = decodeTracesJson(sink.requests[0]!.text).spans[0]!;
    expect(span.attributes['gen_ai.input.messages']).toBeUndefined();
    expect(span.attributes['gen_ai.output.messages']).toBeUndefined();
    expect(span.attributes['gen_ai.system_instructions']).toBeUndefined();
    expect(span.attributes.image).toMatch(/^\[redacted image\/png data URL/);
    expect(span.attributes['gen_ai.usage.input_tokens']).toBe(12);
    expect(sink.requests[0]!.text).not.toContain('secret');
  });

  it('batches at most 100 spans per request', async () => {
    const { sink, processor, chat } = await setup({ transport: 'otlp', flushIntervalMs: 60_000 });
    for (let i = 0; i < 230; i++) chat();
    await processor.forceFlush();
    expect(sink.requests.map((r) => decodeTracesJson(r.text).spans.length)).toEqual([100, 100, 30]);
    expect(sink.requests[0]!.headers['content-encoding']).toBe('gzip');
  });
});
