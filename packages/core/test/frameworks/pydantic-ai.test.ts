/**
 * Pydantic AI spans, hand-built from the attribute names its instrumentation writes (Python
 * only, so no real capture can run here). Sources, pydantic/pydantic-ai:
 * - `pydantic_ai/_instrumentation.py`: `InstrumentationNames` (version 2: `agent run`,
 *   `agent_name`, `running tool`, `tool_arguments`, `tool_response`; version 3+:
 *   `invoke_agent {agent}`, `gen_ai.agent.name`, `execute_tool {tool}`,
 *   `gen_ai.tool.call.arguments` / `.result`), `open_model_request_span` (`chat {model}`,
 *   `model_request_parameters`, `gen_ai.tool.definitions`, `operation.cost`,
 *   `gen_ai.client.operation.time_to_first_chunk`), `aggregated_usage_attributes`
 *   (`gen_ai.aggregated_usage.*`), scope `pydantic-ai`.
 * - `capabilities/instrumentation.py`: run span keys `model_name`, `agent_name`,
 *   `gen_ai.agent.call.id`, `gen_ai.conversation.id`, `logfire.msg`, `final_result`,
 *   `pydantic_ai.all_messages`, `pydantic_ai.new_message_index`, `gen_ai.system_instructions`.
 * - `models/instrumented.py`: version 1 `events` attribute (`event_to_dict`: body + attributes
 *   with `event.name`), `all_messages_events`; `usage.py`: `gen_ai.usage.details.cache_read_tokens`
 *   / `cache_write_tokens` (input tokens include them).
 */
import { describe, expect, it } from 'vitest';
import { mapPriced, priceProperties, traceSpan } from './helpers';

const weatherSchema = {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
  additionalProperties: false,
};

const requestParameters = JSON.stringify({
  function_tools: [
    {
      name: 'get_weather',
      parameters_json_schema: weatherSchema,
      description: 'Current weather for a city',
      outer_typed_dict_key: null,
      strict: null,
      sequential: false,
      kind: 'function',
      metadata: null,
    },
  ],
  builtin_tools: [],
  output_mode: 'text',
  output_object: null,
  output_tools: [],
  allow_text_output: true,
});

const system = JSON.stringify([{ type: 'text', content: 'Be concise.' }]);
const userTurn = { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] };
const toolCallTurn = {
  role: 'assistant',
  parts: [{ type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }],
  finish_reason: 'tool_call',
};
const toolReturnTurn = {
  role: 'tool',
  parts: [{ type: 'tool_call_response', id: 'call_1', name: 'get_weather', result: '21°C, sunny' }],
};
const answerTurn = {
  role: 'assistant',
  parts: [{ type: 'text', content: 'It is 21°C and sunny in Paris.' }],
  finish_reason: 'stop',
};

const baggage = {
  'gen_ai.agent.name': 'weather_agent',
  'gen_ai.agent.call.id': '019a3f6c-run-1',
  'gen_ai.conversation.id': 'conv-42',
};

const chatBase = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'openai',
  'gen_ai.system': 'openai',
  'gen_ai.request.model': 'gpt-4o-mini',
  'server.address': 'api.openai.com',
  'server.port': 443,
  model_request_parameters: requestParameters,
  'gen_ai.tool.definitions': JSON.stringify([
    {
      type: 'function',
      name: 'get_weather',
      description: 'Current weather for a city',
      parameters: weatherSchema,
    },
  ]),
  'gen_ai.system_instructions': system,
  'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
  'logfire.json_schema':
    '{"type":"object","properties":{"model_request_parameters":{"type":"object"}}}',
  ...baggage,
};

/** One agent run at the current instrumentation version (5): run, two model requests, a tool. */
function versionFiveRun() {
  return [
    traceSpan('a1', {
      name: 'invoke_agent weather_agent',
      kind: 'internal',
      scope: { name: 'pydantic-ai', version: '1.9.0' },
      attributes: {
        model_name: 'gpt-4o-mini',
        agent_name: 'weather_agent',
        ...baggage,
        'gen_ai.operation.name': 'invoke_agent',
        'logfire.msg': 'weather_agent run',
        final_result: 'It is 21°C and sunny in Paris.',
        'gen_ai.aggregated_usage.input_tokens': 1290,
        'gen_ai.aggregated_usage.output_tokens': 30,
        'gen_ai.aggregated_usage.details.cache_read_tokens': 1024,
        'pydantic_ai.all_messages': JSON.stringify([
          { role: 'system', parts: [{ type: 'text', content: 'Be concise.' }] },
          userTurn,
          toolCallTurn,
          toolReturnTurn,
          answerTurn,
        ]),
        'gen_ai.system_instructions': system,
        'logfire.json_schema':
          '{"type":"object","properties":{"pydantic_ai.all_messages":{"type":"array"}}}',
      },
    }),
    traceSpan('c1', {
      parentSpanId: 'a1'.padEnd(16, '0'),
      name: 'chat gpt-4o-mini',
      scope: { name: 'pydantic-ai', version: '1.9.0' },
      attributes: {
        ...chatBase,
        'gen_ai.input.messages': JSON.stringify([userTurn]),
        'gen_ai.output.messages': JSON.stringify([toolCallTurn]),
        'gen_ai.usage.input_tokens': 60,
        'gen_ai.usage.output_tokens': 12,
        'gen_ai.response.id': 'chatcmpl-1',
        'gen_ai.response.finish_reasons': ['tool_call'],
        'operation.cost': 0.0000162,
      },
    }),
    traceSpan('t1', {
      parentSpanId: 'a1'.padEnd(16, '0'),
      name: 'execute_tool get_weather',
      kind: 'internal',
      scope: { name: 'pydantic-ai', version: '1.9.0' },
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': 'get_weather',
        'gen_ai.tool.call.id': 'call_1',
        'gen_ai.tool.call.arguments': '{"city":"Paris"}',
        'gen_ai.tool.call.result': '21°C, sunny',
        ...baggage,
        'logfire.msg': 'running tool: get_weather',
        'logfire.json_schema': '{"type":"object","properties":{}}',
      },
    }),
    traceSpan('c2', {
      parentSpanId: 'a1'.padEnd(16, '0'),
      name: 'chat gpt-4o-mini',
      scope: { name: 'pydantic-ai', version: '1.9.0' },
      attributes: {
        ...chatBase,
        'gen_ai.input.messages': JSON.stringify([userTurn, toolCallTurn, toolReturnTurn]),
        'gen_ai.output.messages': JSON.stringify([answerTurn]),
        'gen_ai.usage.input_tokens': 1230,
        'gen_ai.usage.output_tokens': 18,
        'gen_ai.usage.details.cache_read_tokens': 1024,
        'gen_ai.response.id': 'chatcmpl-2',
        'gen_ai.response.finish_reasons': ['stop'],
        'gen_ai.client.operation.time_to_first_chunk': 0.21,
      },
    }),
  ];
}

describe('Pydantic AI (instrumentation version 5)', () => {
  it('makes the agent run the $ai_trace, with the conversation as state and usage never costed', () => {
    const { byId } = mapPriced(versionFiveRun());
    const run = byId('a1');
    expect(run.event).toBe('$ai_trace');
    expect(run.properties).toMatchObject({
      $ai_span_name: 'weather_agent',
      $ai_trace_name: 'weather_agent',
      $ai_span_kind: 'agent',
      $ai_framework: 'pydantic-ai',
      $ai_model: 'gpt-4o-mini',
      $ai_agent_name: 'weather_agent',
      $ai_session_id: 'conv-42',
      $ai_input_tokens: 1290,
      $ai_output_tokens: 30,
      $ai_cache_read_input_tokens: 1024,
      $ai_input_tokens_include_cache: true,
      $ai_output_state: 'It is 21°C and sunny in Paris.',
      $ai_lib: 'pydantic-ai',
    });
    expect(run.properties.$ai_input_state).toEqual([
      { role: 'system', content: 'Be concise.' },
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        finish_reason: 'tool_call',
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', content: '21°C, sunny', tool_call_id: 'call_1' },
    ]);
    expect(run.properties.$ai_total_cost_usd).toBeUndefined();
    for (const key of [
      'pydantic_ai.all_messages',
      'final_result',
      'logfire.json_schema',
      'model_name',
    ])
      expect(run.properties).not.toHaveProperty([key]);
  });

  it('maps model requests to priced generations with messages, tools and cached tokens', () => {
    const { byId } = mapPriced(versionFiveRun());
    const first = byId('c1');
    expect(first.event).toBe('$ai_generation');
    expect(first.properties).toMatchObject({
      $ai_parent_id: 'a1'.padEnd(16, '0'),
      $ai_framework: 'pydantic-ai',
      $ai_model: 'gpt-4o-mini-2024-07-18',
      $ai_provider: 'openai',
      $ai_input_tokens: 60,
      $ai_output_tokens: 12,
      $ai_stop_reason: 'tool_call',
      $ai_base_url: 'api.openai.com',
      $ai_session_id: 'conv-42',
      $ai_tools: [
        {
          type: 'function',
          name: 'get_weather',
          description: 'Current weather for a city',
          parameters: weatherSchema,
        },
      ],
    });
    expect(first.properties.$ai_input).toEqual([
      { role: 'system', content: 'Be concise.' },
      { role: 'user', content: 'Weather in Paris?' },
    ]);
    expect(first.properties.$ai_output_choices).toEqual([
      {
        role: 'assistant',
        content: null,
        finish_reason: 'tool_call',
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
    ]);
    // gpt-4o-mini: $0.15 / $0.60 per million tokens.
    expect(first.properties.$ai_total_cost_usd).toBeCloseTo((60 * 0.15 + 12 * 0.6) / 1e6, 12);
    // Pydantic AI's own figure is kept under its own key, ours is the one that counts.
    expect(first.properties['operation.cost']).toBe(0.0000162);
    expect(first.properties).not.toHaveProperty(['model_request_parameters']);

    const second = byId('c2');
    expect(second.properties).toMatchObject({
      $ai_input_tokens: 1230,
      $ai_cache_read_input_tokens: 1024,
      $ai_input_tokens_include_cache: true,
      $ai_time_to_first_token: 0.21,
      $ai_stream: true,
    });
    // 206 fresh tokens at $0.15, 1024 cached at $0.075, 18 out at $0.60 (per million).
    expect(second.properties.$ai_total_cost_usd).toBeCloseTo(
      (206 * 0.15 + 1024 * 0.075 + 18 * 0.6) / 1e6,
      12,
    );
  });

  it('names the tool span after the tool, with arguments and result as state', () => {
    const tool = mapPriced(versionFiveRun()).byId('t1');
    expect(tool.event).toBe('$ai_span');
    expect(tool.properties).toMatchObject({
      $ai_span_name: 'get_weather',
      $ai_span_kind: 'tool',
      $ai_input_state: { city: 'Paris' },
      $ai_output_state: '21°C, sunny',
    });
    expect(tool.properties).not.toHaveProperty(['logfire.msg']);
  });
});

describe('Pydantic AI (instrumentation version 2)', () => {
  it('reads agent run, running tool and model_request_parameters tools', () => {
    const { byId } = mapPriced([
      traceSpan('a2', {
        name: 'agent run',
        scope: { name: 'pydantic-ai', version: '0.8.1' },
        attributes: {
          model_name: 'claude-haiku-4-5',
          agent_name: 'support',
          'logfire.msg': 'support run',
          // Version 2 summed the run's usage into the spec's keys.
          'gen_ai.usage.input_tokens': 1500,
          'gen_ai.usage.output_tokens': 40,
          final_result: JSON.stringify({ answer: 'yes', confidence: 0.9 }),
          'pydantic_ai.all_messages': JSON.stringify([userTurn, answerTurn]),
        },
      }),
      traceSpan('t2', {
        parentSpanId: 'a2'.padEnd(16, '0'),
        name: 'running tool',
        scope: { name: 'pydantic-ai', version: '0.8.1' },
        attributes: {
          'gen_ai.tool.name': 'lookup_order',
          'gen_ai.tool.call.id': 'toolu_1',
          tool_arguments: '{"order_id":42}',
          tool_response: '{"status":"shipped"}',
          'logfire.msg': 'running tool: lookup_order',
        },
      }),
      traceSpan('c3', {
        parentSpanId: 'a2'.padEnd(16, '0'),
        name: 'chat claude-haiku-4-5',
        scope: { name: 'pydantic-ai', version: '0.8.1' },
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.system': 'anthropic',
          'gen_ai.request.model': 'claude-haiku-4-5',
          'gen_ai.response.model': 'claude-haiku-4-5-20251001',
          model_request_parameters: requestParameters,
          'gen_ai.input.messages': JSON.stringify([userTurn]),
          'gen_ai.output.messages': JSON.stringify([answerTurn]),
          // Pydantic AI's Anthropic input count: 200 fresh + 1000 read + 100 written.
          'gen_ai.usage.input_tokens': 1300,
          'gen_ai.usage.output_tokens': 40,
          'gen_ai.usage.details.cache_read_tokens': 1000,
          'gen_ai.usage.details.cache_write_tokens': 100,
          // Provider-specific details pass through Pydantic AI unchanged.
          'gen_ai.usage.details.input_tokens': 200,
        },
      }),
    ]);
    const run = byId('a2');
    expect(run.event).toBe('$ai_trace');
    expect(run.properties).toMatchObject({
      $ai_span_name: 'support',
      $ai_input_tokens: 1500,
      $ai_output_state: { answer: 'yes', confidence: 0.9 },
      $ai_input_state: [{ role: 'user', content: 'Weather in Paris?' }],
    });
    expect(run.properties.$ai_total_cost_usd).toBeUndefined();

    expect(byId('t2').properties).toMatchObject({
      $ai_span_name: 'lookup_order',
      $ai_span_kind: 'tool',
      $ai_input_state: { order_id: 42 },
      $ai_output_state: { status: 'shipped' },
    });
    expect(byId('t2').properties).not.toHaveProperty(['tool_arguments']);

    const chat = byId('c3');
    expect(chat.properties).toMatchObject({
      $ai_provider: 'anthropic',
      $ai_input_tokens: 1300,
      $ai_cache_read_input_tokens: 1000,
      $ai_cache_creation_input_tokens: 100,
      $ai_input_tokens_include_cache: true,
      $ai_tools: [
        {
          type: 'function',
          name: 'get_weather',
          description: 'Current weather for a city',
          parameters: weatherSchema,
        },
      ],
    });
    // Priced like Anthropic's own exclusive report of the same call: nothing counted twice.
    const exclusive = priceProperties({
      $ai_provider: 'anthropic',
      $ai_model: 'claude-haiku-4-5-20251001',
      $ai_input_tokens: 200,
      $ai_output_tokens: 40,
      $ai_cache_read_input_tokens: 1000,
      $ai_cache_creation_input_tokens: 100,
    });
    expect(chat.properties.$ai_total_cost_usd).toBe(exclusive.$ai_total_cost_usd);
    // claude-haiku-4-5: $1 in, $0.10 cache read, $1.25 cache write, $5 out (per million).
    expect(chat.properties.$ai_total_cost_usd).toBeCloseTo(
      (200 * 1 + 1000 * 0.1 + 100 * 1.25 + 40 * 5) / 1e6,
      12,
    );
  });
});

describe('Pydantic AI (instrumentation version 1, events attribute)', () => {
  it('reads the model request messages from the events attribute', () => {
    const events = [
      {
        content: 'Be concise.',
        role: 'system',
        'gen_ai.system': 'openai',
        'event.name': 'gen_ai.system.message',
      },
      {
        content: 'Weather in Paris?',
        role: 'user',
        'gen_ai.message.index': 0,
        'gen_ai.system': 'openai',
        'event.name': 'gen_ai.user.message',
      },
      {
        index: 0,
        message: {
          role: 'assistant',
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        'gen_ai.system': 'openai',
        'event.name': 'gen_ai.choice',
      },
    ];
    const { byId } = mapPriced([
      traceSpan('c4', {
        name: 'chat gpt-4o-mini',
        scope: { name: 'pydantic-ai', version: '0.4.0' },
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.system': 'openai',
          'gen_ai.request.model': 'gpt-4o-mini',
          model_request_parameters: requestParameters,
          'gen_ai.usage.input_tokens': 50,
          'gen_ai.usage.output_tokens': 10,
          events: JSON.stringify(events),
          'logfire.json_schema': '{"type":"object","properties":{"events":{"type":"array"}}}',
        },
      }),
    ]);
    const chat = byId('c4');
    expect(chat.event).toBe('$ai_generation');
    expect(chat.properties.$ai_input).toEqual([
      { role: 'system', content: 'Be concise.' },
      { role: 'user', content: 'Weather in Paris?' },
    ]);
    expect(chat.properties.$ai_output_choices).toEqual([
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
    ]);
    expect(chat.properties.$ai_tools).toHaveLength(1);
    expect(chat.properties).not.toHaveProperty(['events']);
    expect(chat.properties.$ai_total_cost_usd).toBeCloseTo((50 * 0.15 + 10 * 0.6) / 1e6, 12);
  });
});
