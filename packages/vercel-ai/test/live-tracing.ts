import { trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { spanRecordFromReadableSpan, type SpanRecord } from '@llm-analytics/core';

export interface LiveTracing {
  /** The spans finished since the last call, as SpanRecords (no OTLP round trip). */
  collect(): Promise<SpanRecord[]>;
  shutdown(): Promise<void>;
}

/**
 * A global NodeTracerProvider (with the AsyncLocalStorage context manager the AI SDK needs
 * to nest its spans) exporting to memory: the way an application's SDK setup would run.
 */
export function startLiveTracing(serviceName: string): LiveTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  provider.register();
  return {
    async collect() {
      // Streamed calls end their outer span just after the last chunk is read.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await provider.forceFlush();
      const spans = exporter.getFinishedSpans().map(spanRecordFromReadableSpan);
      exporter.reset();
      return spans;
    },
    async shutdown() {
      await provider.shutdown();
      trace.disable();
    },
  };
}
