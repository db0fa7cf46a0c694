import { context, metrics, propagation, trace, type Attributes } from '@opentelemetry/api';
import { OpenAIInstrumentation } from '@opentelemetry/instrumentation-openai';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { startCaptureServer } from '@llm-analytics/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostHogProcessors } from '../src';
import { batchEvents } from './support/events';

const CHAT: Attributes = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.system': 'openai',
  'gen_ai.request.model': 'gpt-4o-mini',
  'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
  'gen_ai.usage.input_tokens': 8,
  'gen_ai.usage.output_tokens': 4,
};

/**
 * What npm's layout does to an instrumentation: it gets the `ProxyLoggerProvider` of its own
 * copy of `@opentelemetry/api-logs` (at construction, and again from `registerInstrumentations`
 * inside `sdk.start()`), whose delegate is never set because NodeSDK registers its provider
 * through another copy: every record goes nowhere. (The README-snippet test reproduces it for
 * real with npm; here the stale copy is set up by hand to pin the wiring.)
 */
const STALE_COPY_PROVIDER = {
  getLogger: () => ({ emit: () => undefined }),
  _getDelegateLogger: () => undefined,
};

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function captureProcessWarnings(): Array<{ code?: string; message: string }> {
  const printed: Array<{ code?: string; message: string }> = [];
  const listener = (warning: Error & { code?: string }) => {
    if (warning.code?.startsWith('LLM_ANALYTICS_'))
      printed.push({ code: warning.code, message: warning.message });
  };
  process.on('warning', listener);
  cleanups.push(() => process.off('warning', listener));
  return printed;
}

/** One chat call as the instrumentation records it: the span, and a content record inside it. */
function chatCall(instrumentation: OpenAIInstrumentation): void {
  const tracer = trace.getTracer('@opentelemetry/instrumentation-openai');
  tracer.startActiveSpan('chat gpt-4o-mini', { attributes: CHAT }, (span) => {
    instrumentation['logger'].emit({
      eventName: 'gen_ai.user.message',
      attributes: { 'gen_ai.system': 'openai' },
      body: { content: 'Hi there' },
      context: context.active(),
    });
    span.end();
  });
}

async function run(wire: boolean) {
  const sink = await startCaptureServer();
  cleanups.push(() => sink.close());
  const instrumentation = new OpenAIInstrumentation({ captureMessageContent: true });
  instrumentation.setLoggerProvider(STALE_COPY_PROVIDER as never);
  const options = { apiKey: 'phc', host: sink.url, warnOnUninstrumentedCalls: false };
  const sdk = new NodeSDK({
    metricReaders: [],
    ...(wire
      ? createPostHogProcessors({ ...options, instrumentations: [instrumentation] })
      : { ...createPostHogProcessors(options), instrumentations: [instrumentation] }),
  });
  sdk.start();
  // What registerInstrumentations does with a stale copy, after the wiring.
  instrumentation.setLoggerProvider(STALE_COPY_PROVIDER as never);
  cleanups.push(() => {
    trace.disable();
    context.disable();
    propagation.disable();
    metrics.disable();
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('io.opentelemetry.js.api.logs')];
  });
  cleanups.push(() => sdk.shutdown());
  chatCall(instrumentation);
  await sdk.shutdown();
  await new Promise((resolve) => setTimeout(resolve, 20));
  return batchEvents(sink.requests);
}

describe('content log records reach the processor whatever copies of api-logs are installed', () => {
  it('createPostHogProcessors({ instrumentations }) wires their logger to the registered provider', async () => {
    const printed = captureProcessWarnings();
    const events = await run(true);
    expect(events).toHaveLength(1);
    expect(events[0]!.properties.$ai_input).toEqual([{ role: 'user', content: 'Hi there' }]);
    expect(printed).toEqual([]);
  });

  it('without the wiring the content is lost, and one warning says what to do', async () => {
    // Unwired, the processor cannot see the instrumentation's config: the GenAI switch tells it.
    process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT = 'true';
    cleanups.push(() => delete process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT);
    const printed = captureProcessWarnings();
    const events = await run(false);
    expect(events).toHaveLength(1);
    expect(events[0]!.properties.$ai_input).toBeUndefined();
    expect(printed.map((p) => p.code)).toEqual(['LLM_ANALYTICS_NO_CONTENT']);
    expect(printed[0]!.message).toContain('createPostHogProcessors({ ..., instrumentations:');
  });
});
