/**
 * OpenInference's OpenAI instrumentation patched first, Traceloop's second: Traceloop's patch
 * removes OpenInference's (its `@opentelemetry/instrumentation` unwraps a wrapped method before
 * wrapping it), so each call is seen once, by Traceloop only. Nothing to deduplicate.
 */
import { OpenAIInstrumentation as OpenInferenceOpenAI } from '@arizeai/openinference-instrumentation-openai';
import { OpenAIInstrumentation as TraceloopOpenAI } from '@traceloop/instrumentation-openai';
import { startMockOpenAI } from '@llm-analytics/testing';
import OpenAI from 'openai';
import { expect, it } from 'vitest';
import { eventsOf } from '../support/map';
import { startLiveTracing } from '../support/tracing';

it('OpenInference first, then Traceloop: only Traceloop spans', async () => {
  const tracing = startLiveTracing('openai-openinference-first');
  new OpenInferenceOpenAI({ tracerProvider: tracing.provider }).manuallyInstrument(OpenAI);
  const traceloop = new TraceloopOpenAI();
  traceloop.setTracerProvider(tracing.provider);
  traceloop.manuallyInstrument(OpenAI);
  const mock = await startMockOpenAI();
  try {
    const client = new OpenAI({ baseURL: mock.url, apiKey: 'sk-test', maxRetries: 0 });
    await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hello there' }],
    });
    const events = eventsOf((await tracing.collect()).records);
    expect(events.map((event) => [event.event, event.properties.$ai_lib])).toEqual([
      ['$ai_generation', '@traceloop/instrumentation-openai'],
    ]);
  } finally {
    await mock.close();
    await tracing.shutdown();
  }
});
