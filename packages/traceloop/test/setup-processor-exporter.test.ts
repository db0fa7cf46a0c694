/**
 * Integration: the other two ways in with the real @traceloop/node-server-sdk.
 * - `initialize({ processor: new PostHogSpanProcessor() })` next to Traceloop's own exporter
 *   (sending to Traceloop and to PostHog at once): our processor sees every span, of every
 *   instrumentation scope, after Traceloop stamped it; `traceloop.forceFlush()` does not flush it.
 * - `createSpanProcessor({ exporter: new PostHogTraceExporter() })`: Traceloop's processor drops
 *   spans of other instrumentation scopes unless `allowedInstrumentationLibraries` names them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpanKind, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import {
  startCaptureServer,
  startMockOpenAI,
  type CaptureServer,
  type MockOpenAIServer,
} from '@llm-analytics/testing';
import OpenAI from 'openai';
import * as traceloop from '@traceloop/node-server-sdk';
import { PostHogSpanProcessor, PostHogTraceExporter } from '../src';
import { traceloopScenarios } from '../scripts/traceloop-scenarios.mjs';
import { CapturedEvents, countByEvent, TOKEN } from './support/captured-events';
import { expectGpt4oMiniCost } from './support/expectations';

let sink: CaptureServer;
let mock: MockOpenAIServer;
let processor: PostHogSpanProcessor;
let captured: CapturedEvents;
/** Stands in for Traceloop's cloud: what Traceloop's own processor exports. */
const traceloopExporter = new InMemorySpanExporter();
let scenarios: Record<string, () => Promise<void>>;

beforeAll(async () => {
  sink = await startCaptureServer();
  mock = await startMockOpenAI();
  processor = new PostHogSpanProcessor({
    apiKey: TOKEN,
    host: sink.url,
    // Long enough that only an explicit flush sends within the test.
    flushIntervalMs: 60_000,
    traceWaitMs: 60_000,
  });
  traceloop.initialize({
    appName: 'traceloop-processor-test',
    silenceInitializationMessage: true,
    traceloopSyncEnabled: false,
    disableBatch: true,
    exporter: traceloopExporter,
    processor,
    instrumentModules: { openAI: OpenAI },
  });
  const client = new OpenAI({ baseURL: mock.url, apiKey: 'sk-test', maxRetries: 0 });
  captured = new CapturedEvents(sink);
  scenarios = traceloopScenarios({
    traceloop,
    client,
    mock,
    tracer: trace.getTracer('traceloop-fixtures-app', '1.0.0'),
  });
});

afterAll(async () => {
  await processor?.shutdown();
  await mock?.close();
  await sink?.close();
});

describe('initialize({ processor: new PostHogSpanProcessor() })', () => {
  it('is not flushed by traceloop.forceFlush(); its own forceFlush delivers', async () => {
    traceloopExporter.reset();
    await scenarios.association!();
    await traceloop.forceFlush();
    expect(traceloopExporter.getFinishedSpans()).toHaveLength(3);
    expect(sink.requests).toHaveLength(0);

    await processor.forceFlush();
    const events = captured.take();
    expect(countByEvent(events)).toEqual({ $ai_trace: 1, $ai_span: 1, $ai_generation: 1 });
    // Stamped by Traceloop's processor at span start: on every span of the trace.
    for (const event of events) {
      expect(event.distinct_id).toBe('user-42');
      expect(event.properties.$ai_session_id).toBe('session-7');
      expect(event.properties.$ai_trace_name).toBe('support_chat');
      expect(event.properties.tenant).toBe('acme');
      expect(event.properties['service.name']).toBe('traceloop-processor-test');
    }
    const generation = events.find((event) => event.event === '$ai_generation')!;
    expectGpt4oMiniCost(generation.properties, 13, 9);
  });

  it('sees spans of other instrumentation scopes too', async () => {
    await scenarios['foreign-scope']!();
    const appTracer = trace.getTracer('my-app');
    appTracer
      .startSpan('classify', {
        kind: SpanKind.CLIENT,
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'openai',
          'gen_ai.request.model': 'gpt-4o-mini',
          'gen_ai.usage.input_tokens': 10,
          'gen_ai.usage.output_tokens': 2,
        },
      })
      .end();
    await processor.forceFlush();
    const events = captured.take();
    const foreign = events.find((event) => event.properties.$ai_span_name === 'db.lookup');
    expect(foreign?.event).toBe('$ai_span');
    expect(foreign!.properties.$ai_lib).toBe('traceloop-fixtures-app');
    expect(foreign!.properties.$ai_trace_name).toBe('with_foreign_span');
    const own = events.find((event) => event.properties.$ai_lib === 'my-app');
    expect(own?.event).toBe('$ai_generation');
    // gpt-4o-mini: $0.15 / $0.60 per million input / output tokens.
    expect(own!.properties.$ai_input_cost_usd).toBeCloseTo((10 * 0.15) / 1e6, 12);
    expect(own!.properties.$ai_output_cost_usd).toBeCloseTo((2 * 0.6) / 1e6, 12);
  });
});

describe("createSpanProcessor({ exporter: new PostHogTraceExporter() }): Traceloop's scope filter", () => {
  async function exportedLibs(
    options: Omit<Parameters<typeof traceloop.createSpanProcessor>[0], 'exporter'>,
  ): Promise<string[]> {
    sink.reset();
    const reader = new CapturedEvents(sink);
    const exporter = new PostHogTraceExporter({ apiKey: TOKEN, host: sink.url });
    const spanProcessor = traceloop.createSpanProcessor({
      ...options,
      exporter,
      disableBatch: true,
    });
    // Traceloop's processor type comes from its own copy of the SDK: structurally the same.
    const provider = new BasicTracerProvider({
      spanProcessors: [spanProcessor as unknown as SpanProcessor],
    });
    const attributes = {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
    };
    provider.getTracer('my-app').startSpan('chat gpt-4o-mini', { attributes }).end();
    provider
      .getTracer('@traceloop/instrumentation-openai')
      .startSpan('chat gpt-4o-mini', { attributes })
      .end();
    await provider.forceFlush();
    await provider.shutdown();
    return reader
      .take()
      .map((event) => String(event.properties.$ai_lib))
      .sort();
  }

  it('drops AI spans of other scopes by default', async () => {
    expect(await exportedLibs({})).toEqual(['@traceloop/instrumentation-openai']);
  });

  it('keeps them when allowedInstrumentationLibraries names them, or is "all"', async () => {
    const both = ['@traceloop/instrumentation-openai', 'my-app'];
    expect(await exportedLibs({ allowedInstrumentationLibraries: ['my-app'] })).toEqual(both);
    expect(
      await exportedLibs({
        allowedInstrumentationLibraries: traceloop.ALL_INSTRUMENTATION_LIBRARIES,
      }),
    ).toEqual(both);
  });
});
