import { trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { spanRecordFromReadableSpan, type SpanRecord } from '@llm-analytics/core';

export interface LiveTracing {
  provider: NodeTracerProvider;
  /** The spans finished since the last call (ReadableSpans, for fixtures) and as SpanRecords. */
  collect(): Promise<{ readable: ReadableSpan[]; records: SpanRecord[] }>;
  shutdown(): Promise<void>;
}

/**
 * A global NodeTracerProvider (AsyncLocalStorage context, as an application's SDK setup has)
 * exporting to memory, plus any extra processors (our `PostHogSpanProcessor`). Global because
 * the Anthropic SDK traces through the global tracer provider.
 */
export function startLiveTracing(
  serviceName: string,
  extraProcessors: SpanProcessor[] = [],
): LiveTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new SimpleSpanProcessor(exporter), ...extraProcessors],
  });
  provider.register();
  return {
    provider,
    async collect() {
      // Streams end their spans just after the last chunk is read.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await provider.forceFlush();
      const readable = [...exporter.getFinishedSpans()];
      exporter.reset();
      return { readable, records: readable.map(spanRecordFromReadableSpan) };
    },
    async shutdown() {
      await provider.shutdown();
      trace.disable();
    },
  };
}

/** Runs `fn` inside an application span (an HTTP handler's, say), as most apps do. */
export function withAppSpan<T>(name: string, fn: () => Promise<T>): Promise<T> {
  return trace.getTracer('integration-app', '1.0.0').startActiveSpan(name, async (span) => {
    try {
      return await fn();
    } finally {
      span.end();
    }
  });
}
