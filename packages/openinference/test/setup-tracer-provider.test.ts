/**
 * Integration: the real `@arizeai/openinference-instrumentation-openai` and
 * `@arizeai/openinference-core` helpers on a `NodeTracerProvider` with this package's
 * `PostHogSpanProcessor`, against the mock OpenAI server. The events that reach the capture
 * server must be the ones the golden fixtures give (ids and timings aside), with costs
 * computed by hand and the context's identity on every event of the trace. Its own file:
 * the provider is registered globally and the instrumentation patches `openai`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AiEvent } from '@llm-analytics/core';
import {
  startCaptureServer,
  startMockOpenAI,
  type CaptureServer,
  type MockOpenAIServer,
} from '@llm-analytics/testing';
import { PostHogSpanProcessor } from '../src';
import { createClient, createHarness, SCENARIOS } from '../scripts/openai-scenarios.mjs';
import { CapturedEvents, comparable, countByEvent, TOKEN } from './captured-events';
import { expectCost, GPT_4O_MINI, O4_MINI, perMillion, scenarioEvents } from './load-fixture';

let sink: CaptureServer;
let mock: MockOpenAIServer;
let processor: PostHogSpanProcessor;
let harness: ReturnType<typeof createHarness>;
const eventsByScenario = new Map<string, AiEvent[]>();

beforeAll(async () => {
  sink = await startCaptureServer();
  mock = await startMockOpenAI();
  processor = new PostHogSpanProcessor({ apiKey: TOKEN, host: sink.url, retryBaseDelayMs: 20 });
  harness = createHarness({ spanProcessors: [processor] });
  const client = createClient(mock);
  const captured = new CapturedEvents(sink);
  // In capture order: the mock numbers its ids per server, so the ids match the fixtures.
  for (const scenario of SCENARIOS) {
    harness.reset();
    await scenario.run(client, mock);
    await harness.waitForSpans(scenario.spans);
    await processor.forceFlush();
    eventsByScenario.set(scenario.name, captured.take());
  }
});

afterAll(async () => {
  await mock?.close();
  await harness?.shutdown();
  await sink?.close();
});

/** The one event of a scenario. */
function only(scenario: string): Record<string, unknown> {
  const events = eventsByScenario.get(scenario)!;
  expect(events).toHaveLength(1);
  return events[0]!.properties;
}

describe('NodeTracerProvider + OpenInference OpenAI instrumentation + PostHogSpanProcessor', () => {
  it.each(SCENARIOS.map((scenario) => [scenario.name, scenario.spans] as const))(
    '%s: the events that arrive are the golden ones',
    (name, spans) => {
      const events = eventsByScenario.get(name)!;
      if (spans === 0) expect(events).toEqual([]);
      else expect(comparable(events)).toEqual(comparable(scenarioEvents(name)));
    },
  );

  it('chat: tokens and cost by hand', () => {
    const p = only('chat');
    expect(p.$ai_input_tokens).toBe(30);
    expect(p.$ai_output_tokens).toBe(9);
    expectCost(p, perMillion(30, GPT_4O_MINI.input), perMillion(9, GPT_4O_MINI.output));
  });

  it('cached and reasoning tokens: cached input priced at the cache-read rate', () => {
    const p = only('chat-reasoning-cached');
    expect(p.$ai_cache_read_input_tokens).toBe(1408);
    expect(p.$ai_reasoning_tokens).toBe(64);
    expectCost(
      p,
      perMillion(1475 - 1408, O4_MINI.input) + perMillion(1408, O4_MINI.cacheRead),
      perMillion(69, O4_MINI.output),
    );
  });

  it('streamed chat: no usage reported, so no tokens and no cost', () => {
    const p = only('chat-stream');
    expect(p.$ai_stream).toBe(true);
    expect(p.$ai_input_tokens).toBeUndefined();
    expect(p.$ai_total_cost_usd).toBeUndefined();
    expect(p.$ai_cost_error).toBe('no token counts');
  });

  it('tools: agent trace with a tool span and two priced generations', () => {
    const events = eventsByScenario.get('tools-two-turns')!;
    expect(countByEvent(events)).toEqual({ $ai_trace: 1, $ai_span: 1, $ai_generation: 2 });
    expect(new Set(events.map((event) => event.properties.$ai_trace_id)).size).toBe(1);
    expect(new Set(events.map((event) => event.distinct_id)).size).toBe(1);
    const [first, second] = events
      .filter((event) => event.event === '$ai_generation')
      .sort((a, b) => a.timestamp.localeCompare(b.timestamp))
      .map((event) => event.properties);
    expectCost(first!, perMillion(82, GPT_4O_MINI.input), perMillion(11, GPT_4O_MINI.output));
    expectCost(second!, perMillion(134, GPT_4O_MINI.input), perMillion(21, GPT_4O_MINI.output));
  });

  it('embeddings: an $ai_embedding with its texts, no vectors', () => {
    const events = eventsByScenario.get('embeddings')!;
    expect(events.map((event) => event.event)).toEqual(['$ai_embedding']);
    const p = events[0]!.properties;
    expect(p.$ai_model).toBe('text-embedding-3-small');
    expect(JSON.stringify(p)).not.toMatch(/embedding\.vector/);
  });

  it('Responses API: priced from its usage', () => {
    const p = only('responses');
    expectCost(p, perMillion(23, GPT_4O_MINI.input), perMillion(8, GPT_4O_MINI.output));
  });

  it('context helpers: user, session, metadata and tags on the event', () => {
    const [event] = eventsByScenario.get('context')!;
    expect(event!.distinct_id).toBe('user-7');
    expect(event!.properties.$ai_session_id).toBe('session-42');
    expect(event!.properties.tenant).toBe('acme');
    expect(event!.properties.$ai_tags).toEqual(['support', 'beta']);
    expect(event!.properties.$process_person_profile).toBeUndefined();
  });

  it('a failed call inside a chain: only the chain arrives, as an error', () => {
    const events = eventsByScenario.get('error-429-in-chain')!;
    expect(events.map((event) => event.event)).toEqual(['$ai_trace']);
    expect(events[0]!.properties.$ai_is_error).toBe(true);
    expect(events[0]!.properties.$ai_http_status).toBe(429);
  });
});
