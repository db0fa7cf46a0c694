/**
 * Unit tests on hand-written AI SDK 6 spans: both value shapes (JSON text as the SDK sends
 * it, structured values as an OTLP kvlist / array decodes), odd and missing input.
 */
import { mapSpans, type AiEvent, type SpanRecord } from '@llm-analytics/core';
import { describe, expect, it } from 'vitest';
import { vercelAiNormalizer } from '../src';
import { makeSpan } from './make-span';

function eventOf(span: SpanRecord): AiEvent {
  const { events, failed } = mapSpans([span], { normalizers: [vercelAiNormalizer] });
  expect(failed).toEqual([]);
  expect(events).toHaveLength(1);
  return events[0]!;
}

const generation = (attributes: Record<string, unknown>) =>
  makeSpan({ 'ai.operationId': 'ai.generateText.doGenerate', ...attributes } as never);

const promptMessages = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
  {
    role: 'assistant',
    content: [
      { type: 'text', text: 'Checking.' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Paris' } },
    ],
  },
  {
    role: 'tool',
    content: [
      {
        type: 'tool-result',
        toolCallId: 'c1',
        toolName: 'get_weather',
        output: { type: 'json', value: { temperature: 21 } },
      },
    ],
  },
];
const expectedInput = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Weather?' },
  {
    role: 'assistant',
    content: 'Checking.',
    tool_calls: [
      {
        id: 'c1',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
      },
    ],
  },
  { role: 'tool', content: '{"temperature":21}', tool_call_id: 'c1', name: 'get_weather' },
];
const tool = { type: 'function', name: 'get_weather', inputSchema: { type: 'object' } };

describe('AI SDK 6 value shapes', () => {
  it('ai.prompt.messages as JSON text and as a structured value give the same input', () => {
    const fromText = eventOf(generation({ 'ai.prompt.messages': JSON.stringify(promptMessages) }));
    const fromValue = eventOf(generation({ 'ai.prompt.messages': promptMessages }));
    expect(fromText.properties.$ai_input).toEqual(expectedInput);
    expect(fromValue.properties.$ai_input).toEqual(expectedInput);
  });

  it('ai.prompt.tools: an array of JSON strings, one JSON string, or objects', () => {
    for (const value of [[JSON.stringify(tool)], JSON.stringify([tool]), [tool]]) {
      expect(eventOf(generation({ 'ai.prompt.tools': value })).properties.$ai_tools).toEqual([
        tool,
      ]);
    }
  });

  it('ai.response.toolCalls as text or structure, input as a JSON string or an object', () => {
    const expected = [
      {
        role: 'assistant',
        content: null,
        finish_reason: 'tool-calls',
        tool_calls: [
          {
            id: 'c1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
    ];
    const calls = [
      [{ toolCallId: 'c1', toolName: 'get_weather', input: '{"city":"Paris"}' }],
      [{ toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Paris' } }],
    ];
    for (const list of calls) {
      for (const value of [JSON.stringify(list), list]) {
        const event = eventOf(
          generation({ 'ai.response.toolCalls': value, 'ai.response.finishReason': 'tool-calls' }),
        );
        expect(event.properties.$ai_output_choices).toEqual(expected);
      }
    }
  });

  it('ai.response.object as JSON text or an object; outer spans keep the parsed object', () => {
    for (const value of ['{"a":1}', { a: 1 }]) {
      const outer = eventOf(
        makeSpan({ 'ai.operationId': 'ai.generateObject', 'ai.response.object': value } as never),
      );
      expect(outer.properties.$ai_output_state).toEqual({ a: 1 });
      const inner = eventOf(generation({ 'ai.response.object': value }));
      expect(inner.properties.$ai_output_choices).toEqual([
        { role: 'assistant', content: '{"a":1}' },
      ]);
    }
  });

  it('tool arguments and result as JSON text or structured values', () => {
    for (const [args, result] of [
      ['{"city":"Paris"}', '{"temperature":21}'],
      [{ city: 'Paris' }, { temperature: 21 }],
    ]) {
      const event = eventOf(
        makeSpan({
          'ai.operationId': 'ai.toolCall',
          'ai.toolCall.name': 'get_weather',
          'ai.toolCall.args': args,
          'ai.toolCall.result': result,
        } as never),
      );
      expect(event.properties).toMatchObject({
        $ai_span_name: 'get_weather',
        $ai_span_kind: 'tool',
        $ai_input_state: { city: 'Paris' },
        $ai_output_state: { temperature: 21 },
      });
    }
  });

  it('usage as numbers or numeric strings (int64 beyond 2^53 arrives as a string)', () => {
    const event = eventOf(
      generation({
        'ai.usage.inputTokens': '30',
        'ai.usage.outputTokens': 9,
        'ai.usage.cachedInputTokens': '4',
        'ai.usage.reasoningTokens': 2,
      }),
    );
    expect(event.properties).toMatchObject({
      $ai_input_tokens: 30,
      $ai_output_tokens: 9,
      $ai_cache_read_input_tokens: 4,
      $ai_reasoning_tokens: 2,
    });
    // Every usage key is consumed, whichever one gave the value.
    expect(Object.keys(event.properties).filter((key) => key.startsWith('ai.'))).toEqual([]);
  });

  it('Anthropic usage: the AI SDK 6 input count includes the cache, and says so', () => {
    // As @ai-sdk/anthropic 3 reports a cache write: 5 fresh + 1,103 written = 1,108.
    const event = eventOf(
      generation({
        'ai.model.provider': 'anthropic.messages',
        'ai.model.id': 'claude-haiku-4-5',
        'ai.usage.inputTokens': 1108,
        'ai.usage.inputTokenDetails.noCacheTokens': 5,
        'ai.usage.inputTokenDetails.cacheReadTokens': 0,
        'ai.usage.inputTokenDetails.cacheWriteTokens': 1103,
        'ai.usage.outputTokens': 3,
      }),
    );
    expect(event.properties).toMatchObject({
      $ai_provider: 'anthropic',
      $ai_input_tokens: 1108,
      $ai_cache_creation_input_tokens: 1103,
      $ai_input_tokens_include_cache: true,
    });
    // AI SDK 5 names carry no details: the provider's own convention is left to pricing.
    const v5 = eventOf(generation({ 'ai.usage.promptTokens': 5, 'ai.usage.completionTokens': 3 }));
    expect(v5.properties).not.toHaveProperty(['$ai_input_tokens_include_cache']);
  });

  it('ai.prompt with system, prompt and messages; a JSON-looking prompt stays text', () => {
    const outer = eventOf(
      makeSpan({
        'ai.operationId': 'ai.generateText',
        'ai.prompt': JSON.stringify({ system: 'Be brief.', prompt: '{"not":"parsed"}' }),
      } as never),
    );
    expect(outer.properties.$ai_input_state).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: '{"not":"parsed"}' },
    ]);
    const structured = eventOf(
      makeSpan({
        'ai.operationId': 'ai.streamText',
        'ai.prompt': { messages: [{ role: 'user', content: 'hi' }] },
      } as never),
    );
    expect(structured.properties.$ai_input_state).toEqual([{ role: 'user', content: 'hi' }]);
  });

  it('image parts in ai.prompt: URLs kept; base64, bytes and Buffer JSON become data URLs', () => {
    const call = vercelAiNormalizer.normalize(
      makeSpan({
        'ai.operationId': 'ai.generateText',
        'ai.prompt': {
          messages: [
            {
              role: 'user',
              content: [
                { type: 'image', image: 'https://example.com/cat.png' },
                {
                  type: 'image',
                  image: { type: 'Buffer', data: [1, 2, 3] },
                  mediaType: 'image/png',
                },
                { type: 'image', image: { 0: 1, 1: 2, 2: 3 }, mediaType: 'image/png' },
                { type: 'image', image: 'AQID' },
                { type: 'file', data: { 0: 1, 1: 999 }, mediaType: 'application/pdf' },
              ],
            },
          ],
        },
      } as never),
    );
    expect(call?.inputState).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image', image: 'https://example.com/cat.png' },
          { type: 'image', image: 'data:image/png;base64,AQID', mime_type: 'image/png' },
          { type: 'image', image: 'data:image/png;base64,AQID', mime_type: 'image/png' },
          { type: 'image', image: 'data:application/octet-stream;base64,AQID' },
          // Not bytes (999): no made-up data URL.
          { type: 'file', file: '', mime_type: 'application/pdf' },
        ],
      },
    ]);
  });

  it('tool result outputs of every AI SDK type, and AI SDK 4 `args` / `result`', () => {
    const results: Array<[unknown, string]> = [
      [{ type: 'text', value: 'sunny' }, 'sunny'],
      [{ type: 'error-text', value: 'boom' }, 'boom'],
      [{ type: 'error-json', value: { code: 1 } }, '{"code":1}'],
      [{ type: 'execution-denied', reason: 'no' }, 'no'],
      [
        {
          type: 'content',
          value: [
            { type: 'text', text: 'a' },
            { type: 'text', text: 'b' },
          ],
        },
        'ab',
      ],
    ];
    for (const [output, text] of results) {
      const event = eventOf(
        generation({
          'ai.prompt.messages': [
            { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c', output }] },
          ],
        }),
      );
      expect(event.properties.$ai_input).toEqual([
        { role: 'tool', content: text, tool_call_id: 'c' },
      ]);
    }
    const legacy = eventOf(
      generation({
        'ai.prompt.messages': [
          {
            role: 'assistant',
            content: [{ type: 'tool-call', toolCallId: 'c', toolName: 't', args: { x: 1 } }],
          },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c', result: 42 }] },
        ],
      }),
    );
    expect(legacy.properties.$ai_input).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c', type: 'function', function: { name: 't', arguments: '{"x":1}' } }],
      },
      { role: 'tool', content: '42', tool_call_id: 'c' },
    ]);
  });

  it('settings: AI SDK names become OpenAI names; retries and timeouts are dropped', () => {
    const event = eventOf(
      generation({
        'ai.settings.maxOutputTokens': 100,
        'ai.settings.topP': 0.5,
        'ai.settings.topK': 3,
        'ai.settings.stopSequences': ['END'],
        'ai.settings.frequencyPenalty': 0.1,
        'ai.settings.maxRetries': 2,
        'ai.settings.timeout': 5000,
        'ai.settings.someNewSetting': 'x',
        'ai.prompt.toolChoice': '{"type":"tool","toolName":"get_weather"}',
      }),
    );
    expect(event.properties.$ai_model_parameters).toEqual({
      max_tokens: 100,
      top_p: 0.5,
      top_k: 3,
      stop: ['END'],
      frequency_penalty: 0.1,
      some_new_setting: 'x',
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
    expect(event.properties.$ai_max_tokens).toBe(100);
  });
});

describe('AI SDK 6 odd and missing input', () => {
  it('malformed JSON in ai.prompt.messages: kept as text, the rest still maps', () => {
    const event = eventOf(
      generation({
        'ai.prompt.messages': '[{"role":"user","content":[{"type":"text","text":"cut',
        'ai.usage.inputTokens': 5,
        'ai.model.id': 'gpt-4o-mini',
      }),
    );
    expect(event.event).toBe('$ai_generation');
    expect(event.properties.$ai_input).toEqual([
      { role: 'user', content: '[{"role":"user","content":[{"type":"text","text":"cut' },
    ]);
    expect(event.properties.$ai_input_tokens).toBe(5);
    expect(event.properties.$ai_model).toBe('gpt-4o-mini');
  });

  it('malformed ai.prompt, ai.prompt.tools and ai.response.toolCalls never throw', () => {
    const event = eventOf(
      generation({
        'ai.prompt.tools': ['{broken', 42],
        'ai.response.toolCalls': '{"not":"a list"}',
        'ai.response.text': 'hi',
      }),
    );
    expect(event.properties.$ai_output_choices).toEqual([{ role: 'assistant', content: 'hi' }]);
    const outer = eventOf(
      makeSpan({ 'ai.operationId': 'ai.generateText', 'ai.prompt': '{oops' } as never),
    );
    expect(outer.properties.$ai_input_state).toEqual([{ role: 'user', content: '{oops' }]);
  });

  it('only ai.operationId: a generation with nothing else, no crash', () => {
    const event = eventOf(generation({}));
    expect(event.event).toBe('$ai_generation');
    expect(event.properties.$ai_input).toBeUndefined();
    expect(event.properties.$ai_output_choices).toBeUndefined();
    expect(event.properties.$ai_stream).toBe(false);
  });

  it('unknown outer operations (ai.rerank) are uncosted spans; a non-string id is not v6', () => {
    const rerank = eventOf(
      makeSpan({ 'ai.operationId': 'ai.rerank', 'ai.usage.inputTokens': 3 } as never),
    );
    expect(rerank.event).toBe('$ai_span');
    expect(rerank.properties.$ai_span_kind).toBe('span');
    const odd = makeSpan({ 'ai.operationId': 7 } as never);
    expect(vercelAiNormalizer.matches(odd)).toBe(false);
  });

  it('time to first token from the ai.stream.firstChunk event when the attribute is missing', () => {
    const withAttribute = makeSpan({ 'ai.operationId': 'ai.streamText.doStream' } as never, {
      events: [
        {
          name: 'ai.stream.firstChunk',
          timeUnixNano: '1700000000900000000',
          attributes: { 'ai.response.msToFirstChunk': 250 },
        },
      ],
    });
    expect(eventOf(withAttribute).properties.$ai_time_to_first_token).toBe(0.25);
    const timeOnly = makeSpan({ 'ai.operationId': 'ai.streamText.doStream' } as never, {
      events: [
        { name: 'ai.stream.firstChunk', timeUnixNano: '1700000000400000000', attributes: {} },
      ],
    });
    expect(eventOf(timeOnly).properties.$ai_time_to_first_token).toBe(0.4);
  });

  it('request headers never reach the event (they may carry credentials)', () => {
    const event = eventOf(
      generation({
        'ai.request.headers.authorization': 'Bearer sk-secret',
        'ai.request.headers.user-agent': 'ai/6.0.1 provider/openai',
      }),
    );
    expect(JSON.stringify(event)).not.toContain('sk-secret');
    expect(event.properties.$ai_lib_version).toBe('6.0.1');
  });

  it('does not mutate the span', () => {
    const span = generation({
      'ai.prompt.messages': promptMessages,
      'ai.telemetry.metadata.userId': 'u1',
      'ai.usage.inputTokens': 3,
    });
    const before = JSON.stringify(span);
    Object.freeze(span.attributes);
    eventOf(span);
    expect(JSON.stringify(span)).toBe(before);
  });
});

describe('AI SDK 6 telemetry metadata', () => {
  const withMetadata = (metadata: Record<string, unknown>) =>
    eventOf(
      generation(
        Object.fromEntries(
          Object.entries(metadata).map(([key, value]) => [`ai.telemetry.metadata.${key}`, value]),
        ),
      ),
    );

  it('posthog_distinct_id wins over userId, which then stays a property', () => {
    const event = withMetadata({ posthog_distinct_id: 'ph-1', userId: 'u-1', tier: 'gold' });
    expect(event.distinct_id).toBe('ph-1');
    expect(event.properties.userId).toBe('u-1');
    expect(event.properties.tier).toBe('gold');
    expect(event.properties.posthog_distinct_id).toBeUndefined();
  });

  it('user_id and a numeric id name the person; conversation_id is the session fallback', () => {
    const event = withMetadata({ user_id: 12345, conversation_id: 'conv-9' });
    expect(event.distinct_id).toBe('12345');
    expect(event.properties.$ai_session_id).toBe('conv-9');
    expect(event.properties.$process_person_profile).toBeUndefined();
  });

  it('a span-level posthog.distinct_id outranks metadata', () => {
    const event = eventOf(
      generation({ 'posthog.distinct_id': 'explicit', 'ai.telemetry.metadata.userId': 'meta' }),
    );
    expect(event.distinct_id).toBe('explicit');
  });

  it('a hostile __proto__ metadata key is ignored', () => {
    const attributes: Record<string, unknown> = { 'ai.operationId': 'ai.generateText.doGenerate' };
    Object.defineProperty(attributes, 'ai.telemetry.metadata.__proto__', {
      value: 'x',
      enumerable: true,
    });
    Object.defineProperty(attributes, 'ai.settings.__proto__', { value: [1], enumerable: true });
    const event = eventOf(makeSpan(attributes as never));
    expect(Object.getPrototypeOf(event.properties)).toBe(Object.prototype);
    expect(event.properties.$ai_model_parameters).toBeUndefined();
  });
});
