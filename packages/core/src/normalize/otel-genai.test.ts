import { describe, expect, it } from 'vitest';
import { makeSpan } from '../../test/make-span';
import { mapSpans, spansToEvents } from '../integration/create-mapper';

const one = (...args: Parameters<typeof makeSpan>) => {
  const events = spansToEvents([makeSpan(...args)]);
  expect(events).toHaveLength(1);
  return events[0]!;
};

describe('OTel GenAI normalizer: current attributes', () => {
  it('maps a chat span with JSON-string messages in parts format', () => {
    const event = one({
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
        'gen_ai.response.id': 'chatcmpl-1',
        'gen_ai.response.finish_reasons': ['stop'],
        'gen_ai.usage.input_tokens': 120,
        'gen_ai.usage.output_tokens': 30,
        'gen_ai.usage.cache_read.input_tokens': 64,
        'gen_ai.usage.cache_creation.input_tokens': 8,
        'gen_ai.usage.reasoning.output_tokens': 12,
        'gen_ai.request.temperature': 0.2,
        'gen_ai.request.max_tokens': 256,
        'gen_ai.request.top_p': 0.9,
        'gen_ai.request.stop_sequences': ['END'],
        'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: 'Be brief.' }]),
        'gen_ai.input.messages': JSON.stringify([
          { role: 'user', parts: [{ type: 'text', content: 'Hi' }] },
        ]),
        'gen_ai.output.messages': JSON.stringify([
          {
            role: 'assistant',
            parts: [{ type: 'text', content: 'Hello!' }],
            finish_reason: 'stop',
          },
        ]),
        'gen_ai.conversation.id': 'conv-1',
        'server.address': 'api.openai.com',
        'server.port': 443,
        conversation_id: 'c-42',
      },
    });
    expect(event.event).toBe('$ai_generation');
    const p = event.properties;
    expect(p.$ai_model).toBe('gpt-4o-mini-2024-07-18');
    expect(p.$ai_request_model).toBe('gpt-4o-mini');
    expect(p.$ai_provider).toBe('openai');
    expect(p.$ai_input).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ]);
    expect(p.$ai_output_choices).toEqual([
      { role: 'assistant', content: 'Hello!', finish_reason: 'stop' },
    ]);
    expect(p.$ai_input_tokens).toBe(120);
    expect(p.$ai_output_tokens).toBe(30);
    expect(p.$ai_cache_read_input_tokens).toBe(64);
    expect(p.$ai_cache_creation_input_tokens).toBe(8);
    expect(p.$ai_reasoning_tokens).toBe(12);
    expect(p.$ai_temperature).toBe(0.2);
    expect(p.$ai_max_tokens).toBe(256);
    expect(p.$ai_model_parameters).toEqual({
      temperature: 0.2,
      max_tokens: 256,
      top_p: 0.9,
      stop: ['END'],
    });
    expect(p.$ai_stop_reason).toBe('stop');
    expect(p.$ai_session_id).toBe('conv-1');
    expect(p.$ai_base_url).toBe('api.openai.com');
    expect(p.$ai_latency).toBe(1.5);
    expect(p.conversation_id).toBe('c-42');
    // Consumed keys do not travel twice.
    expect(p['gen_ai.input.messages']).toBeUndefined();
    expect(p['gen_ai.usage.input_tokens']).toBeUndefined();
  });

  it('accepts structured (non-string) message values', () => {
    const event = one({
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.input.messages': [
          {
            role: 'user',
            parts: [
              { type: 'text', content: 'What is in this image?' },
              { type: 'uri', modality: 'image', uri: 'https://x/cat.png' },
            ],
          },
        ],
        'gen_ai.output.messages': [
          { role: 'assistant', parts: [{ type: 'text', content: 'A cat.' }] },
        ],
      },
    });
    expect(event.properties.$ai_input).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in this image?' },
          { type: 'image', image: 'https://x/cat.png' },
        ],
      },
    ]);
    expect(event.properties.$ai_output_choices).toEqual([{ role: 'assistant', content: 'A cat.' }]);
  });

  it('maps tool calls and tool call responses in parts format', () => {
    const event = one({
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.tool.definitions': JSON.stringify([
          {
            type: 'function',
            name: 'get_weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        ]),
        'gen_ai.input.messages': JSON.stringify([
          { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
          {
            role: 'assistant',
            parts: [
              {
                type: 'tool_call',
                id: 'call_1',
                name: 'get_weather',
                arguments: { city: 'Paris' },
              },
            ],
          },
          {
            role: 'tool',
            parts: [{ type: 'tool_call_response', id: 'call_1', response: { temp: 21 } }],
          },
        ]),
        'gen_ai.output.messages': JSON.stringify([
          {
            role: 'assistant',
            parts: [
              {
                type: 'tool_call',
                id: 'call_2',
                name: 'get_weather',
                arguments: '{"city":"Rome"}',
              },
            ],
            finish_reason: 'tool_call',
          },
        ]),
      },
    });
    const p = event.properties;
    expect(p.$ai_tools).toEqual([
      {
        type: 'function',
        name: 'get_weather',
        parameters: { type: 'object', properties: { city: { type: 'string' } } },
      },
    ]);
    expect(p.$ai_input).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', content: '{"temp":21}', tool_call_id: 'call_1' },
    ]);
    expect(p.$ai_output_choices).toEqual([
      {
        role: 'assistant',
        content: null,
        finish_reason: 'tool_call',
        tool_calls: [
          {
            id: 'call_2',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Rome"}' },
          },
        ],
      },
    ]);
  });

  it('keeps malformed JSON in message attributes as text instead of failing', () => {
    const event = one({
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.input.messages': '[{"role": "user", "parts": [',
        'gen_ai.output.messages': '{not json',
      },
    });
    expect(event.properties.$ai_input).toEqual([
      { role: 'user', content: '[{"role": "user", "parts": [' },
    ]);
    expect(event.properties.$ai_output_choices).toEqual([
      { role: 'assistant', content: '{not json' },
    ]);
  });

  it('classifies operations into generation, embedding and spans', () => {
    const kinds = [
      'chat',
      'text_completion',
      'generate_content',
      'embeddings',
      'execute_tool',
      'invoke_agent',
      'create_agent',
      'retrieval',
      'something_new',
    ].map((operation) =>
      one({ parentSpanId: 'aaaaaaaaaaaaaaaa', attributes: { 'gen_ai.operation.name': operation } }),
    );
    expect(kinds.map((e) => e.event)).toEqual([
      '$ai_generation',
      '$ai_generation',
      '$ai_generation',
      '$ai_embedding',
      '$ai_span',
      '$ai_span',
      '$ai_span',
      '$ai_span',
      '$ai_span',
    ]);
    expect(kinds.map((e) => e.properties.$ai_span_kind)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      'tool',
      'agent',
      'agent',
      'retriever',
      'span',
    ]);
  });

  it('maps an execute_tool span to a tool span named after the tool with arguments and result as state', () => {
    const event = one({
      parentSpanId: 'aaaaaaaaaaaaaaaa',
      name: 'execute_tool get_weather',
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': 'get_weather',
        'gen_ai.tool.call.id': 'call_1',
        'gen_ai.tool.call.arguments': '{"city":"Paris"}',
        'gen_ai.tool.call.result': '{"temp":21}',
      },
    });
    expect(event.event).toBe('$ai_span');
    expect(event.properties.$ai_span_name).toBe('get_weather');
    expect(event.properties.$ai_input_state).toEqual({ city: 'Paris' });
    expect(event.properties.$ai_output_state).toEqual({ temp: 21 });
    expect(event.properties.$ai_parent_id).toBe('aaaaaaaaaaaaaaaa');
  });

  it('maps an invoke_agent root to $ai_trace with messages as state, never costed', () => {
    const event = one({
      name: 'invoke_agent weather',
      attributes: {
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.agent.name': 'weather',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': 300,
        'gen_ai.usage.output_tokens': 40,
        'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: 'Hi' }] }],
      },
    });
    expect(event.event).toBe('$ai_trace');
    expect(event.properties.$ai_span_name).toBe('weather');
    expect(event.properties.$ai_trace_name).toBe('weather');
    expect(event.properties.$ai_input_tokens).toBe(300);
    expect(event.properties.$ai_input_state).toEqual([{ role: 'user', content: 'Hi' }]);
    expect(event.properties.$ai_input).toBeUndefined();
    expect(event.properties.$ai_parent_id).toBeUndefined();
  });

  it('reads time to first chunk in seconds and marks the call as streamed', () => {
    const event = one({
      attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.response.time_to_first_chunk': 0.25 },
    });
    expect(event.properties.$ai_time_to_first_token).toBe(0.25);
    expect(event.properties.$ai_stream).toBe(true);
    const v7 = one({
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.client.operation.time_to_first_chunk': 0.5,
      },
    });
    expect(v7.properties.$ai_time_to_first_token).toBe(0.5);
  });
});

describe('OTel GenAI normalizer: deprecated attributes', () => {
  it('reads gen_ai.system and prompt/completion token names', () => {
    const event = one({
      attributes: {
        'gen_ai.system': 'OpenAI',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.usage.prompt_tokens': 10,
        'gen_ai.usage.completion_tokens': 5,
      },
    });
    expect(event.event).toBe('$ai_generation');
    expect(event.properties.$ai_provider).toBe('openai');
    expect(event.properties.$ai_input_tokens).toBe(10);
    expect(event.properties.$ai_output_tokens).toBe(5);
  });

  it('prefers gen_ai.provider.name over gen_ai.system and normalizes API suffixes', () => {
    const event = one({
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.system': 'openai',
        'gen_ai.provider.name': 'openai.responses',
      },
    });
    expect(event.properties.$ai_provider).toBe('openai');
  });

  it('rebuilds indexed prompt and completion messages with tool calls', () => {
    const event = one({
      attributes: {
        'gen_ai.system': 'OpenAI',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.prompt.0.role': 'system',
        'gen_ai.prompt.0.content': 'Be brief.',
        'gen_ai.prompt.1.role': 'user',
        'gen_ai.prompt.1.content': 'Weather in Paris?',
        'gen_ai.prompt.2.role': 'assistant',
        'gen_ai.prompt.2.tool_calls.0.id': 'call_1',
        'gen_ai.prompt.2.tool_calls.0.name': 'get_weather',
        'gen_ai.prompt.2.tool_calls.0.arguments': '{"city":"Paris"}',
        'gen_ai.prompt.3.role': 'tool',
        'gen_ai.prompt.3.content': '{"temp":21}',
        'gen_ai.prompt.3.tool_call_id': 'call_1',
        'gen_ai.completion.0.role': 'assistant',
        'gen_ai.completion.0.content': 'It is 21 degrees.',
        'gen_ai.completion.0.finish_reason': 'stop',
      },
    });
    expect(event.properties.$ai_input).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', content: '{"temp":21}', tool_call_id: 'call_1' },
    ]);
    expect(event.properties.$ai_output_choices).toEqual([
      { role: 'assistant', content: 'It is 21 degrees.', finish_reason: 'stop' },
    ]);
    expect(Object.keys(event.properties).filter((k) => k.startsWith('gen_ai.'))).toEqual([]);
  });

  it('survives sparse and hostile indexes without allocating by index', () => {
    const before = process.memoryUsage().heapUsed;
    const event = one({
      attributes: {
        'gen_ai.system': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.prompt.99999999.content': 'far away',
        'gen_ai.prompt.4294967295.role': 'user',
        'gen_ai.prompt.7.content': 'seven',
        'gen_ai.prompt.2.content': 'two',
        'gen_ai.prompt.__proto__.content': 'proto',
        'gen_ai.prompt.-1.content': 'negative',
        'gen_ai.prompt.1e3.content': 'exponent',
        'gen_ai.completion.0.tool_calls.99999999.name': 'x',
      },
    });
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
    expect(event.properties.$ai_input).toEqual([
      { role: 'user', content: 'two' },
      { role: 'user', content: 'seven' },
    ]);
    expect(({} as Record<string, unknown>).content).toBeUndefined();
    // Every key of the indexed form is consumed, even the ignored ones.
    expect(Object.keys(event.properties).filter((k) => k.startsWith('gen_ai.'))).toEqual([]);
  });

  it('caps the number of indexed groups', () => {
    const attributes: Record<string, string> = { 'gen_ai.operation.name': 'chat' };
    for (let i = 0; i < 5000; i++) attributes[`gen_ai.prompt.${i}.content`] = `m${i}`;
    const event = one({ attributes });
    expect((event.properties.$ai_input as unknown[]).length).toBe(1000);
  });
});

describe('OTel GenAI normalizer: content events', () => {
  it('rebuilds messages from content log records with kvlist bodies', () => {
    const event = one({
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.system': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
      },
      logs: [
        {
          timeUnixNano: '1',
          eventName: 'gen_ai.system.message',
          body: { content: 'Be brief.' },
          attributes: { 'gen_ai.system': 'openai' },
        },
        {
          timeUnixNano: '2',
          eventName: 'gen_ai.user.message',
          body: { content: 'Weather?' },
          attributes: {},
        },
        {
          timeUnixNano: '3',
          eventName: 'gen_ai.assistant.message',
          body: {
            tool_calls: [
              {
                id: 'call_1',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
              },
            ],
          },
          attributes: {},
        },
        {
          timeUnixNano: '4',
          eventName: 'gen_ai.tool.message',
          body: { content: 'sunny', id: 'call_1' },
          attributes: {},
        },
        {
          timeUnixNano: '5',
          eventName: 'gen_ai.choice',
          body: { index: 0, finish_reason: 'stop', message: { content: 'Sunny in Paris.' } },
          attributes: {},
        },
      ],
    });
    expect(event.properties.$ai_input).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', content: 'sunny', tool_call_id: 'call_1' },
    ]);
    expect(event.properties.$ai_output_choices).toEqual([
      { role: 'assistant', content: 'Sunny in Paris.', finish_reason: 'stop' },
    ]);
  });

  it('orders multiple choices by index', () => {
    const event = one({
      attributes: { 'gen_ai.operation.name': 'chat' },
      logs: [
        {
          timeUnixNano: '1',
          eventName: 'gen_ai.choice',
          body: { index: 1, finish_reason: 'stop', message: { content: 'B' } },
          attributes: {},
        },
        {
          timeUnixNano: '1',
          eventName: 'gen_ai.choice',
          body: { index: 0, finish_reason: 'stop', message: { content: 'A' } },
          attributes: {},
        },
      ],
    });
    expect(
      (event.properties.$ai_output_choices as Array<{ content: string }>).map((m) => m.content),
    ).toEqual(['A', 'B']);
  });

  it('reads the inference details record with structured messages', () => {
    const event = one({
      attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai' },
      logs: [
        {
          timeUnixNano: '1',
          eventName: 'gen_ai.client.inference.operation.details',
          attributes: {
            'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: 'Hi' }] }],
            'gen_ai.output.messages': [
              {
                role: 'assistant',
                parts: [{ type: 'text', content: 'Hello' }],
                finish_reason: 'stop',
              },
            ],
            'gen_ai.system_instructions': [{ type: 'text', content: 'Be nice.' }],
          },
        },
      ],
    });
    expect(event.properties.$ai_input).toEqual([
      { role: 'system', content: 'Be nice.' },
      { role: 'user', content: 'Hi' },
    ]);
    expect(event.properties.$ai_output_choices).toEqual([
      { role: 'assistant', content: 'Hello', finish_reason: 'stop' },
    ]);
  });

  it('reads content span events, including JSON-string bodies and the old prompt/completion events', () => {
    const event = one({
      attributes: { 'gen_ai.operation.name': 'chat' },
      events: [
        { name: 'gen_ai.user.message', timeUnixNano: '1', attributes: { content: 'Hi' } },
        {
          name: 'gen_ai.choice',
          timeUnixNano: '2',
          attributes: {
            index: 0,
            finish_reason: 'stop',
            message: '{"role":"assistant","content":"Yo"}',
          },
        },
      ],
    });
    expect(event.properties.$ai_input).toEqual([{ role: 'user', content: 'Hi' }]);
    expect(event.properties.$ai_output_choices).toEqual([
      { role: 'assistant', content: 'Yo', finish_reason: 'stop' },
    ]);
    const old = one({
      attributes: { 'gen_ai.system': 'openai', 'gen_ai.request.model': 'gpt-4' },
      events: [
        {
          name: 'gen_ai.content.prompt',
          timeUnixNano: '1',
          attributes: { 'gen_ai.prompt': '[{"role":"user","content":"Q"}]' },
        },
        {
          name: 'gen_ai.content.completion',
          timeUnixNano: '2',
          attributes: { 'gen_ai.completion': '[{"role":"assistant","content":"A"}]' },
        },
      ],
    });
    expect(old.properties.$ai_input).toEqual([{ role: 'user', content: 'Q' }]);
    expect(old.properties.$ai_output_choices).toEqual([{ role: 'assistant', content: 'A' }]);
  });

  it('prefers attributes over events when both carry content', () => {
    const event = one({
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.input.messages': '[{"role":"user","parts":[{"type":"text","content":"attr"}]}]',
      },
      logs: [
        {
          timeUnixNano: '1',
          eventName: 'gen_ai.user.message',
          body: { content: 'log' },
          attributes: {},
        },
      ],
    });
    expect(event.properties.$ai_input).toEqual([{ role: 'user', content: 'attr' }]);
  });
});

describe('filter', () => {
  it('drops non-AI spans from a mixed trace and says how many', () => {
    const result = mapSpans([
      makeSpan({ name: 'GET /chat', kind: 'server', attributes: { 'http.request.method': 'GET' } }),
      makeSpan({
        name: 'SELECT',
        parentSpanId: '0000000000000001',
        attributes: { 'db.system': 'postgresql' },
      }),
      makeSpan({
        parentSpanId: '0000000000000001',
        attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o-mini' },
      }),
    ]);
    expect(result.events).toHaveLength(1);
    expect(result.nonAi).toBe(2);
    expect(result.events[0]!.event).toBe('$ai_generation');
  });

  it('accepts spans by instrumentation scope alone', () => {
    const result = mapSpans([
      makeSpan({ scope: { name: '@opentelemetry/instrumentation-openai' }, attributes: {} }),
    ]);
    expect(result.events).toHaveLength(1);
  });
});
