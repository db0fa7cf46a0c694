import { SamplingDecision, SpanKind } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { startCaptureServer } from '@llm-analytics/testing';
import { describe, expect, it } from 'vitest';
import { PostHogSpanProcessor } from '../../src/export/span-processor';
import { CHAT_ATTRIBUTES, captureDiag, onCleanup, setup } from './harness';

describe('OpenTelemetry processor semantics', () => {
  it('does not export a span that is recorded but not sampled (sampler RECORD)', async () => {
    const sink = await startCaptureServer();
    onCleanup(() => sink.close());
    const processor = new PostHogSpanProcessor({ apiKey: 'phc', host: sink.url, traceWaitMs: 0 });
    let decision = SamplingDecision.RECORD;
    const provider = new BasicTracerProvider({
      spanProcessors: [processor],
      sampler: { shouldSample: () => ({ decision }), toString: () => 'switch' },
    });
    onCleanup(() => provider.shutdown());
    const tracer = provider.getTracer('t');
    const recordOnly = tracer.startSpan('chat', {
      kind: SpanKind.CLIENT,
      attributes: CHAT_ATTRIBUTES,
    });
    expect(recordOnly.isRecording()).toBe(true);
    recordOnly.end();
    decision = SamplingDecision.RECORD_AND_SAMPLED;
    tracer
      .startSpan('chat', {
        kind: SpanKind.CLIENT,
        attributes: { ...CHAT_ATTRIBUTES, sampled: 'yes' },
      })
      .end();
    await processor.forceFlush();
    const events = sink.requests.flatMap(
      (r) => (r.json as { batch: Array<{ properties: Record<string, unknown> }> }).batch,
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.properties.sampled).toBe('yes');
  });

  it('drops and counts a span whose shouldExportSpan throws (fails closed)', async () => {
    const diagnostics = captureDiag();
    const { sink, processor, chat } = await setup({
      shouldExportSpan: (span) => {
        if (span.attributes.secret === 'yes') throw new Error('filter bug');
        return true;
      },
    });
    chat({ secret: 'yes' });
    chat({ secret: 'no' });
    await processor.shutdown();
    const events = sink.requests.flatMap(
      (r) => (r.json as { batch: Array<{ properties: Record<string, unknown> }> }).batch,
    );
    expect(events.map((e) => e.properties.secret)).toEqual(['no']);
    expect(diagnostics.messages.join('\n')).toMatch(/1 hook failed.*shouldExportSpan threw/);
  });

  it('drops a span whose shouldExportSpan throws with the otlp transport too', async () => {
    captureDiag();
    const { sink, processor, chat } = await setup({
      transport: 'otlp',
      shouldExportSpan: () => {
        throw new Error('filter bug');
      },
    });
    chat();
    await processor.forceFlush();
    expect(sink.requests).toHaveLength(0);
  });

  it('keeps the path of host, as posthog-node does (reverse proxies rely on it)', async () => {
    const sink = await startCaptureServer();
    onCleanup(() => sink.close());
    for (const [host, transport] of [
      [`${sink.url}/ingest`, 'events'],
      [`${sink.url}/ingest/`, 'otlp'],
      [`${sink.url}//`, 'events'],
    ] as const) {
      const processor = new PostHogSpanProcessor({ apiKey: 'phc', host, transport });
      const provider = new BasicTracerProvider({ spanProcessors: [processor] });
      provider
        .getTracer('t')
        .startSpan('chat', { kind: SpanKind.CLIENT, attributes: CHAT_ATTRIBUTES })
        .end();
      await provider.shutdown();
    }
    expect(sink.requests.map((r) => r.path)).toEqual([
      '/ingest/batch/',
      '/ingest/i/v0/ai/otel',
      '/batch/',
    ]);
  });
});
