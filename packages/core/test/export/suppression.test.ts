import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { PostHogSpanProcessor } from '../../src/export/span-processor';
import { CHAT_ATTRIBUTES, onCleanup } from './harness';

describe('export I/O', () => {
  it('runs with tracing suppressed: spans started inside fetch are not recorded', async () => {
    const contextManager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(contextManager);
    onCleanup(() => {
      context.disable();
      trace.disable();
    });
    const recorded = new InMemorySpanExporter();
    let recordingInsideFetch: boolean | undefined;
    const processor = new PostHogSpanProcessor({
      apiKey: 'phc',
      fetch: async () => {
        // What an HTTP instrumentation would do around our request.
        const span = trace.getTracer('http-instrumentation').startSpan('POST /batch/');
        recordingInsideFetch = span.isRecording();
        span.end();
        return new Response('{}', { status: 200 });
      },
    });
    const provider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(recorded), processor],
    });
    trace.setGlobalTracerProvider(provider);
    trace.getTracer('app').startSpan('chat', { attributes: CHAT_ATTRIBUTES }).end();
    await processor.forceFlush();
    expect(recordingInsideFetch).toBe(false);
    expect(recorded.getFinishedSpans().map((s) => s.name)).toEqual(['chat']);
    await provider.shutdown();
  });
});
