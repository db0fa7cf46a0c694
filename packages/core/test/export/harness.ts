import { diag, DiagLogLevel, SpanKind, type Attributes, type Tracer } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { startCaptureServer, type CaptureServer } from '@llm-analytics/testing';
import { afterEach } from 'vitest';
import { PostHogSpanProcessor } from '../../src/export/span-processor';
import type { PostHogExportOptions } from '../../src/export/types';

export const CHAT_ATTRIBUTES: Attributes = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'openai',
  'gen_ai.request.model': 'gpt-4o-mini',
  'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
  'gen_ai.usage.input_tokens': 12,
  'gen_ai.usage.output_tokens': 4,
  'gen_ai.input.messages': JSON.stringify([
    { role: 'user', parts: [{ type: 'text', content: 'Hi' }] },
  ]),
  'gen_ai.output.messages': JSON.stringify([
    { role: 'assistant', parts: [{ type: 'text', content: 'Hello' }] },
  ]),
};

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
export function onCleanup(fn: () => Promise<unknown> | unknown): void {
  cleanups.push(fn);
}

export interface Setup {
  sink: CaptureServer;
  processor: PostHogSpanProcessor;
  provider: BasicTracerProvider;
  tracer: Tracer;
  /** End one chat span (optionally with extra attributes). */
  chat(extra?: Attributes, name?: string): void;
}

/** A real BasicTracerProvider with our processor, sending to a loopback capture server. */
export async function setup(options: PostHogExportOptions = {}): Promise<Setup> {
  const sink = await startCaptureServer();
  onCleanup(() => sink.close());
  const processor = new PostHogSpanProcessor({
    apiKey: 'phc_test',
    host: sink.url,
    flushIntervalMs: 50,
    traceWaitMs: 0,
    retryBaseDelayMs: 20,
    // Process warnings have their own tests (loud-warnings); here they would only be noise.
    warnings: false,
    ...options,
  });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'processor-test' }),
    spanProcessors: [processor],
  });
  onCleanup(() => provider.shutdown());
  const tracer = provider.getTracer('test-app');
  return {
    sink,
    processor,
    provider,
    tracer,
    chat(extra = {}, name = 'chat gpt-4o-mini') {
      tracer
        .startSpan(name, { kind: SpanKind.CLIENT, attributes: { ...CHAT_ATTRIBUTES, ...extra } })
        .end();
    },
  };
}

/** Capture diag output for assertions on warnings. */
export function captureDiag(): { messages: string[] } {
  const messages: string[] = [];
  const record = (...args: unknown[]) => void messages.push(args.map(String).join(' '));
  diag.setLogger(
    { error: record, warn: record, info: record, debug: () => undefined, verbose: () => undefined },
    { logLevel: DiagLogLevel.INFO, suppressOverrideMessage: true },
  );
  onCleanup(() => diag.disable());
  return { messages };
}
