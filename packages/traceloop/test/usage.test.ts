/** Usage conventions that differ by Traceloop instrumentation. */
import { describe, expect, it } from 'vitest';
import { mapTraceloopSpans } from './support/fixtures';
import { makeSpan } from './support/make-span';

const OPENAI_SCOPE = { name: '@traceloop/instrumentation-openai', version: '0.27.0' };

function chatSpan(extra: Record<string, string | number | boolean>, scope = OPENAI_SCOPE) {
  return makeSpan(
    {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': 7,
      'gen_ai.usage.output_tokens': 9,
      'gen_ai.usage.total_tokens': 16,
      ...extra,
    },
    { name: 'chat gpt-4o-mini', scope },
  );
}

describe('usage', () => {
  it('marks the streamed usage of the OpenAI instrumentation as estimated when the span says it streamed', () => {
    const p = mapTraceloopSpans([chatSpan({ 'gen_ai.request.stream': true })]).events[0]!
      .properties;
    expect(p.$ai_stream).toBe(true);
    expect(p.$ai_usage_estimated).toBe(true);
    expect(p.$ai_input_tokens).toBe(7);
    // Still priced: an estimate is better than no cost; the flag says how far to trust it.
    expect(p.$ai_total_cost_usd).toBeGreaterThan(0);
  });

  it('does not mark usage estimated without a stream flag, or from other instrumentations', () => {
    const plain = mapTraceloopSpans([chatSpan({})]).events[0]!.properties;
    expect(plain.$ai_usage_estimated).toBeUndefined();
    const python = mapTraceloopSpans([
      chatSpan(
        { 'llm.is_streaming': true, 'llm.request.type': 'chat' },
        { name: 'opentelemetry.instrumentation.openai.v1', version: '0.40.0' },
      ),
    ]).events[0]!.properties;
    expect(python.$ai_stream).toBe(true);
    expect(python.$ai_usage_estimated).toBeUndefined();
  });

  it("flags the Anthropic instrumentation's input count as excluding cached tokens", () => {
    const [event] = mapTraceloopSpans([
      makeSpan(
        {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'anthropic',
          'gen_ai.request.model': 'claude-3-5-haiku-20241022',
          'gen_ai.usage.input_tokens': 20,
          'gen_ai.usage.output_tokens': 10,
          'gen_ai.usage.cache_read.input_tokens': 150,
          'gen_ai.usage.total_tokens': 30,
        },
        {
          name: 'chat claude-3-5-haiku-20241022',
          scope: { name: '@traceloop/instrumentation-anthropic', version: '0.27.0' },
        },
      ),
    ]).events;
    const p = event!.properties;
    expect(p.$ai_input_tokens).toBe(20);
    expect(p.$ai_cache_read_input_tokens).toBe(150);
    expect(p.$ai_input_tokens_include_cache).toBe(false);
    // claude-3-5-haiku: $0.80/M input, $0.08/M cache read, $4/M output.
    expect(p.$ai_input_cost_usd).toBeCloseTo((20 * 0.8 + 150 * 0.08) / 1e6, 12);
    expect(p.$ai_output_cost_usd).toBeCloseTo((10 * 4) / 1e6, 12);
  });
});
