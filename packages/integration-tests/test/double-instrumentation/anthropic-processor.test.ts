/**
 * The SDK path end to end: real `@anthropic-ai/sdk` (its own spans on, the default) under
 * `@traceloop/instrumentation-anthropic`, exported by `@llm-analytics/traceloop`'s
 * `PostHogSpanProcessor` to a capture server. The processor waits for a trace to end before
 * mapping it, so both spans of a call are mapped together: one generation per call leaves.
 */
import * as AnthropicModule from '@anthropic-ai/sdk';
import { AnthropicInstrumentation } from '@traceloop/instrumentation-anthropic';
import { PostHogSpanProcessor } from '@llm-analytics/traceloop';
import { startMockAnthropic, type MockAnthropicServer } from '@llm-analytics/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { COSTS, expectCacheWriteCost, expectStreamReadCost } from '../anthropic/expectations';
import * as scenarios from '../anthropic/scenarios';
import { expectCost } from '../support/prices';
import { startSink } from '../support/sink';
import { startLiveTracing, type LiveTracing } from '../support/tracing';

let tracing: LiveTracing;
let mock: MockAnthropicServer;
let sink: Awaited<ReturnType<typeof startSink>>;
let processor: PostHogSpanProcessor;

beforeAll(async () => {
  sink = await startSink();
  processor = new PostHogSpanProcessor({ apiKey: 'phc_test', host: sink.url, flushIntervalMs: 50 });
  tracing = startLiveTracing('anthropic-processor', [processor]);
  const instrumentation = new AnthropicInstrumentation();
  instrumentation.setTracerProvider(tracing.provider);
  instrumentation.manuallyInstrument(AnthropicModule);
  mock = await startMockAnthropic();
});

afterAll(async () => {
  await mock?.close();
  await tracing?.shutdown();
  await sink?.close();
});

it('cache write, streamed cache read, two tool turns: four calls, four generations on the wire', async () => {
  const client = new AnthropicModule.default({ baseURL: mock.url, apiKey: 'k', maxRetries: 0 });
  await scenarios.cacheWrite(client);
  await scenarios.streamRead(client);
  await scenarios.toolUseTwoTurns(client);
  await tracing.collect();
  await processor.forceFlush();
  const events = sink.events();
  expect(events).toHaveLength(8);
  const generations = events
    .filter((event) => event.event === '$ai_generation')
    .sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  expect(generations.map((event) => event.properties.$ai_lib)).toEqual(
    Array(4).fill('com.anthropic.sdk.typescript'),
  );
  const [write, read, toolCall, toolAnswer] = generations;
  expectCacheWriteCost(write!);
  expectStreamReadCost(read!);
  expectCost(toolCall!.properties, COSTS.toolCall);
  expectCost(toolAnswer!.properties, COSTS.toolAnswer);
  const spans = events.filter((event) => event.event !== '$ai_generation');
  expect(spans.map((event) => event.properties.$ai_lib)).toEqual(
    Array(4).fill('@traceloop/instrumentation-anthropic'),
  );
  expect(spans.map((event) => event.properties.$ai_duplicate_of).sort()).toEqual(
    generations.map((event) => event.properties.$ai_span_id).sort(),
  );
});
