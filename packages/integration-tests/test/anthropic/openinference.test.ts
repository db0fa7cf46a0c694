/**
 * Real `@anthropic-ai/sdk` 0.137 under `@arizeai/openinference-instrumentation-anthropic` 0.2.8,
 * against the mock Anthropic server. OpenInference counts the cache inside the input (like the
 * SDK's own span, unlike Traceloop), with cache reads and writes in their own keys.
 */
import * as AnthropicModule from '@anthropic-ai/sdk';
import { AnthropicInstrumentation } from '@arizeai/openinference-instrumentation-anthropic';
import { startMockAnthropic, type MockAnthropicServer } from '@llm-analytics/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureFixture } from '../support/fixtures';
import { eventsOf, generations } from '../support/map';
import { expectCost } from '../support/prices';
import { startLiveTracing, type LiveTracing } from '../support/tracing';
import {
  COSTS,
  expectCacheWriteCost,
  expectOneGeneration,
  expectStreamReadCost,
} from './expectations';
import * as scenarios from './scenarios';
import { MODEL, RESPONSE_MODEL, USAGE } from './scenarios';

const Anthropic = AnthropicModule.default;
let tracing: LiveTracing;
let mock: MockAnthropicServer;

beforeAll(async () => {
  tracing = startLiveTracing('anthropic-openinference');
  new AnthropicInstrumentation({ tracerProvider: tracing.provider }).manuallyInstrument(Anthropic);
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
  if (fixture) captureFixture('anthropic-openinference', fixture, readable);
  return eventsOf(records);
}

describe("OpenInference alone (the SDK's own tracing off)", () => {
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

  it('a cache write: input includes the cache, writes priced at the cache-write rate', async () => {
    const [event, ...rest] = await run(client, scenarios.cacheWrite);
    expect(rest).toEqual([]);
    expect(event!.event).toBe('$ai_generation');
    expect(event!.properties).toMatchObject({
      $ai_framework: 'openinference',
      $ai_lib: '@arizeai/openinference-instrumentation-anthropic',
      $ai_span_name: 'Anthropic Messages',
      $ai_provider: 'anthropic',
      $ai_model: RESPONSE_MODEL,
      $ai_request_model: MODEL,
      $ai_input_tokens: USAGE.cacheWrite.input + USAGE.cacheWrite.cacheWrite,
      $ai_input_tokens_include_cache: true,
      $ai_cache_creation_input_tokens: USAGE.cacheWrite.cacheWrite,
      $ai_output_tokens: USAGE.cacheWrite.output,
      $ai_stop_reason: 'end_turn',
      $ai_max_tokens: 256,
      $ai_output_choices: [
        {
          role: 'assistant',
          content: 'Echo: What does the manual say?',
          finish_reason: 'end_turn',
        },
      ],
    });
    // OpenInference records no cache-read count when nothing was read.
    expect(event!.properties.$ai_cache_read_input_tokens).toBeUndefined();
    expectCacheWriteCost(event!);
  });

  it('a streamed cache read: usage reported, read at the cache-read rate', async () => {
    const [event] = await run(client, scenarios.streamRead);
    expect(event!.properties).toMatchObject({
      $ai_input_tokens: USAGE.streamRead.input + USAGE.streamRead.cacheRead,
      $ai_input_tokens_include_cache: true,
      $ai_cache_read_input_tokens: USAGE.streamRead.cacheRead,
      $ai_output_tokens: USAGE.streamRead.output,
    });
    expectStreamReadCost(event!);
  });

  it('tool use over two turns: tool definitions, the call, then the result', async () => {
    const events = await run(client, scenarios.toolUseTwoTurns);
    expect(events.map((event) => event.event)).toEqual(['$ai_generation', '$ai_generation']);
    const [call, answer] = events.map((event) => event.properties);
    expect(call).toMatchObject({
      $ai_input_tokens: USAGE.toolCall.input,
      $ai_output_tokens: USAGE.toolCall.output,
      $ai_stop_reason: 'tool_use',
      $ai_tools: [{ name: 'get_weather', description: 'Get the weather for a city' }],
    });
    expect(call!.$ai_output_choices).toMatchObject([
      {
        role: 'assistant',
        tool_calls: [
          { type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        ],
      },
    ]);
    expect(answer!.$ai_output_choices).toMatchObject([
      { role: 'assistant', content: 'The get_weather tool returned: Sunny, 21 °C' },
    ]);
    expectCost(call!, COSTS.toolCall);
    expectCost(answer!, COSTS.toolAnswer);
  });
});

describe("with the SDK's own spans (its default)", () => {
  let client: InstanceType<typeof Anthropic>;
  beforeAll(() => {
    mock.reset();
    client = new Anthropic({ baseURL: mock.url, apiKey: 'sk-ant-test', maxRetries: 0 });
  });

  it("a cache write: the SDK's span kept (both cache keys), OpenInference's the trace", async () => {
    const events = await run(client, scenarios.cacheWrite, 'cache-write');
    const kept = expectOneGeneration(events);
    expect(kept.properties).toMatchObject({
      $ai_framework: 'anthropic-sdk',
      $ai_input_tokens: USAGE.cacheWrite.input + USAGE.cacheWrite.cacheWrite,
      $ai_cache_creation_input_tokens: USAGE.cacheWrite.cacheWrite,
      $ai_cache_read_input_tokens: 0,
    });
    // Messages come from OpenInference's span.
    expect(kept.properties.$ai_output_choices).toMatchObject([
      { role: 'assistant', content: 'Echo: What does the manual say?' },
    ]);
    expectCacheWriteCost(kept);
    const outer = events.find((event) => event !== kept)!;
    expect(outer.event).toBe('$ai_trace');
    expect(outer.properties.$ai_span_name).toBe('Anthropic Messages');
  });

  it('a streamed cache read: one generation', async () => {
    const kept = expectOneGeneration(await run(client, scenarios.streamRead, 'stream-read'));
    expectStreamReadCost(kept);
  });

  it('tool use over two turns: two generations with the tool definitions', async () => {
    const events = await run(client, scenarios.toolUseTwoTurns, 'tool-use');
    const kept = generations(events);
    expect(kept).toHaveLength(2);
    expect(kept[0]!.properties.$ai_tools).toMatchObject([{ name: 'get_weather' }]);
    expectCost(kept[0]!.properties, COSTS.toolCall);
    expectCost(kept[1]!.properties, COSTS.toolAnswer);
  });

  it('a 429: one error generation', async () => {
    const kept = expectOneGeneration(await run(client, (c) => scenarios.rateLimited(c, mock)));
    expect(kept.properties).toMatchObject({ $ai_is_error: true, $ai_http_status: 429 });
  });
});
