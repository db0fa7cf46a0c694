/**
 * One `openai` client patched by two instrumentations: `@traceloop/instrumentation-openai` 0.27
 * and `@arizeai/openinference-instrumentation-openai` 4.2.7. Order matters: Traceloop's patch
 * (built on `@opentelemetry/instrumentation` 0.203) removes a patch already in place, so only
 * "Traceloop first, then OpenInference" gives both spans: OpenInference's outside, Traceloop's
 * inside it.
 */
import { OpenAIInstrumentation as OpenInferenceOpenAI } from '@arizeai/openinference-instrumentation-openai';
import { OpenAIInstrumentation as TraceloopOpenAI } from '@traceloop/instrumentation-openai';
import { startMockOpenAI, type MockOpenAIServer } from '@llm-analytics/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureFixture } from '../support/fixtures';
import { eventsOf, generations, named } from '../support/map';
import { expectCost, GPT_4O_MINI, usd } from '../support/prices';
import { startLiveTracing, type LiveTracing } from '../support/tracing';

let tracing: LiveTracing;
let mock: MockOpenAIServer;
let client: OpenAI;

beforeAll(async () => {
  tracing = startLiveTracing('openai-two-instrumentations');
  const traceloop = new TraceloopOpenAI();
  traceloop.setTracerProvider(tracing.provider);
  traceloop.manuallyInstrument(OpenAI);
  new OpenInferenceOpenAI({ tracerProvider: tracing.provider }).manuallyInstrument(OpenAI);
  mock = await startMockOpenAI();
  client = new OpenAI({ baseURL: mock.url, apiKey: 'sk-test', maxRetries: 0 });
});

afterAll(async () => {
  await mock?.close();
  await tracing?.shutdown();
});

async function collect(fixture?: string) {
  const { readable, records } = await tracing.collect();
  if (fixture) captureFixture('double-instrumentation', fixture, readable);
  return eventsOf(records);
}

const tools = [
  {
    type: 'function' as const,
    function: {
      name: 'get_weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
];

describe('OpenInference and Traceloop on one OpenAI client', () => {
  it('a chat call: one generation (OpenInference, the more complete usage), Traceloop a span', async () => {
    await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hello there' }],
    });
    const events = await collect('openai-openinference-traceloop-chat');
    expect(events).toHaveLength(2);
    const outer = named(events, 'OpenAI Chat Completions');
    const inner = named(events, 'chat gpt-4o-mini');
    expect(inner.properties.$ai_parent_id).toBe(outer.properties.$ai_span_id);
    expect(generations(events)).toEqual([outer]);
    expect(outer.properties).toMatchObject({
      $ai_input_tokens: 9,
      $ai_output_tokens: 5,
      $ai_cache_read_input_tokens: 0,
      $ai_reasoning_tokens: 0,
    });
    expectCost(outer.properties, {
      input: usd(9, GPT_4O_MINI.input),
      output: usd(5, GPT_4O_MINI.output),
    });
    expect(inner.event).toBe('$ai_span');
    expect(inner.properties).toMatchObject({ $ai_duplicate_of: outer.properties.$ai_span_id });
    // The kept generation takes the response id only Traceloop recorded.
    expect(outer.properties.$ai_response_id).toBe('chatcmpl-mock-1');
  });

  it('tool use over two turns: two generations, one per call', async () => {
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'Weather in Paris?' },
    ];
    const first = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools });
    const call = first.choices[0]!.message.tool_calls![0]!;
    messages.push(first.choices[0]!.message, {
      role: 'tool',
      tool_call_id: call.id,
      content: 'Sunny',
    });
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools });
    const events = await collect();
    expect(events).toHaveLength(4);
    const kept = generations(events);
    expect(kept).toHaveLength(2);
    expect(kept[0]!.properties.$ai_output_choices).toMatchObject([
      { tool_calls: [{ function: { name: 'get_weather' } }] },
    ]);
  });

  it("a streamed call: OpenInference's span is never ended, Traceloop's is the one generation", async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Stream it' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const _chunk of stream);
    const events = await collect();
    expect(events).toHaveLength(1);
    expect(events[0]!.event).toBe('$ai_generation');
    expect(events[0]!.properties.$ai_lib).toBe('@traceloop/instrumentation-openai');
    // Its parent, OpenInference's span, never arrives.
    expect(events[0]!.properties.$ai_parent_id).toMatch(/^[0-9a-f]{16}$/);
  });
});
