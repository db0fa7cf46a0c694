/**
 * Integration: plain `NodeSDK` with `@traceloop/instrumentation-openai` (no Traceloop SDK) and
 * this package's `PostHogSpanProcessor`, against the mock OpenAI server and a capture server.
 * Its own file: NodeSDK registers the global tracer provider.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { OpenAIInstrumentation } from '@traceloop/instrumentation-openai';
import {
  startCaptureServer,
  startMockOpenAI,
  type CaptureServer,
  type MockOpenAIServer,
} from '@llm-analytics/testing';
import OpenAI from 'openai';
import { PostHogSpanProcessor, tagStreamedCalls } from '../src';
import { weatherTool } from '../scripts/traceloop-scenarios.mjs';
import { CapturedEvents, TOKEN } from './support/captured-events';
import { expectGpt4oMiniCost } from './support/expectations';
import { installedVersion } from './support/installed';

let sink: CaptureServer;
let mock: MockOpenAIServer;
let sdk: NodeSDK;
let processor: PostHogSpanProcessor;
let client: OpenAI;
let captured: CapturedEvents;
let instrumentation: OpenAIInstrumentation;

beforeAll(async () => {
  sink = await startCaptureServer();
  mock = await startMockOpenAI();
  processor = new PostHogSpanProcessor({ apiKey: TOKEN, host: sink.url });
  instrumentation = new OpenAIInstrumentation();
  sdk = new NodeSDK({
    resource: resourceFromAttributes({ 'service.name': 'traceloop-node-sdk-test' }),
    spanProcessors: [processor],
    instrumentations: [instrumentation],
  });
  sdk.start();
  // ESM: the `openai` import is not hooked by require; patch the class the app uses.
  instrumentation.manuallyInstrument(OpenAI);
  client = tagStreamedCalls(new OpenAI({ baseURL: mock.url, apiKey: 'sk-test', maxRetries: 0 }));
  captured = new CapturedEvents(sink);
});

afterAll(async () => {
  await sdk?.shutdown();
  await mock?.close();
  await sink?.close();
});

describe('NodeSDK + @traceloop/instrumentation-openai + PostHogSpanProcessor', () => {
  it('chat: a priced $ai_generation from the current gen_ai.* form', async () => {
    await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are a helpful assistant. Answer in one sentence.' },
        { role: 'user', content: 'What is the capital of France?' },
      ],
      temperature: 0.7,
      max_tokens: 256,
    });
    await processor.forceFlush();
    const [event, ...rest] = captured.take();
    expect(rest).toEqual([]);
    const p = event!.properties;
    expect(event!.event).toBe('$ai_generation');
    expect(p.$ai_lib).toBe('@traceloop/instrumentation-openai');
    expect(p.$ai_lib_version).toBe(installedVersion('@traceloop/instrumentation-openai'));
    expect(p.$ai_framework).toBe('traceloop');
    expect(p.$ai_model).toBe('gpt-4o-mini-2024-07-18');
    expect(p.$ai_provider).toBe('openai');
    expect(p.$ai_input).toEqual([
      { role: 'system', content: 'You are a helpful assistant. Answer in one sentence.' },
      { role: 'user', content: 'What is the capital of France?' },
    ]);
    expect(p.$ai_output_choices).toEqual([
      { role: 'assistant', content: 'Echo: What is the capital of France?', finish_reason: 'stop' },
    ]);
    expect(p['service.name']).toBe('traceloop-node-sdk-test');
    expectGpt4oMiniCost(p, 30, 9);
    expect(p.$process_person_profile).toBe(false);
  });

  async function streamHaiku(): Promise<void> {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Write a haiku about telemetry.' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) void chunk;
    await processor.forceFlush();
  }

  it('a tagged streamed call: no usage at all by default (enrichTokens is off)', async () => {
    await streamHaiku();
    const [event] = captured.take();
    const p = event!.properties;
    expect(p.$ai_stream).toBe(true);
    expect(p.$ai_output_choices).toEqual([
      { role: 'assistant', content: 'Echo: Write a haiku about telemetry.', finish_reason: 'stop' },
    ]);
    // The instrumentation ignores the usage chunk the API streamed; it counts tokens itself only
    // with `enrichTokens: true` (the Traceloop SDK turns it on).
    expect(p.$ai_input_tokens).toBeUndefined();
    expect(p.$ai_total_cost_usd).toBeUndefined();
    expect(p.$ai_cost_error).toBe('no token counts');
  });

  it('with enrichTokens: the estimated usage is flagged and priced', async () => {
    instrumentation.setConfig({ enrichTokens: true });
    await streamHaiku();
    const [event] = captured.take();
    expect(event!.properties.$ai_stream).toBe(true);
    expect(event!.properties.$ai_usage_estimated).toBe(true);
    expectGpt4oMiniCost(event!.properties, 7, 9);
  });

  it('tools over two turns: tool definitions, the call and the result, each turn priced', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'What is the weather in Paris?' },
    ];
    const first = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      tools: [weatherTool],
    });
    const assistant = first.choices[0]!.message;
    const call = assistant.tool_calls![0]!;
    messages.push(assistant, {
      role: 'tool',
      tool_call_id: call.id,
      content: JSON.stringify({ city: 'Paris', temperature: 21, unit: 'celsius' }),
    });
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
    await processor.forceFlush();
    const [turn1, turn2] = captured.take().map((event) => event.properties);
    expect(turn1!.$ai_tools).toEqual([weatherTool]);
    expect(turn1!.$ai_stop_reason).toBe('tool_call');
    expect(turn1!.$ai_output_choices).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: call.id,
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
          },
        ],
        finish_reason: 'tool_call',
      },
    ]);
    expect((turn2!.$ai_input as unknown[]).at(-1)).toEqual({
      role: 'tool',
      content: '{"city":"Paris","temperature":21,"unit":"celsius"}',
      tool_call_id: call.id,
    });
    expectGpt4oMiniCost(turn1!, 84, 11);
    expectGpt4oMiniCost(turn2!, 136, 21);
  });
});
