/**
 * Real `@anthropic-ai/sdk` 0.137 under `@traceloop/instrumentation-anthropic` 0.27, against the
 * mock Anthropic server. Traceloop reports Anthropic's raw input count (cache excluded); the
 * SDK's own `anthropic.messages.create` span, on by default, reports the same call again with
 * the cache included: exactly one of the two stays a generation.
 */
import * as AnthropicModule from '@anthropic-ai/sdk';
import { AnthropicInstrumentation } from '@traceloop/instrumentation-anthropic';
import { startMockAnthropic, type MockAnthropicServer } from '@llm-analytics/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureFixture } from '../support/fixtures';
import { eventsOf, generations, named } from '../support/map';
import { CLAUDE_HAIKU_4_5, expectCost, tablePrices } from '../support/prices';
import { startLiveTracing, withAppSpan, type LiveTracing } from '../support/tracing';
import {
  COSTS,
  expectCacheWriteCost,
  expectHandCalculations,
  expectOneGeneration,
  expectStreamReadCost,
} from './expectations';
import * as scenarios from './scenarios';
import { MODEL, RESPONSE_MODEL, USAGE } from './scenarios';

const Anthropic = AnthropicModule.default;
let tracing: LiveTracing;
let mock: MockAnthropicServer;

beforeAll(async () => {
  tracing = startLiveTracing('anthropic-traceloop');
  const instrumentation = new AnthropicInstrumentation();
  instrumentation.setTracerProvider(tracing.provider);
  // ES modules: the require hook never sees the import; hand the module over.
  instrumentation.manuallyInstrument(AnthropicModule);
  mock = await startMockAnthropic();
});

afterAll(async () => {
  await mock?.close();
  await tracing?.shutdown();
});

async function run(
  client: InstanceType<typeof Anthropic>,
  scenario: (client: InstanceType<typeof Anthropic>) => Promise<void>,
  fixture?: string,
) {
  await scenario(client);
  const { readable, records } = await tracing.collect();
  if (fixture) captureFixture('anthropic-traceloop', fixture, readable);
  return eventsOf(records);
}

it('prices from the table are the ones the hand calculations use', () => {
  expect(tablePrices('anthropic', MODEL)).toEqual(CLAUDE_HAIKU_4_5);
  expectHandCalculations();
});

describe("Traceloop alone (the SDK's own tracing off)", () => {
  let client: InstanceType<typeof Anthropic>;
  beforeAll(() => {
    mock.reset();
    client = new Anthropic({
      baseURL: mock.url,
      apiKey: 'sk-ant-test',
      maxRetries: 0,
      openTelemetry: false,
    });
  });

  it('a cache write: raw input (cache excluded), cache writes at the cache-write rate', async () => {
    const [event, ...rest] = await run(client, scenarios.cacheWrite);
    expect(rest).toEqual([]);
    expect(event!.event).toBe('$ai_generation');
    expect(event!.properties).toMatchObject({
      $ai_framework: 'traceloop',
      $ai_lib: '@traceloop/instrumentation-anthropic',
      $ai_provider: 'anthropic',
      $ai_model: RESPONSE_MODEL,
      $ai_request_model: MODEL,
      $ai_input_tokens: USAGE.cacheWrite.input,
      $ai_input_tokens_include_cache: false,
      $ai_cache_creation_input_tokens: USAGE.cacheWrite.cacheWrite,
      $ai_cache_read_input_tokens: 0,
      $ai_output_tokens: USAGE.cacheWrite.output,
      $ai_max_tokens: 256,
      $ai_stop_reason: 'stop',
      $ai_output_choices: [
        { role: 'assistant', content: 'Echo: What does the manual say?', finish_reason: 'stop' },
      ],
    });
    const input = event!.properties.$ai_input as Array<{ role: string; content: unknown }>;
    expect(input.map((message) => message.role)).toEqual(['system', 'user']);
    expect(input[1]!.content).toBe('What does the manual say?');
    expectCacheWriteCost(event!);
  });

  it('a streamed cache read: read at the cache-read rate', async () => {
    const [event] = await run(client, scenarios.streamRead);
    expect(event!.properties).toMatchObject({
      $ai_input_tokens: USAGE.streamRead.input,
      $ai_input_tokens_include_cache: false,
      $ai_cache_read_input_tokens: USAGE.streamRead.cacheRead,
      $ai_output_tokens: USAGE.streamRead.output,
      $ai_output_choices: [{ role: 'assistant', content: 'Echo: second?' }],
    });
    // Traceloop records neither that the call streamed nor a finish reason for it.
    expect(event!.properties.$ai_stream).toBeUndefined();
    expect(event!.properties.$ai_stop_reason).toBeUndefined();
    expectStreamReadCost(event!);
  });

  it('tool use over two turns: the tool call, then the tool result in the next input', async () => {
    const events = await run(client, scenarios.toolUseTwoTurns);
    expect(events.map((event) => event.event)).toEqual(['$ai_generation', '$ai_generation']);
    const [call, answer] = events.map((event) => event.properties);
    expect(call).toMatchObject({
      $ai_input_tokens: USAGE.toolCall.input,
      $ai_output_tokens: USAGE.toolCall.output,
      $ai_stop_reason: 'tool_call',
      $ai_output_choices: [
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'toolu_mock_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
      ],
    });
    // Traceloop's Anthropic instrumentation does not record the tool definitions.
    expect(call!.$ai_tools).toBeUndefined();
    expect(answer!.$ai_input).toEqual([
      { role: 'user', content: 'What is the weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'toolu_mock_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', content: 'Sunny, 21 °C', tool_call_id: 'toolu_mock_1' },
    ]);
    expectCost(call!, COSTS.toolCall);
    expectCost(answer!, COSTS.toolAnswer);
  });

  it('a 429: the span ends with the error (unlike Traceloop OpenAI), nothing is priced', async () => {
    const [event] = await run(client, (c) => scenarios.rateLimited(c, mock));
    expect(event!.event).toBe('$ai_generation');
    expect(event!.properties).toMatchObject({ $ai_is_error: true, $ai_http_status: 429 });
    expect(event!.properties.$ai_error).toContain('rate_limit_error');
    expect(event!.properties.$ai_total_cost_usd).toBeUndefined();
  });
});

describe("with the SDK's own spans (its default): every call arrives twice", () => {
  let client: InstanceType<typeof Anthropic>;
  beforeAll(() => {
    mock.reset();
    client = new Anthropic({ baseURL: mock.url, apiKey: 'sk-ant-test', maxRetries: 0 });
  });

  it("a cache write: the SDK's span is the generation, Traceloop's the trace around it", async () => {
    const events = await run(client, scenarios.cacheWrite, 'cache-write');
    expect(events).toHaveLength(2);
    const kept = expectOneGeneration(events);
    expect(kept.properties).toMatchObject({
      $ai_framework: 'anthropic-sdk',
      $ai_span_name: 'anthropic.messages.create',
      $ai_model: RESPONSE_MODEL,
      // The SDK counts the cache inside the input: 10 + 1,109.
      $ai_input_tokens: USAGE.cacheWrite.input + USAGE.cacheWrite.cacheWrite,
      $ai_input_tokens_include_cache: true,
      $ai_cache_creation_input_tokens: USAGE.cacheWrite.cacheWrite,
      $ai_output_tokens: USAGE.cacheWrite.output,
      // Content from Traceloop's span (the SDK records none by default).
      $ai_output_choices: [
        { role: 'assistant', content: 'Echo: What does the manual say?', finish_reason: 'stop' },
      ],
    });
    expectCacheWriteCost(kept);
    const outer = named(events, 'chat claude-haiku-4-5');
    expect(outer.event).toBe('$ai_trace');
    expect(kept.properties.$ai_parent_id).toBe(outer.properties.$ai_span_id);
  });

  it('a streamed cache read: one generation, priced like the call alone', async () => {
    const events = await run(client, scenarios.streamRead, 'stream-read');
    const kept = expectOneGeneration(events);
    expect(kept.properties).toMatchObject({
      $ai_stream: true,
      $ai_input_tokens: USAGE.streamRead.input + USAGE.streamRead.cacheRead,
      $ai_cache_read_input_tokens: USAGE.streamRead.cacheRead,
      $ai_stop_reason: 'end_turn',
    });
    expect(kept.properties.$ai_time_to_first_token).toBeGreaterThan(0);
    expectStreamReadCost(kept);
  });

  it('tool use over two turns: one generation per turn, never merged across turns', async () => {
    const events = await run(client, scenarios.toolUseTwoTurns, 'tool-use');
    expect(events).toHaveLength(4);
    const kept = generations(events);
    expect(kept.map((event) => event.properties.$ai_input_tokens)).toEqual([
      USAGE.toolCall.input,
      USAGE.toolAnswer.input,
    ]);
    expect(kept[0]!.properties.$ai_output_choices).toMatchObject([
      { tool_calls: [{ function: { name: 'get_weather' } }] },
    ]);
    expectCost(kept[0]!.properties, COSTS.toolCall);
    expectCost(kept[1]!.properties, COSTS.toolAnswer);
  });

  it('a 429: one error generation', async () => {
    const events = await run(client, (c) => scenarios.rateLimited(c, mock));
    const kept = expectOneGeneration(events);
    expect(kept.properties).toMatchObject({ $ai_is_error: true, $ai_http_status: 429 });
  });

  it('messages.stream() inside an application span: the two spans are siblings, one generation', async () => {
    mock.clearCache();
    await scenarios.cacheWrite(client);
    await tracing.collect();
    const events = await run(client, (c) =>
      withAppSpan('request', () => scenarios.streamHelper(c)),
    );
    const kept = expectOneGeneration(events);
    expect(kept.properties.$ai_framework).toBe('anthropic-sdk');
    expect(kept.properties.$ai_cache_read_input_tokens).toBe(1109);
    // Siblings under the (non-AI, dropped) application span; the helper starts the SDK's span
    // before Traceloop's, so neither encloses the other and nothing moves.
    const other = events.find((event) => event !== kept)!;
    expect(other.properties.$ai_parent_id).toBe(kept.properties.$ai_parent_id);
  });

  it('messages.stream() with no span around it: two traces, so two generations (a limit)', async () => {
    const events = await run(client, scenarios.streamHelper);
    // The helper starts the SDK's span itself, outside Traceloop's: each span roots a trace.
    expect(new Set(events.map((event) => event.properties.$ai_trace_id)).size).toBe(2);
    expect(generations(events)).toHaveLength(2);
  });
});
