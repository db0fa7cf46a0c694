/**
 * Integration on Node 22: the real AI SDK 7 (`ai@7`, `@ai-sdk/otel`) against the mock
 * OpenAI server, spans converted straight from the SDK's ReadableSpans and mapped with the
 * Vercel normalizer of `packages/vercel-ai/src`.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { OpenTelemetry } from '@ai-sdk/otel';
import type { AiEvent } from '@llm-analytics/core';
import { startMockOpenAI, type MockOpenAIServer } from '@llm-analytics/testing';
import { trace } from '@opentelemetry/api';
import { embed, generateText, registerTelemetry, stepCountIs, streamText, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startLiveTracing, type LiveTracing } from '../../../vercel-ai/test/live-tracing';
import { gpt4oMiniCost, mapWithVercel } from '../../../vercel-ai/test/map-events';

let mock: MockOpenAIServer;
let tracing: LiveTracing;
let openai: ReturnType<typeof createOpenAI>;

beforeAll(async () => {
  tracing = startLiveTracing('vercel-ai-v7-live');
  registerTelemetry(new OpenTelemetry());
  mock = await startMockOpenAI({ streamChunkDelayMs: 10 });
  openai = createOpenAI({ baseURL: mock.url, apiKey: 'test' });
});

afterAll(async () => {
  await mock?.close();
  await tracing?.shutdown();
});

async function collectEvents(): Promise<AiEvent[]> {
  const { events, failed } = mapWithVercel(await tracing.collect());
  expect(failed).toEqual([]);
  return events;
}

const weatherTool = tool({
  description: 'Get the weather',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, temperature: 21 }),
});

function totalCost(events: AiEvent[]): number {
  let total = 0;
  for (const e of events) {
    if (typeof e.properties.$ai_total_cost_usd === 'number')
      total += e.properties.$ai_total_cost_usd;
  }
  return total;
}

describe('AI SDK 7, live on Node 22', () => {
  it('runs on Node 22', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
  });

  it('generateText: chat generation, step span, invoke_agent trace', async () => {
    await generateText({
      model: openai.chat('gpt-4o-mini'),
      system: 'Be brief.',
      prompt: 'What is the capital of France?',
      temperature: 0.5,
      telemetry: { functionId: 'live-capital' },
    });
    const events = await collectEvents();
    expect(events.map((e) => [e.event, e.properties.$ai_span_name])).toEqual([
      ['$ai_generation', 'chat gpt-4o-mini'],
      ['$ai_span', 'step 1'],
      ['$ai_trace', 'live-capital'],
    ]);
    const [chat, step, agent] = events.map((e) => e.properties);
    expect(chat!.$ai_input).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'What is the capital of France?' },
    ]);
    expect(chat!.$ai_temperature).toBe(0.5);
    expect(chat!.$ai_framework).toBe('vercel-ai');
    expect(chat).toMatchObject(gpt4oMiniCost(chat!.$ai_input_tokens as number, 9));
    expect(step!.$ai_total_cost_usd).toBeUndefined();
    expect(agent!.$ai_total_cost_usd).toBeUndefined();
    expect(agent!.$ai_input_tokens).toBe(chat!.$ai_input_tokens);
  });

  it('streamText: time to first token', async () => {
    const result = streamText({
      model: openai.chat('gpt-4o-mini'),
      prompt: 'Stream please.',
      telemetry: { functionId: 'live-stream' },
    });
    for await (const _chunk of result.textStream);
    const [chat] = await collectEvents();
    expect(chat!.event).toBe('$ai_generation');
    expect(chat!.properties.$ai_stream).toBe(true);
    expect(chat!.properties.$ai_time_to_first_token).toBeGreaterThan(0.01);
    expect(chat!.properties.$ai_time_to_first_token).toBeLessThan(
      chat!.properties.$ai_latency as number,
    );
  });

  it('tool loop with runtime context: cost is the two chat calls; context reaches every event', async () => {
    await generateText({
      model: openai.chat('gpt-4o-mini'),
      prompt: 'What is the weather in Paris?',
      tools: { get_weather: weatherTool },
      stopWhen: stepCountIs(2),
      runtimeContext: { userId: 'live-user', sessionId: 'live-session' },
      telemetry: {
        functionId: 'live-agent',
        integrations: new OpenTelemetry({ runtimeContext: true }),
        includeRuntimeContext: { userId: true, sessionId: true },
      },
    });
    const events = await collectEvents();
    const chats = events.filter((e) => e.event === '$ai_generation');
    expect(chats).toHaveLength(2);
    expect(totalCost(events)).toBe(
      (chats[0]!.properties.$ai_total_cost_usd as number) +
        (chats[1]!.properties.$ai_total_cost_usd as number),
    );
    for (const e of events) {
      expect(e.distinct_id).toBe('live-user');
      expect(e.properties.$ai_session_id).toBe('live-session');
    }
    const toolEvent = events.find((e) => e.properties.$ai_span_kind === 'tool')!;
    expect(toolEvent.properties.$ai_span_name).toBe('get_weather');
    expect(toolEvent.properties.$ai_output_state).toEqual({ city: 'Paris', temperature: 21 });
  });

  it('embed under an application span: one costed embedding, the wrapper a span', async () => {
    await trace.getTracer('live-app').startActiveSpan('request', async (span) => {
      await embed({ model: openai.embedding('text-embedding-3-small'), value: 'hello' });
      span.end();
    });
    const events = await collectEvents();
    expect(events.map((e) => e.event)).toEqual(['$ai_embedding', '$ai_span']);
    expect(events[0]!.properties.$ai_total_cost_usd).toBeGreaterThan(0);
    expect(events[1]!.properties.$ai_total_cost_usd).toBeUndefined();
    expect(events[1]!.properties.$ai_parent_id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('a 500: error events with the HTTP status, nothing costed', async () => {
    mock.inject({ status: 500, path: '/chat/completions' });
    await expect(
      generateText({ model: openai.chat('gpt-4o-mini'), prompt: 'fail', maxRetries: 0 }),
    ).rejects.toThrow();
    const events = await collectEvents();
    expect(events.map((e) => e.event)).toEqual(['$ai_generation', '$ai_span', '$ai_trace']);
    for (const e of events) {
      expect(e.properties.$ai_is_error).toBe(true);
      expect(e.properties.$ai_http_status).toBe(500);
      expect(e.properties.$ai_total_cost_usd).toBeUndefined();
    }
  });
});
