/**
 * The AI SDK 6 integration suite, run once per setup form: the real `ai` + `@ai-sdk/openai`
 * against the mock OpenAI server, spans through this package's processor or exporter into
 * the capture server, assertions on the `$ai_*` events that arrived.
 */
import { createOpenAI } from '@ai-sdk/openai';
import type { AiEvent } from '@llm-analytics/core';
import { startMockOpenAI, type MockOpenAIServer } from '@llm-analytics/testing';
import { trace } from '@opentelemetry/api';
import { embed, embedMany, generateObject, generateText, stepCountIs, streamText, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { posthogTelemetry } from '../../src';
import { PRICES, cost, gpt4oMiniCost } from '../map-events';
import type { ExportForm, RunningForm } from './export-forms';
import { costKeys, named, objectCompletion, totalCost } from './sink-events';

const telemetry = (functionId: string, metadata?: Record<string, string>) => ({
  isEnabled: true,
  functionId,
  ...(metadata ? { metadata } : {}),
});

const weatherTool = tool({
  description: 'Get the weather',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, temperature: 21 }),
});

/** Generations and embeddings are priced; every other event carries no cost key at all. */
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

export function defineV6Suite(form: ExportForm): void {
  describe(`AI SDK 6 through ${form.name}`, () => {
    let mock: MockOpenAIServer;
    let running: RunningForm;
    let openai: ReturnType<typeof createOpenAI>;

    beforeAll(async () => {
      running = await form.start();
      mock = await startMockOpenAI({ streamChunkDelayMs: 10 });
      openai = createOpenAI({ baseURL: mock.url, apiKey: 'test' });
    });

    afterAll(async () => {
      await mock?.close();
      await running?.shutdown();
    });

    it('generateText: a priced generation under an unpriced trace, batched with the token', async () => {
      const events = await running.capture(() =>
        generateText({
          model: openai.chat('gpt-4o-mini'),
          system: 'Be brief.',
          prompt: 'What is the capital of France?',
          temperature: 0.5,
          experimental_telemetry: telemetry('capital'),
        }),
      );
      expect(events.map((e) => [e.event, e.properties.$ai_span_name])).toEqual([
        ['$ai_generation', 'ai.generateText.doGenerate'],
        ['$ai_trace', 'capital'],
      ]);
      const [generation, root] = events;
      expect(generation!.properties).toMatchObject({
        $ai_model: 'gpt-4o-mini-2024-07-18',
        $ai_provider: 'openai',
        $ai_temperature: 0.5,
        $ai_input: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'What is the capital of France?' },
        ],
        $ai_output_choices: [
          { role: 'assistant', content: 'Echo: What is the capital of France?' },
        ],
        $ai_trace_id: root!.properties.$ai_trace_id,
        $ai_parent_id: root!.properties.$ai_span_id,
        'service.name': expect.stringMatching(/^vercel-ai-(processor|exporter)-test$/),
      });
      expectGpt4oMiniPriced(generation!);
      expectOnlyLeavesCosted(events);
      // No person named: an anonymous id shared by the trace, without a person profile.
      expect(generation!.distinct_id).toBe(root!.distinct_id);
      expect(generation!.properties.$process_person_profile).toBe(false);
      const batch = running.sink.requests.find((r) => r.path === '/batch/')!;
      expect((batch.json as { api_key: string }).api_key).toBe('phc_vercel_test');
    });

    it('streamText: time to first token in seconds, below the latency', async () => {
      const events = await running.capture(async () => {
        const result = streamText({
          model: openai.chat('gpt-4o-mini'),
          prompt: 'Stream please.',
          experimental_telemetry: telemetry('stream'),
        });
        for await (const _chunk of result.textStream);
      });
      const [generation] = named(events, 'ai.streamText.doStream');
      const p = generation!.properties;
      expect(generation!.event).toBe('$ai_generation');
      expect(p.$ai_stream).toBe(true);
      expect(p.$ai_time_to_first_token).toBeGreaterThan(0.005);
      expect(p.$ai_time_to_first_token).toBeLessThan(p.$ai_latency as number);
      expect(p.$ai_output_choices).toEqual([
        { role: 'assistant', content: 'Echo: Stream please.', finish_reason: 'stop' },
      ]);
      expectGpt4oMiniPriced(generation!);
      expect(named(events, 'stream').map((e) => e.event)).toEqual(['$ai_trace']);
      expectOnlyLeavesCosted(events);
    });

    it('tool loop of two steps: the trace costs exactly its two generations; metadata identity on every event', async () => {
      const events = await running.capture(() =>
        generateText({
          model: openai.chat('gpt-4o-mini'),
          prompt: 'What is the weather in Paris?',
          tools: { get_weather: weatherTool },
          stopWhen: stepCountIs(2),
          experimental_telemetry: telemetry('weather-agent', {
            posthog_distinct_id: 'user-42',
            sessionId: 'session-7',
            plan: 'pro',
          }),
        }),
      );
      expect(events.map((e) => [e.event, e.properties.$ai_span_name])).toEqual([
        ['$ai_generation', 'ai.generateText.doGenerate'],
        ['$ai_span', 'get_weather'],
        ['$ai_generation', 'ai.generateText.doGenerate'],
        ['$ai_trace', 'weather-agent'],
      ]);
      const [first, toolSpan, second, root] = events;
      for (const event of events) {
        expect(event.distinct_id).toBe('user-42');
        expect(event.properties.$ai_session_id).toBe('session-7');
        expect(event.properties.plan).toBe('pro');
        expect(event.properties.$process_person_profile).toBeUndefined();
      }
      expectGpt4oMiniPriced(first!);
      expectGpt4oMiniPriced(second!);
      expect(first!.properties.$ai_stop_reason).toBe('tool-calls');
      expect(toolSpan!.properties).toMatchObject({
        $ai_input_state: { city: 'Paris' },
        $ai_output_state: { city: 'Paris', temperature: 21 },
      });
      expect(totalCost(events)).toBe(
        (first!.properties.$ai_total_cost_usd as number) +
          (second!.properties.$ai_total_cost_usd as number),
      );
      // The outer span sums both steps but is never costed.
      expect(root!.properties.$ai_input_tokens).toBe(
        (first!.properties.$ai_input_tokens as number) +
          (second!.properties.$ai_input_tokens as number),
      );
      expectOnlyLeavesCosted(events);
    });

    it('generateObject: the object as output, priced from the usage', async () => {
      const weather = { city: 'Paris', temperature: 21, conditions: 'sunny' };
      mock.inject(objectCompletion(weather));
      const events = await running.capture(() =>
        generateObject({
          model: openai.chat('gpt-4o-mini'),
          schema: z.object({ city: z.string(), temperature: z.number(), conditions: z.string() }),
          prompt: 'Describe the weather in Paris.',
          experimental_telemetry: telemetry('weather-object'),
        }),
      );
      expect(events.map((e) => [e.event, e.properties.$ai_span_name])).toEqual([
        ['$ai_generation', 'ai.generateObject.doGenerate'],
        ['$ai_trace', 'weather-object'],
      ]);
      const [generation, root] = events;
      expect(generation!.properties).toMatchObject({
        $ai_input_tokens: 52,
        $ai_output_tokens: 14,
        $ai_output_choices: [{ role: 'assistant', content: JSON.stringify(weather) }],
        ...gpt4oMiniCost(52, 14),
      });
      expect(root!.properties.$ai_output_state).toEqual(weather);
      expectOnlyLeavesCosted(events);
    });

    it('embed: a priced embedding under an unpriced trace', async () => {
      const events = await running.capture(() =>
        embed({
          model: openai.embedding('text-embedding-3-small'),
          value: 'sunny day',
          experimental_telemetry: telemetry('embed-one'),
        }),
      );
      expect(events.map((e) => [e.event, e.properties.$ai_span_name])).toEqual([
        ['$ai_embedding', 'ai.embed.doEmbed'],
        ['$ai_trace', 'embed-one'],
      ]);
      const p = events[0]!.properties;
      expect(p.$ai_model).toBe('text-embedding-3-small');
      expect(p.$ai_input_tokens).toBeGreaterThan(0);
      expect(p.$ai_total_cost_usd).toBe(
        cost(p.$ai_input_tokens as number, PRICES['text-embedding-3-small'].input),
      );
      expectOnlyLeavesCosted(events);
    });

    it('embedMany: one priced embedding for the batch, its values as input', async () => {
      const values = ['sunny day', 'rainy night', 'snowy morning'];
      const events = await running.capture(() =>
        embedMany({
          model: openai.embedding('text-embedding-3-small'),
          values,
          experimental_telemetry: telemetry('embed-batch'),
        }),
      );
      expect(events.map((e) => [e.event, e.properties.$ai_span_name])).toEqual([
        ['$ai_embedding', 'ai.embedMany.doEmbed'],
        ['$ai_trace', 'embed-batch'],
      ]);
      const p = events[0]!.properties;
      expect(p.$ai_input).toEqual(values.map((content) => ({ role: 'user', content })));
      expect(p.$ai_total_cost_usd).toBe(
        cost(p.$ai_input_tokens as number, PRICES['text-embedding-3-small'].input),
      );
      expectOnlyLeavesCosted(events);
    });

    it('a 500 from the model: error events, nothing priced', async () => {
      mock.inject({ status: 500, path: '/chat/completions' });
      const events = await running.capture(() =>
        expect(
          generateText({
            model: openai.chat('gpt-4o-mini'),
            prompt: 'This call fails.',
            maxRetries: 0,
            experimental_telemetry: telemetry('failing-call'),
          }),
        ).rejects.toThrow(),
      );
      expect(events.map((e) => [e.event, e.properties.$ai_span_name])).toEqual([
        ['$ai_generation', 'ai.generateText.doGenerate'],
        ['$ai_trace', 'failing-call'],
      ]);
      for (const event of events) {
        expect(event.properties.$ai_is_error).toBe(true);
        expect(event.properties.$ai_error).toMatch(/^AI_APICallError: /);
      }
      // The failed generation says why it has no cost; the trace has no cost key at all.
      expect(events[0]!.properties.$ai_cost_error).toBe('no token counts');
      expect(costKeys(events[0]!)).toEqual(['$ai_cost_error']);
      expectOnlyLeavesCosted(events);
    });

    it("two calls under the application's own span: one trace, both calls children of it", async () => {
      let appSpan = { traceId: '', spanId: '' };
      const events = await running.capture(() =>
        trace.getTracer('my-app').startActiveSpan('handle-chat-request', async (span) => {
          appSpan = span.spanContext();
          try {
            for (const question of ['First question.', 'Second question.'])
              await generateText({
                model: openai.chat('gpt-4o-mini'),
                prompt: question,
                experimental_telemetry: posthogTelemetry({
                  functionId: 'chat-turn',
                  distinctId: 'user-app',
                  sessionId: 'session-app',
                }),
              });
          } finally {
            span.end();
          }
        }),
      );
      // The application span is not an AI span: it is not sent, and the calls stay $ai_span.
      expect(events.map((e) => [e.event, e.properties.$ai_span_name])).toEqual([
        ['$ai_generation', 'ai.generateText.doGenerate'],
        ['$ai_span', 'chat-turn'],
        ['$ai_generation', 'ai.generateText.doGenerate'],
        ['$ai_span', 'chat-turn'],
      ]);
      const outers = named(events, 'chat-turn');
      for (const outer of outers) expect(outer.properties.$ai_parent_id).toBe(appSpan.spanId);
      for (const event of events) {
        expect(event.properties.$ai_trace_id).toBe(appSpan.traceId);
        expect(event.distinct_id).toBe('user-app');
        expect(event.properties.$ai_session_id).toBe('session-app');
      }
      expect(totalCost(events)).toBe(
        (events[0]!.properties.$ai_total_cost_usd as number) +
          (events[2]!.properties.$ai_total_cost_usd as number),
      );
      expectOnlyLeavesCosted(events);
    });
  });
}
