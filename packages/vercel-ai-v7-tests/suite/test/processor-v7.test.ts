/**
 * Integration on Node 22: the real AI SDK 7 (`registerTelemetry(new OpenTelemetry(...))` of
 * `@ai-sdk/otel`) against the mock OpenAI server, spans through this package's
 * `PostHogSpanProcessor` in a `NodeSDK` into the capture server; assertions on the events.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { OpenTelemetry } from '@ai-sdk/otel';
import type { AiEvent } from '@llm-analytics/core';
import {
  startCaptureServer,
  startMockOpenAI,
  type CaptureServer,
  type MockOpenAIServer,
} from '@llm-analytics/testing';
import { trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  embed,
  embedMany,
  generateObject,
  generateText,
  registerTelemetry,
  stepCountIs,
  streamText,
  tool,
} from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PostHogSpanProcessor } from '../../../vercel-ai/src';
import {
  costKeys,
  named,
  objectCompletion,
  sinkEvents,
  sleep,
  totalCost,
} from '../../../vercel-ai/test/export/sink-events';
import { PRICES, cost, gpt4oMiniCost } from '../../../vercel-ai/test/map-events';

let mock: MockOpenAIServer;
let sink: CaptureServer;
let processor: PostHogSpanProcessor;
let sdk: NodeSDK;
let openai: ReturnType<typeof createOpenAI>;

beforeAll(async () => {
  sink = await startCaptureServer();
  processor = new PostHogSpanProcessor({
    apiKey: 'phc_v7_test',
    host: sink.url,
    flushIntervalMs: 50,
    retryBaseDelayMs: 20,
  });
  sdk = new NodeSDK({
    resource: resourceFromAttributes({ 'service.name': 'vercel-ai-v7-processor-test' }),
    spanProcessors: [processor],
    // AI SDK 7 records GenAI metrics; without readers NodeSDK would export them over OTLP to
    // localhost:4318 and wait seconds for it on shutdown.
    metricReaders: [],
  });
  sdk.start();
  registerTelemetry(new OpenTelemetry({ runtimeContext: true }));
  mock = await startMockOpenAI({ streamChunkDelayMs: 10 });
  openai = createOpenAI({ baseURL: mock.url, apiKey: 'test' });
});

afterAll(async () => {
  await mock?.close();
  await sdk?.shutdown();
  await sink?.close();
});

async function capture(call: () => Promise<unknown>): Promise<AiEvent[]> {
  sink.reset();
  await call();
  await sleep(30);
  await processor.forceFlush();
  return sinkEvents(sink);
}

const weatherTool = tool({
  description: 'Get the weather',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, temperature: 21 }),
});

function expectOnlyLeavesCosted(events: readonly AiEvent[]): void {
  for (const event of events) {
    if (event.event === '$ai_generation' || event.event === '$ai_embedding') continue;
    expect(costKeys(event), `${event.properties.$ai_span_name}`).toEqual([]);
  }
}

function expectGpt4oMiniPriced(generation: AiEvent): void {
  const p = generation.properties;
  expect(p.$ai_input_tokens).toBeGreaterThan(0);
  expect(p).toMatchObject(
    gpt4oMiniCost(p.$ai_input_tokens as number, p.$ai_output_tokens as number),
  );
}

const shape = (events: readonly AiEvent[]) =>
  events.map((e) => [e.event, e.properties.$ai_span_name]);

describe('AI SDK 7 through PostHogSpanProcessor in NodeSDK, on Node 22', () => {
  it('runs on Node 22', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
  });

  it('generateText: a priced chat generation under an unpriced step and trace', async () => {
    const events = await capture(() =>
      generateText({
        model: openai.chat('gpt-4o-mini'),
        system: 'Be brief.',
        prompt: 'What is the capital of France?',
        temperature: 0.5,
        telemetry: { functionId: 'capital' },
      }),
    );
    expect(shape(events)).toEqual([
      ['$ai_generation', 'chat gpt-4o-mini'],
      ['$ai_span', 'step 1'],
      ['$ai_trace', 'capital'],
    ]);
    const [chat, step, root] = events;
    expect(chat!.properties).toMatchObject({
      $ai_provider: 'openai',
      $ai_temperature: 0.5,
      $ai_framework: 'vercel-ai',
      $ai_input: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'What is the capital of France?' },
      ],
      $ai_parent_id: step!.properties.$ai_span_id,
      'service.name': 'vercel-ai-v7-processor-test',
    });
    expectGpt4oMiniPriced(chat!);
    expect(root!.properties.$ai_input_tokens).toBe(chat!.properties.$ai_input_tokens);
    expectOnlyLeavesCosted(events);
  });

  it('streamText: time to first token in seconds, below the latency', async () => {
    const events = await capture(async () => {
      const result = streamText({
        model: openai.chat('gpt-4o-mini'),
        prompt: 'Stream please.',
        telemetry: { functionId: 'stream' },
      });
      for await (const _chunk of result.textStream);
    });
    const [chat] = named(events, 'chat gpt-4o-mini');
    const p = chat!.properties;
    expect(chat!.event).toBe('$ai_generation');
    expect(p.$ai_stream).toBe(true);
    expect(p.$ai_time_to_first_token).toBeGreaterThan(0.005);
    expect(p.$ai_time_to_first_token).toBeLessThan(p.$ai_latency as number);
    expectGpt4oMiniPriced(chat!);
    expectOnlyLeavesCosted(events);
  });

  it('tool loop with runtime context: cost is exactly the two chats; identity on every event, chats included', async () => {
    const events = await capture(() =>
      generateText({
        model: openai.chat('gpt-4o-mini'),
        prompt: 'What is the weather in Paris?',
        tools: { get_weather: weatherTool },
        stopWhen: stepCountIs(2),
        runtimeContext: { userId: 'user-42', sessionId: 'session-7', plan: 'pro' },
        telemetry: {
          functionId: 'weather-agent',
          includeRuntimeContext: { userId: true, sessionId: true, plan: true },
        },
      }),
    );
    expect(shape(events)).toEqual([
      ['$ai_generation', 'chat gpt-4o-mini'],
      ['$ai_span', 'get_weather'],
      ['$ai_span', 'step 1'],
      ['$ai_generation', 'chat gpt-4o-mini'],
      ['$ai_span', 'step 2'],
      ['$ai_trace', 'weather-agent'],
    ]);
    const chats = events.filter((e) => e.event === '$ai_generation');
    for (const event of events) {
      expect(event.distinct_id, event.properties.$ai_span_name as string).toBe('user-42');
      expect(event.properties.$ai_session_id).toBe('session-7');
      expect(event.properties.$process_person_profile).toBeUndefined();
    }
    for (const chat of chats) expectGpt4oMiniPriced(chat);
    expect(totalCost(events)).toBe(
      (chats[0]!.properties.$ai_total_cost_usd as number) +
        (chats[1]!.properties.$ai_total_cost_usd as number),
    );
    expect(named(events, 'get_weather')[0]!.properties).toMatchObject({
      $ai_input_state: { city: 'Paris' },
      $ai_output_state: { city: 'Paris', temperature: 21 },
    });
    expectOnlyLeavesCosted(events);
  });

  it('generateObject: the object as output, priced from the usage', async () => {
    const weather = { city: 'Paris', temperature: 21, conditions: 'sunny' };
    mock.inject(objectCompletion(weather));
    const events = await capture(() =>
      generateObject({
        model: openai.chat('gpt-4o-mini'),
        schema: z.object({ city: z.string(), temperature: z.number(), conditions: z.string() }),
        prompt: 'Describe the weather in Paris.',
        telemetry: { functionId: 'weather-object' },
      }),
    );
    expect(shape(events)).toEqual([
      ['$ai_generation', 'chat gpt-4o-mini'],
      ['$ai_trace', 'weather-object'],
    ]);
    expect(events[0]!.properties).toMatchObject({
      $ai_input_tokens: 52,
      $ai_output_tokens: 14,
      ...gpt4oMiniCost(52, 14),
    });
    expectOnlyLeavesCosted(events);
  });

  it('embed and embedMany: the inner embeddings span priced, the wrapper a span', async () => {
    for (const call of [
      () => embed({ model: openai.embedding('text-embedding-3-small'), value: 'sunny day' }),
      () =>
        embedMany({
          model: openai.embedding('text-embedding-3-small'),
          values: ['sunny day', 'rainy night'],
        }),
    ]) {
      const events = await capture(call);
      expect(shape(events)).toEqual([
        ['$ai_embedding', 'embeddings text-embedding-3-small'],
        ['$ai_trace', 'embeddings text-embedding-3-small'],
      ]);
      const p = events[0]!.properties;
      expect(p.$ai_total_cost_usd).toBe(
        cost(p.$ai_input_tokens as number, PRICES['text-embedding-3-small'].input),
      );
      expectOnlyLeavesCosted(events);
    }
  });

  it('a 500: every span an error with the HTTP status, nothing priced', async () => {
    mock.inject({ status: 500, path: '/chat/completions' });
    const events = await capture(() =>
      expect(
        generateText({ model: openai.chat('gpt-4o-mini'), prompt: 'fail', maxRetries: 0 }),
      ).rejects.toThrow(),
    );
    expect(events.map((e) => e.event)).toEqual(['$ai_generation', '$ai_span', '$ai_trace']);
    for (const event of events) {
      expect(event.properties.$ai_is_error).toBe(true);
      expect(event.properties.$ai_http_status).toBe(500);
      expect(event.properties.$ai_total_cost_usd).toBeUndefined();
    }
    expectOnlyLeavesCosted(events);
  });

  it("two calls under the application's own span: one trace, both calls children of it, posthog_distinct_id from the context", async () => {
    let appSpan = { traceId: '', spanId: '' };
    const events = await capture(() =>
      trace.getTracer('my-app').startActiveSpan('handle-chat-request', async (span) => {
        appSpan = span.spanContext();
        try {
          for (const question of ['First question.', 'Second question.'])
            await generateText({
              model: openai.chat('gpt-4o-mini'),
              prompt: question,
              runtimeContext: { posthog_distinct_id: 'user-app', sessionId: 'session-app' },
              telemetry: {
                functionId: 'chat-turn',
                includeRuntimeContext: { posthog_distinct_id: true, sessionId: true },
              },
            });
        } finally {
          span.end();
        }
      }),
    );
    const outers = named(events, 'chat-turn');
    expect(outers.map((e) => e.event)).toEqual(['$ai_span', '$ai_span']);
    for (const outer of outers) expect(outer.properties.$ai_parent_id).toBe(appSpan.spanId);
    for (const event of events) {
      expect(event.properties.$ai_trace_id).toBe(appSpan.traceId);
      expect(event.distinct_id).toBe('user-app');
      expect(event.properties.$ai_session_id).toBe('session-app');
    }
    const chats = events.filter((e) => e.event === '$ai_generation');
    expect(chats).toHaveLength(2);
    expect(totalCost(events)).toBe(
      (chats[0]!.properties.$ai_total_cost_usd as number) +
        (chats[1]!.properties.$ai_total_cost_usd as number),
    );
    expectOnlyLeavesCosted(events);
  });
});
