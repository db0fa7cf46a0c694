import { context, trace } from '@opentelemetry/api';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { describe, expect, it } from 'vitest';
import {
  ContentLogBuffer,
  MAX_BUFFERED_RECORDS,
  MAX_RECORD_AGE_MS,
} from '../../src/export/log-buffer';
import { PostHogLogRecordProcessor } from '../../src/export/log-record-processor';
import { setup } from './harness';

type Batch = { batch: Array<{ properties: Record<string, unknown> }> };

describe('content log records joined to their span', () => {
  it('fills $ai_input and $ai_output_choices from records emitted under the span (events and otlp)', async () => {
    for (const transport of ['events', 'otlp'] as const) {
      const { sink, processor, tracer } = await setup({ transport, compression: false });
      const loggerProvider = new LoggerProvider({
        processors: [new PostHogLogRecordProcessor(processor)],
      });
      const logger = loggerProvider.getLogger('@opentelemetry/instrumentation-openai');
      const span = tracer.startSpan('chat gpt-4o-mini', {
        attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o-mini' },
      });
      // No global context manager in this test: pass the span's context explicitly.
      const ctx = trace.setSpan(context.active(), span);
      logger.emit({
        context: ctx,
        eventName: 'gen_ai.user.message',
        attributes: { 'gen_ai.system': 'openai' },
        body: { content: 'Hi there' },
      });
      logger.emit({
        context: ctx,
        attributes: { 'event.name': 'gen_ai.choice' },
        body: { index: 0, finish_reason: 'stop', message: { content: 'Hello!' } },
      });
      logger.emit({ context: ctx, eventName: 'app.log', body: 'unrelated' });
      span.end();
      await processor.forceFlush();
      if (transport === 'events') {
        const event = (sink.requests[0]!.json as Batch).batch[0]!;
        expect(event.properties.$ai_input).toEqual([{ role: 'user', content: 'Hi there' }]);
        expect(event.properties.$ai_output_choices).toEqual([
          { role: 'assistant', content: 'Hello!', finish_reason: 'stop' },
        ]);
      } else {
        const { decodeTracesJson } = await import('../../src/otlp');
        const { mapSpans } = await import('../../src/integration/create-mapper');
        const event = mapSpans(decodeTracesJson(sink.requests[0]!.text).spans).events[0]!;
        expect(event.properties.$ai_input).toEqual([{ role: 'user', content: 'Hi there' }]);
        expect(event.properties.$ai_output_choices).toEqual([
          { role: 'assistant', content: 'Hello!', finish_reason: 'stop' },
        ]);
      }
      await loggerProvider.shutdown();
    }
  });

  it('never keeps records without a span forever', () => {
    const buffer = new ContentLogBuffer();
    const record = { hrTime: [1, 0] as [number, number], attributes: {}, body: { content: 'x' } };
    buffer.add('aaaaaaaaaaaaaaaa', record, 0);
    buffer.sweep(MAX_RECORD_AGE_MS + 1);
    expect(buffer.count).toBe(0);
    expect(buffer.evicted).toBe(1);
    for (let i = 0; i < MAX_BUFFERED_RECORDS + 50; i++)
      buffer.add(i.toString(16).padStart(16, '0'), record, 1);
    expect(buffer.count).toBe(MAX_BUFFERED_RECORDS);
    expect(buffer.take('0000000000000000')).toEqual([]);
    expect(buffer.take((MAX_BUFFERED_RECORDS + 49).toString(16).padStart(16, '0'))).toHaveLength(1);
  });
});
