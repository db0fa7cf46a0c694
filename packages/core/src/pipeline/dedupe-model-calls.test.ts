import { describe, expect, it } from 'vitest';
import { makeSpan } from '../../test/make-span';
import { createPricer } from '../pricing';
import type { AiEvent, Attributes, Normalizer, SpanRecord } from '../types';
import { MAX_MODEL_CALLS_PER_TRACE } from './dedupe-model-calls';
import { mapSpans } from '../integration/create-mapper';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
// 2025-11-01 plus an offset in milliseconds: inside the price table's validity.
const T0 = 1761955200000n * 1_000_000n;
const at = (ms: number) => String(T0 + BigInt(ms) * 1_000_000n);

function span(
  id: string,
  scope: string,
  attributes: Attributes,
  timing: [number, number],
  overrides: Partial<SpanRecord> = {},
): SpanRecord {
  return makeSpan({
    traceId: TRACE,
    spanId: id.padEnd(16, '0'),
    scope: { name: scope, version: '1.0.0' },
    startTimeUnixNano: at(timing[0]),
    endTimeUnixNano: at(timing[1]),
    attributes,
    ...overrides,
  });
}

const id = (short: string) => short.padEnd(16, '0');
const price = createPricer();

/** Stands in for Traceloop's normalizer: its Anthropic input count excludes the cache. */
const rawAnthropicInput: Normalizer = {
  name: 'raw-anthropic-input',
  matches: (span) => span.scope.name === '@traceloop/instrumentation-anthropic',
  normalize: (span) => ({
    usage: {
      inputTokens: span.attributes['gen_ai.usage.input_tokens'] as number,
      outputTokens: span.attributes['gen_ai.usage.output_tokens'] as number,
      cacheReadTokens: span.attributes['gen_ai.usage.cache_read.input_tokens'] as number,
      cacheWriteTokens: span.attributes['gen_ai.usage.cache_creation.input_tokens'] as number,
      inputIncludesCache: false,
    },
  }),
};

function map(spans: SpanRecord[]): (short: string) => AiEvent {
  const { events, failed } = mapSpans(spans, { price, normalizers: [rawAnthropicInput] });
  expect(failed).toEqual([]);
  return (short) => {
    const event = events.find((e) => e.properties.$ai_span_id === id(short));
    if (!event) throw new Error(`no event for ${short}`);
    return event;
  };
}

const generations = (spans: SpanRecord[]) =>
  mapSpans(spans, { price }).events.filter((e) => e.event === '$ai_generation');

/** OTel chat span attributes with usage. */
function chat(model: string, input: number, output: number, extra: Attributes = {}): Attributes {
  return {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': model,
    'gen_ai.usage.input_tokens': input,
    'gen_ai.usage.output_tokens': output,
    ...extra,
  };
}

// claude-haiku-4-5 in @pydantic/genai-prices, USD per million tokens.
const HAIKU = { input: 1, cacheWrite: 1.25, cacheRead: 0.1, output: 5 };

describe('one generation per model call', () => {
  it('keeps the Anthropic SDK span under an instrumentation span, priced once with the cache rates', () => {
    const byId = map([
      // Traceloop's Anthropic span: raw input (cache excluded), messages.
      span(
        'a',
        '@traceloop/instrumentation-anthropic',
        {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'anthropic',
          'gen_ai.request.model': 'claude-haiku-4-5',
          'gen_ai.response.model': 'claude-haiku-4-5-20251001',
          'gen_ai.usage.input_tokens': 10,
          'gen_ai.usage.output_tokens': 8,
          'gen_ai.usage.cache_creation.input_tokens': 1109,
          'gen_ai.usage.cache_read.input_tokens': 0,
          'gen_ai.input.messages': JSON.stringify([
            { role: 'user', parts: [{ type: 'text', content: 'What does the manual say?' }] },
          ]),
        },
        [0, 100],
      ),
      // The SDK's own span beneath it: input includes the cache, no content.
      span(
        'b',
        'com.anthropic.sdk.typescript',
        {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'anthropic',
          'gen_ai.request.model': 'claude-haiku-4-5',
          'gen_ai.response.model': 'claude-haiku-4-5-20251001',
          'gen_ai.usage.input_tokens': 1119,
          'gen_ai.usage.output_tokens': 8,
          'gen_ai.usage.cache_write.input_tokens': 1109,
          'gen_ai.usage.cache_read.input_tokens': 0,
        },
        [2, 98],
        { parentSpanId: id('a') },
      ),
    ]);
    const kept = byId('b');
    expect(kept.event).toBe('$ai_generation');
    expect(kept.properties).toMatchObject({
      $ai_input_tokens: 1119,
      $ai_input_tokens_include_cache: true,
      $ai_cache_creation_input_tokens: 1109,
      $ai_input: [{ role: 'user', content: 'What does the manual say?' }],
    });
    expect(kept.properties.$ai_total_cost_usd).toBeCloseTo(
      (10 * HAIKU.input + 1109 * HAIKU.cacheWrite + 8 * HAIKU.output) / 1e6,
      12,
    );
    const other = byId('a');
    expect(other.event).toBe('$ai_trace');
    expect(other.properties.$ai_duplicate_of).toBe(id('b'));
    expect(other.properties.$ai_model).toBe('claude-haiku-4-5-20251001');
    for (const key of [
      '$ai_input_tokens',
      '$ai_output_tokens',
      '$ai_cache_creation_input_tokens',
      '$ai_total_cost_usd',
      '$ai_input',
    ]) {
      expect(other.properties).not.toHaveProperty([key]);
    }
  });

  it('moves the OpenAI call under the LangChain LLM span it ran in (cousins in one trace)', () => {
    const byId = map([
      span('c', 'openinference-chain', { 'openinference.span.kind': 'CHAIN' }, [0, 100], {
        parentSpanId: id('app'),
      }),
      span('l', 'langchain', chat('gpt-4o-mini', 18, 7), [5, 95], { parentSpanId: id('c') }),
      // The OpenAI instrumentation's span: a child of the application span, not of LangChain's.
      span(
        'o',
        'openai',
        chat('gpt-4o-mini', 18, 7, {
          'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
          'gen_ai.usage.cache_read.input_tokens': 0,
        }),
        [10, 90],
        { parentSpanId: id('app') },
      ),
    ]);
    expect(byId('o').event).toBe('$ai_generation');
    expect(byId('o').properties.$ai_parent_id).toBe(id('l'));
    expect(byId('o').properties.$ai_original_parent_id).toBe(id('app'));
    expect(byId('l').event).toBe('$ai_span');
    expect(byId('l').properties.$ai_duplicate_of).toBe(id('o'));
  });

  it('keeps the one with token counts when the other has none (a streamed call)', () => {
    const spans = [
      span('l', 'langchain', chat('gpt-4o-mini', 10, 5), [0, 100], { parentSpanId: id('app') }),
      span(
        'o',
        'openinference',
        {
          'gen_ai.operation.name': 'chat',
          'gen_ai.request.model': 'gpt-4o-mini',
          'gen_ai.request.stream': true,
        },
        [10, 90],
        { parentSpanId: id('app') },
      ),
    ];
    const byId = map(spans);
    expect(byId('l').event).toBe('$ai_generation');
    expect(byId('o').event).toBe('$ai_span');
  });

  it('never merges the two steps of a tool loop', () => {
    const spans = [
      span('1', 'openai', chat('gpt-4o-mini', 69, 7), [0, 40], { parentSpanId: id('app') }),
      span('t', 'mcp', { 'traceloop.span.kind': 'tool' }, [41, 45], { parentSpanId: id('app') }),
      span('2', 'openai', chat('gpt-4o-mini', 107, 12), [46, 90], { parentSpanId: id('app') }),
    ];
    expect(generations(spans)).toHaveLength(2);
  });

  it('never merges parallel calls of one library, even identical ones', () => {
    const spans = [
      span('1', 'openai', chat('gpt-4o-mini', 9, 5), [0, 40], { parentSpanId: id('app') }),
      span('2', 'openai', chat('gpt-4o-mini', 9, 5), [1, 41], { parentSpanId: id('app') }),
    ];
    expect(generations(spans)).toHaveLength(2);
  });

  it('pairs parallel identical calls seen by two libraries one to one', () => {
    const spans = [
      span('l1', 'langchain', chat('gpt-4o-mini', 9, 5), [0, 50], { parentSpanId: id('app') }),
      span('l2', 'langchain', chat('gpt-4o-mini', 9, 5), [1, 51], { parentSpanId: id('app') }),
      span('o1', 'openai', chat('gpt-4o-mini', 9, 5), [5, 45], { parentSpanId: id('app') }),
      span('o2', 'openai', chat('gpt-4o-mini', 9, 5), [6, 46], { parentSpanId: id('app') }),
    ];
    const kept = generations(spans);
    expect(kept).toHaveLength(2);
    expect(kept.reduce((sum, e) => sum + (e.properties.$ai_input_tokens as number), 0)).toBe(18);
  });

  it('keeps both when the token counts, the model or the provider differ', () => {
    const base = (attributes: Attributes) => [
      span('a', 'langchain', chat('gpt-4o-mini', 18, 7), [0, 100], { parentSpanId: id('app') }),
      span('b', 'openai', attributes, [10, 90], { parentSpanId: id('app') }),
    ];
    expect(generations(base(chat('gpt-4o-mini', 18, 8)))).toHaveLength(2);
    expect(generations(base(chat('gpt-4o', 18, 7)))).toHaveLength(2);
    expect(
      generations(base(chat('gpt-4o-mini', 18, 7, { 'gen_ai.provider.name': 'azure.ai.openai' }))),
    ).toHaveLength(2);
  });

  it('keeps both when they barely overlap, or sit in different traces', () => {
    const apart = [
      span('a', 'langchain', chat('gpt-4o-mini', 18, 7), [0, 100], { parentSpanId: id('app') }),
      span('b', 'openai', chat('gpt-4o-mini', 18, 7), [90, 190], { parentSpanId: id('app') }),
    ];
    expect(generations(apart)).toHaveLength(2);
    const otherTrace = [
      span('a', 'langchain', chat('gpt-4o-mini', 18, 7), [0, 100]),
      span('b', 'openai', chat('gpt-4o-mini', 18, 7), [10, 90], {
        traceId: 'ffffffffffffffffffffffffffffffff',
      }),
    ];
    expect(generations(otherTrace)).toHaveLength(2);
  });

  it('merges a generation nested in a generation of the same library', () => {
    const spans = [
      span('a', 'mlflow', chat('gpt-4o-mini', 18, 7), [0, 100]),
      span('b', 'mlflow', chat('gpt-4o-mini', 18, 7), [10, 90], { parentSpanId: id('a') }),
    ];
    const kept = generations(spans);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.properties.$ai_span_id).toBe(id('b'));
  });

  it('folds three instrumentations of one call into one generation', () => {
    const byId = map([
      span('l', 'langchain', chat('gpt-4o-mini', 9, 5), [0, 100], { parentSpanId: id('app') }),
      span(
        'o',
        'openinference',
        chat('gpt-4o-mini', 9, 5, {
          'gen_ai.usage.cache_read.input_tokens': 0,
          'gen_ai.usage.reasoning.output_tokens': 0,
        }),
        [5, 95],
        { parentSpanId: id('app') },
      ),
      span('t', 'traceloop', chat('gpt-4o-mini', 9, 5), [6, 94], { parentSpanId: id('o') }),
    ]);
    expect(byId('o').event).toBe('$ai_generation');
    expect(byId('l').properties.$ai_duplicate_of).toBe(id('o'));
    expect(byId('t').properties.$ai_duplicate_of).toBe(id('o'));
    expect(byId('t').event).toBe('$ai_span');
  });

  it('leaves aggregate spans and embeddings of other models alone', () => {
    const spans = [
      span(
        'outer',
        'gen_ai',
        { ...chat('gpt-4o-mini', 18, 7), 'gen_ai.operation.name': 'invoke_agent' },
        [0, 100],
      ),
      span('inner', 'openai', chat('gpt-4o-mini', 18, 7), [10, 90], { parentSpanId: id('outer') }),
    ];
    const { events } = mapSpans(spans, { price });
    expect(events.map((e) => e.event).sort()).toEqual(['$ai_generation', '$ai_trace']);
    expect(
      events.find((e) => e.event === '$ai_trace')!.properties.$ai_duplicate_of,
    ).toBeUndefined();
  });

  it('gives up on traces with more model calls than it compares', () => {
    const spans = Array.from({ length: MAX_MODEL_CALLS_PER_TRACE + 1 }, (_, i) =>
      span(`${i.toString(16)}f`, i % 2 ? 'a' : 'b', chat('gpt-4o-mini', 9, 5), [0, 100], {
        parentSpanId: id('app'),
      }),
    );
    expect(generations(spans)).toHaveLength(MAX_MODEL_CALLS_PER_TRACE + 1);
  });

  it('does not touch the spans it was given', () => {
    const spans = [
      span('l', 'langchain', chat('gpt-4o-mini', 18, 7), [0, 100], { parentSpanId: id('app') }),
      span('o', 'openai', chat('gpt-4o-mini', 18, 7), [10, 90], { parentSpanId: id('app') }),
    ];
    const copy = structuredClone(spans);
    map(spans);
    expect(spans).toEqual(copy);
  });
});
