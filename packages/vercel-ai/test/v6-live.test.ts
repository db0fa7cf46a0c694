/**
 * Integration: the real AI SDK 6 against the mock OpenAI server, spans converted straight
 * from the SDK's ReadableSpans (no OTLP round trip) and mapped with the Vercel normalizer.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { startMockOpenAI, type MockOpenAIServer } from '@llm-analytics/testing';
import { embed, generateText, stepCountIs, streamText, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startLiveTracing, type LiveTracing } from './live-tracing';
import { gpt4oMiniCost, mapVercelSpans } from './load-fixture';

let mock: MockOpenAIServer;
let tracing: LiveTracing;
let openai: ReturnType<typeof createOpenAI>;

beforeAll(async () => {
  tracing = startLiveTracing('vercel-ai-v6-live');
  mock = await startMockOpenAI({ streamChunkDelayMs: 10 });
  openai = createOpenAI({ baseURL: mock.url, apiKey: 'test' });
});

afterAll(async () => {
  await mock?.close();
  await tracing?.shutdown();
});

const telemetry = (functionId: string, metadata?: Record<string, string>) => ({
  isEnabled: true,
  functionId,
  ...(metadata ? { metadata } : {}),
});

describe('AI SDK 6, live', () => {
  it('tool loop: trace cost equals the two generations; metadata identity on every event', async () => {
    await generateText({
      model: openai.chat('gpt-4o-mini'),
      prompt: 'What is the weather in Paris?',
      tools: {
        get_weather: tool({
          description: 'Get the weather',
          inputSchema: z.object({ city: z.string() }),
          execute: async ({ city }) => ({ city, temperature: 21 }),
        }),
      },
      stopWhen: stepCountIs(2),
      experimental_telemetry: telemetry('live-agent', {
        posthog_distinct_id: 'live-user',
        session_id: 'live-session',
      }),
    });
    const events = mapVercelSpans(await tracing.collect());
    expect(events.map((e) => [e.event, e.properties.$ai_span_name])).toEqual([
      ['$ai_generation', 'ai.generateText.doGenerate'],
      ['$ai_span', 'get_weather'],
      ['$ai_generation', 'ai.generateText.doGenerate'],
      ['$ai_trace', 'live-agent'],
    ]);
    const generations = events.filter((e) => e.event === '$ai_generation');
    let total = 0;
    for (const e of events) {
      expect(e.distinct_id).toBe('live-user');
      expect(e.properties.$ai_session_id).toBe('live-session');
      if (typeof e.properties.$ai_total_cost_usd === 'number')
        total += e.properties.$ai_total_cost_usd;
    }
    const [first, second] = generations.map((e) => e.properties);
    expect(total).toBe(
      (first!.$ai_total_cost_usd as number) + (second!.$ai_total_cost_usd as number),
    );
    expect(first).toMatchObject(gpt4oMiniCost(first!.$ai_input_tokens as number, 7));
    expect(events[1]!.properties.$ai_input_state).toEqual({ city: 'Paris' });
  });

  it('streamText: time to first token in seconds', async () => {
    const result = streamText({
      model: openai.chat('gpt-4o-mini'),
      prompt: 'Stream please.',
      experimental_telemetry: telemetry('live-stream'),
    });
    for await (const _chunk of result.textStream);
    const [generation, trace] = mapVercelSpans(await tracing.collect());
    expect(generation!.properties.$ai_stream).toBe(true);
    expect(generation!.properties.$ai_time_to_first_token).toBeGreaterThan(0.01);
    expect(generation!.properties.$ai_time_to_first_token).toBeLessThan(
      generation!.properties.$ai_latency as number,
    );
    expect(trace!.properties.$ai_output_state).toEqual([
      { role: 'assistant', content: 'Echo: Stream please.', finish_reason: 'stop' },
    ]);
  });

  it('embed under an application span: the embedding keeps the SDK span as parent, priced', async () => {
    const { trace: api } = await import('@opentelemetry/api');
    await api.getTracer('live-app').startActiveSpan('request', async (span) => {
      await embed({
        model: openai.embedding('text-embedding-3-small'),
        value: 'hello',
        experimental_telemetry: telemetry('live-embed'),
      });
      span.end();
    });
    const [embedding, outer] = mapVercelSpans(await tracing.collect());
    expect(embedding!.event).toBe('$ai_embedding');
    expect(embedding!.properties.$ai_total_cost_usd).toBeGreaterThan(0);
    expect(outer!.event).toBe('$ai_span');
    expect(outer!.properties.$ai_parent_id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('a 500 from the model: error events, nothing costed', async () => {
    mock.inject({ status: 500, path: '/chat/completions' });
    await expect(
      generateText({
        model: openai.chat('gpt-4o-mini'),
        prompt: 'fail',
        maxRetries: 0,
        experimental_telemetry: telemetry('live-error'),
      }),
    ).rejects.toThrow();
    const events = mapVercelSpans(await tracing.collect());
    expect(events.map((e) => e.event)).toEqual(['$ai_generation', '$ai_trace']);
    for (const e of events) {
      expect(e.properties.$ai_is_error).toBe(true);
      expect(e.properties.$ai_total_cost_usd).toBeUndefined();
    }
  });
});
