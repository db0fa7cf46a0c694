/**
 * Real `ai` 6 with `@ai-sdk/anthropic` 3 (`experimental_telemetry`) against the mock Anthropic
 * server. The AI SDK calls the API with its own fetch, not through `@anthropic-ai/sdk`, so each
 * call is seen once; its input count includes the cache (`ai.usage.inputTokenDetails.*`).
 */
import { createAnthropic } from '@ai-sdk/anthropic';
import { startMockAnthropic, type MockAnthropicServer } from '@llm-analytics/testing';
import { generateText, stepCountIs, streamText, tool, type ModelMessage } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureFixture } from '../support/fixtures';
import { eventsOf, generations, named, shape } from '../support/map';
import { CLAUDE_HAIKU_4_5 as HAIKU, expectCost, usd } from '../support/prices';
import { startLiveTracing, type LiveTracing } from '../support/tracing';
import { MODEL, RESPONSE_MODEL } from './scenarios';

let tracing: LiveTracing;
let mock: MockAnthropicServer;
let anthropic: ReturnType<typeof createAnthropic>;

beforeAll(async () => {
  tracing = startLiveTracing('anthropic-ai-sdk');
  mock = await startMockAnthropic({ streamChunkDelayMs: 5 });
  anthropic = createAnthropic({ baseURL: `${mock.url}/v1`, apiKey: 'sk-ant-test' });
});

afterAll(async () => {
  await mock?.close();
  await tracing?.shutdown();
});

const telemetry = (functionId: string) => ({ isEnabled: true, functionId });

/** A cacheable system prompt (1,109 tokens up to its breakpoint, as the mock counts). */
const cachedMessages = (question: string): ModelMessage[] => [
  {
    role: 'system',
    content: `Answer from the manual. ${'m'.repeat(4_400)}`,
    providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } },
  },
  { role: 'user', content: question },
];

async function collect(fixture: string) {
  const { readable, records } = await tracing.collect();
  captureFixture('anthropic-ai-sdk', fixture, readable);
  return eventsOf(records);
}

describe('AI SDK 6 with @ai-sdk/anthropic', () => {
  it('generateText writing the cache: input includes the cache, writes at the cache-write rate', async () => {
    await generateText({
      model: anthropic(MODEL),
      messages: cachedMessages('What does the manual say?'),
      allowSystemInMessages: true,
      experimental_telemetry: telemetry('manual-question'),
    });
    const events = await collect('generate-cache-write');
    expect(shape(events)).toEqual([
      ['$ai_trace', 'manual-question'],
      ['$ai_generation', 'ai.generateText.doGenerate'],
    ]);
    const call = generations(events)[0]!;
    expect(call.properties).toMatchObject({
      $ai_framework: 'vercel-ai',
      $ai_provider: 'anthropic',
      $ai_model: RESPONSE_MODEL,
      $ai_request_model: MODEL,
      // 10 fresh + 1,109 written.
      $ai_input_tokens: 1119,
      $ai_input_tokens_include_cache: true,
      $ai_cache_creation_input_tokens: 1109,
      $ai_cache_read_input_tokens: 0,
      $ai_output_tokens: 8,
      $ai_stream: false,
      $ai_output_choices: [
        { role: 'assistant', content: 'Echo: What does the manual say?', finish_reason: 'stop' },
      ],
    });
    // 10 fresh at 1/M + 1,109 written at 1.25/M; 8 out at 5/M.
    expectCost(call.properties, {
      input: usd(10, HAIKU.input) + usd(1109, HAIKU.cacheWrite),
      output: usd(8, HAIKU.output),
    });
    expect(call.properties.$ai_total_cost_usd).toBeCloseTo(0.00143625, 12);
    // The outer call shows the same usage and is never costed.
    const outer = named(events, 'manual-question');
    expect(outer.properties.$ai_input_tokens).toBe(1119);
    expect(outer.properties.$ai_total_cost_usd).toBeUndefined();
  });

  it('streamText reading the cache: read at the cache-read rate, time to first token', async () => {
    const result = streamText({
      model: anthropic(MODEL),
      messages: cachedMessages('And the second chapter?'),
      allowSystemInMessages: true,
      experimental_telemetry: telemetry('manual-stream'),
    });
    for await (const _chunk of result.textStream);
    const events = await collect('stream-cache-read');
    const call = generations(events)[0]!;
    expect(generations(events)).toHaveLength(1);
    expect(call.properties).toMatchObject({
      $ai_stream: true,
      // 9 fresh + 1,109 read.
      $ai_input_tokens: 1118,
      $ai_input_tokens_include_cache: true,
      $ai_cache_read_input_tokens: 1109,
      $ai_cache_creation_input_tokens: 0,
      $ai_output_tokens: 8,
    });
    expect(call.properties.$ai_time_to_first_token).toBeGreaterThan(0);
    expect(call.properties.$ai_time_to_first_token).toBeLessThanOrEqual(
      call.properties.$ai_latency as number,
    );
    // 9 fresh at 1/M + 1,109 read at 0.10/M; 8 out at 5/M.
    expectCost(call.properties, {
      input: usd(9, HAIKU.input) + usd(1109, HAIKU.cacheRead),
      output: usd(8, HAIKU.output),
    });
    expect(call.properties.$ai_total_cost_usd).toBeCloseTo(0.0001599, 12);
  });

  it('tool use over two steps: two generations and the tool span between them', async () => {
    await generateText({
      model: anthropic(MODEL),
      prompt: 'What is the weather in Paris?',
      tools: {
        get_weather: tool({
          description: 'Get the weather for a city',
          inputSchema: z.object({ city: z.string() }),
          execute: async ({ city }) => ({ city, temperature: 21 }),
        }),
      },
      stopWhen: stepCountIs(2),
      experimental_telemetry: telemetry('weather-agent'),
    });
    const events = await collect('tool-loop');
    expect(shape(events)).toEqual([
      ['$ai_trace', 'weather-agent'],
      ['$ai_generation', 'ai.generateText.doGenerate'],
      ['$ai_span', 'get_weather'],
      ['$ai_generation', 'ai.generateText.doGenerate'],
    ]);
    const [call, answer] = generations(events).map((event) => event.properties);
    expect(call).toMatchObject({
      $ai_stop_reason: 'tool-calls',
      // Tool definitions as the AI SDK records them (`inputSchema`).
      $ai_tools: [
        { type: 'function', name: 'get_weather', description: 'Get the weather for a city' },
      ],
      $ai_output_choices: [
        {
          role: 'assistant',
          tool_calls: [
            {
              id: 'toolu_mock_1',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
      ],
    });
    const toolSpan = named(events, 'get_weather');
    expect(toolSpan.properties).toMatchObject({
      $ai_span_kind: 'tool',
      $ai_input_state: { city: 'Paris' },
      $ai_output_state: { city: 'Paris', temperature: 21 },
    });
    expect(answer!.$ai_output_choices).toMatchObject([
      { content: 'The get_weather tool returned: {"city":"Paris","temperature":21}' },
    ]);
    for (const properties of [call!, answer!]) {
      expectCost(properties, {
        input: usd(properties.$ai_input_tokens as number, HAIKU.input),
        output: usd(properties.$ai_output_tokens as number, HAIKU.output),
      });
    }
    // The trace sums both steps and is not costed.
    const trace = named(events, 'weather-agent');
    expect(trace.properties.$ai_input_tokens).toBe(
      (call!.$ai_input_tokens as number) + (answer!.$ai_input_tokens as number),
    );
    expect(trace.properties.$ai_total_cost_usd).toBeUndefined();
  });
});
