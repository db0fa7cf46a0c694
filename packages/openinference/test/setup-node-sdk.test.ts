/**
 * Integration: `NodeSDK` with `@arizeai/openinference-instrumentation-openai`, this package's
 * `PostHogSpanProcessor` and, next to it, its `PostHogTraceExporter` in a `BatchSpanProcessor`
 * sending to a second capture server: both deliver the same events. Its own file: NodeSDK
 * registers the global tracer provider and the instrumentation patches `openai`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OpenAIInstrumentation } from '@arizeai/openinference-instrumentation-openai';
import OpenAI from 'openai';
import type { AiEvent } from '@llm-analytics/core';
import {
  startCaptureServer,
  startMockOpenAI,
  type CaptureServer,
  type MockOpenAIServer,
} from '@llm-analytics/testing';
import { PostHogSpanProcessor, PostHogTraceExporter } from '../src';
import { createClient, SCENARIOS } from '../scripts/openai-scenarios.mjs';
import { CapturedEvents, comparable, countByEvent, TOKEN } from './captured-events';
import { expectCost, GPT_4O_MINI, perMillion } from './load-fixture';

const RUN = ['chat', 'tools-two-turns', 'context'];

let processorSink: CaptureServer;
let exporterSink: CaptureServer;
let mock: MockOpenAIServer;
let sdk: NodeSDK;
let instrumentation: OpenAIInstrumentation;
const fromProcessor = new Map<string, AiEvent[]>();
const fromExporter = new Map<string, AiEvent[]>();

beforeAll(async () => {
  processorSink = await startCaptureServer();
  exporterSink = await startCaptureServer();
  mock = await startMockOpenAI();
  const processor = new PostHogSpanProcessor({ apiKey: TOKEN, host: processorSink.url });
  const batch = new BatchSpanProcessor(
    new PostHogTraceExporter({ apiKey: TOKEN, host: exporterSink.url }),
  );
  instrumentation = new OpenAIInstrumentation();
  sdk = new NodeSDK({
    resource: resourceFromAttributes({ 'service.name': 'openinference-node-sdk-test' }),
    spanProcessors: [processor, batch],
    instrumentations: [instrumentation],
  });
  sdk.start();
  // ESM: the `openai` import is not hooked by require; patch the class the app uses.
  instrumentation.manuallyInstrument(OpenAI);
  const client = createClient(mock);
  const processorEvents = new CapturedEvents(processorSink);
  const exporterEvents = new CapturedEvents(exporterSink);
  for (const scenario of SCENARIOS.filter(({ name }) => RUN.includes(name))) {
    await scenario.run(client, mock);
    await Promise.all([processor.forceFlush(), batch.forceFlush()]);
    fromProcessor.set(scenario.name, processorEvents.take());
    fromExporter.set(scenario.name, exporterEvents.take());
  }
});

afterAll(async () => {
  instrumentation?.disable();
  await sdk?.shutdown();
  await mock?.close();
  await processorSink?.close();
  await exporterSink?.close();
});

describe('NodeSDK + OpenInference OpenAI instrumentation', () => {
  it('chat: a priced $ai_generation', () => {
    const [event, ...rest] = fromProcessor.get('chat')!;
    expect(rest).toEqual([]);
    const p = event!.properties;
    expect(event!.event).toBe('$ai_generation');
    expect(p.$ai_lib).toBe('@arizeai/openinference-instrumentation-openai');
    expect(p.$ai_framework).toBe('openinference');
    expect(p['service.name']).toBe('openinference-node-sdk-test');
    expect(p.$ai_model).toBe('gpt-4o-mini-2024-07-18');
    expectCost(p, perMillion(30, GPT_4O_MINI.input), perMillion(9, GPT_4O_MINI.output));
  });

  it('tools: agent, tool and two generations in one trace, on one person', () => {
    const events = fromProcessor.get('tools-two-turns')!;
    expect(countByEvent(events)).toEqual({ $ai_trace: 1, $ai_span: 1, $ai_generation: 2 });
    expect(new Set(events.map((event) => event.properties.$ai_trace_id)).size).toBe(1);
    expect(new Set(events.map((event) => event.distinct_id)).size).toBe(1);
  });

  it('context helpers: the user and session on the event', () => {
    const [event] = fromProcessor.get('context')!;
    expect(event!.distinct_id).toBe('user-7');
    expect(event!.properties.$ai_session_id).toBe('session-42');
    expect(event!.properties.tenant).toBe('acme');
  });

  it.each(RUN)('%s: the exporter delivers the same events as the processor', (name) => {
    expect(fromExporter.get(name)!.length).toBeGreaterThan(0);
    expect(comparable(fromExporter.get(name)!)).toEqual(comparable(fromProcessor.get(name)!));
  });
});
