import { context, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import type { SpanRecord } from '../../src/types';
import { CHAT_ATTRIBUTES, captureDiag, setup } from './harness';

describe('export batching', () => {
  it('maps one request worth of spans at a time, keeping the spans of a trace together', async () => {
    captureDiag();
    const { processor, tracer, chat } = await setup({ flushIntervalMs: 60_000, maxBatchSize: 10 });
    const pipeline = (
      processor as unknown as { pipeline: { export: (r: SpanRecord[]) => unknown } }
    ).pipeline;
    const exported: SpanRecord[][] = [];
    const original = pipeline.export.bind(pipeline);
    pipeline.export = (records: SpanRecord[]) => {
      exported.push(records);
      return original(records);
    };
    for (let i = 0; i < 8; i++) chat({ seq: i });
    // A trace of 6 AI spans that straddles the first batch boundary.
    const root = tracer.startSpan('invoke_agent', { attributes: CHAT_ATTRIBUTES });
    const inTrace = trace.setSpan(context.active(), root);
    for (let i = 0; i < 5; i++)
      tracer.startSpan('chat', { attributes: CHAT_ATTRIBUTES }, inTrace).end();
    root.end();
    for (let i = 0; i < 15; i++) chat({ seq: 100 + i });
    await processor.forceFlush();
    // Mapping is synchronous: a batch of at most 10 spans, or a little more to finish a trace.
    expect(exported.map((records) => records.length)).toEqual([14, 10, 5]);
    const traceId = root.spanContext().traceId;
    expect(exported.map((records) => records.filter((r) => r.traceId === traceId).length)).toEqual([
      6, 0, 0,
    ]);
  });
});
