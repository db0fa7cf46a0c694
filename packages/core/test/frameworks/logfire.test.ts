/**
 * Pydantic Logfire. The first test maps a real capture from `@pydantic/logfire-node` (see
 * fixtures/logfire-node/README.md); the others are Logfire Python's LLM integrations,
 * hand-built from pydantic/logfire `logfire/_internal/integrations/llm_providers/`:
 * `openai.py` (`Chat Completion with {request_data[model]!r}`, `request_data`,
 * `response_data` `{message, usage}`, `Responses API with …` and its `events` list with
 * `event.name`, `Embedding Creation with …`), `anthropic.py` (`Message with …`, tool call
 * arguments as the JSON of `{"input": …}`, raw `input_tokens`, `operation.cost`),
 * `llm_provider.py` (scope `logfire.<provider>`, tag `LLM`, `async`, the
 * `streaming response from … took …` log with `duration` and `response_data`).
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../golden/load-fixture';
import { mapPriced, priceProperties, traceSpan } from './helpers';

describe('@pydantic/logfire-node (real capture)', () => {
  it('drops the Logfire spans (no GenAI keys) and keeps the OpenAI calls beneath them', () => {
    const { events, nonAi } = loadScenario('logfire-node', 'agent', 'json');
    // 3 Logfire spans (agent, tool, log) and 2 undici HTTP spans are no AI spans.
    expect(nonAi).toBe(5);
    expect(events.map((e) => e.event)).toEqual(['$ai_generation', '$ai_generation']);
    const [first, second] = events;
    expect(first!.properties).toMatchObject({
      $ai_lib: '@opentelemetry/instrumentation-openai',
      $ai_framework: 'otel-genai',
      $ai_model: 'gpt-4o-mini-2024-07-18',
      $ai_provider: 'openai',
      $ai_input_tokens: 59,
      $ai_output_tokens: 7,
      $ai_stop_reason: 'tool_calls',
      'service.name': 'logfire-node-fixtures',
    });
    expect(second!.properties).toMatchObject({ $ai_input_tokens: 96, $ai_stop_reason: 'stop' });
    // Both calls sit under the same (dropped) Logfire span, whose id they keep as parent.
    expect(first!.properties.$ai_parent_id).toBe(second!.properties.$ai_parent_id);
    expect(first!.properties.$ai_total_cost_usd).toBeCloseTo((59 * 0.15 + 7 * 0.6) / 1e6, 12);
  });
});

const logfireLlm = (provider: string) => ({ name: `logfire.${provider}` });

describe('Logfire Python LLM integrations', () => {
  it('maps an OpenAI chat span from request_data and response_data', () => {
    const request = {
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be concise.' },
        { role: 'user', content: 'Weather in Paris?' },
      ],
      temperature: 0.3,
      tools: [
        { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
      ],
    };
    const response = {
      message: {
        content: null,
        role: 'assistant',
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      usage: {
        completion_tokens: 12,
        prompt_tokens: 2100,
        total_tokens: 2112,
        prompt_tokens_details: { cached_tokens: 2048, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    };
    const { byId } = mapPriced([
      traceSpan('l1', {
        name: 'Chat Completion with {request_data[model]!r}',
        scope: logfireLlm('openai'),
        attributes: {
          request_data: JSON.stringify(request),
          'gen_ai.request.model': 'gpt-4o-mini',
          async: false,
          'logfire.msg_template': 'Chat Completion with {request_data[model]!r}',
          'logfire.msg': "Chat Completion with 'gpt-4o-mini'",
          'logfire.span_type': 'span',
          'logfire.tags': ['LLM'],
          'logfire.json_schema':
            '{"type":"object","properties":{"request_data":{"type":"object"}}}',
          'gen_ai.system': 'openai',
          'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
          'gen_ai.usage.input_tokens': 2100,
          'gen_ai.usage.output_tokens': 12,
          response_data: JSON.stringify(response),
        },
      }),
    ]);
    const chat = byId('l1');
    expect(chat.event).toBe('$ai_generation');
    expect(chat.properties).toMatchObject({
      $ai_framework: 'logfire',
      $ai_span_name: "Chat Completion with 'gpt-4o-mini'",
      $ai_model: 'gpt-4o-mini-2024-07-18',
      $ai_provider: 'openai',
      $ai_temperature: 0.3,
      $ai_input_tokens: 2100,
      $ai_cache_read_input_tokens: 2048,
      $ai_input_tokens_include_cache: true,
      $ai_tools: request.tools,
      $ai_input: [
        { role: 'system', content: 'Be concise.' },
        { role: 'user', content: 'Weather in Paris?' },
      ],
      $ai_output_choices: [
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
      ],
    });
    expect(chat.properties.$ai_total_cost_usd).toBeCloseTo(
      (52 * 0.15 + 2048 * 0.075 + 12 * 0.6) / 1e6,
      12,
    );
    for (const key of ['request_data', 'response_data', 'async', 'logfire.tags', 'logfire.msg'])
      expect(chat.properties).not.toHaveProperty([key]);
  });

  it('maps an Anthropic message span: raw exclusive input, unwrapped tool input', () => {
    const request = {
      model: 'claude-haiku-4-5',
      max_tokens: 1024,
      system: [{ type: 'text', text: 'Use the tools.', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] }],
      tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
    };
    const { byId } = mapPriced([
      traceSpan('l2', {
        name: 'Message with {request_data[model]!r}',
        scope: logfireLlm('anthropic'),
        attributes: {
          request_data: JSON.stringify(request),
          'gen_ai.system': 'anthropic',
          'gen_ai.provider.name': 'anthropic',
          'gen_ai.operation.name': 'chat',
          'gen_ai.request.model': 'claude-haiku-4-5',
          'gen_ai.request.max_tokens': 1024,
          'logfire.msg': "Message with 'claude-haiku-4-5'",
          'logfire.span_type': 'span',
          response_data: JSON.stringify({
            message: {
              role: 'assistant',
              tool_calls: [
                {
                  id: 'toolu_1',
                  function: { arguments: '{"input":{"city":"Paris"}}', name: 'get_weather' },
                },
              ],
            },
            usage: {
              input_tokens: 20,
              output_tokens: 30,
              cache_read_input_tokens: 1500,
              cache_creation_input_tokens: 0,
            },
          }),
          'gen_ai.response.model': 'claude-haiku-4-5-20251001',
          'gen_ai.response.id': 'msg_1',
          'gen_ai.usage.input_tokens': 20,
          'gen_ai.usage.output_tokens': 30,
          'gen_ai.response.finish_reasons': ['tool_use'],
          'operation.cost': 0.00032,
        },
      }),
    ]);
    const message = byId('l2');
    expect(message.properties).toMatchObject({
      $ai_provider: 'anthropic',
      $ai_model: 'claude-haiku-4-5-20251001',
      $ai_input_tokens: 20,
      $ai_cache_read_input_tokens: 1500,
      $ai_input_tokens_include_cache: false,
      $ai_input: [
        { role: 'system', content: 'Use the tools.' },
        { role: 'user', content: 'Weather in Paris?' },
      ],
      $ai_output_choices: [
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'toolu_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
      ],
    });
    expect(message.properties.$ai_total_cost_usd).toBeCloseTo(
      (20 * 1 + 1500 * 0.1 + 30 * 5) / 1e6,
      12,
    );
  });

  it('splits the Responses API events attribute into input and appended output', () => {
    const events = [
      { 'event.name': 'gen_ai.system.message', content: 'Be concise.', role: 'system' },
      { 'event.name': 'gen_ai.user.message', content: 'Hi there', role: 'user' },
      { 'event.name': 'gen_ai.assistant.message', content: 'Hello!', role: 'assistant' },
    ];
    const { byId } = mapPriced([
      traceSpan('l3', {
        name: 'Responses API with {gen_ai.request.model!r}',
        scope: logfireLlm('openai'),
        attributes: {
          'gen_ai.request.model': 'gpt-4o-mini',
          events: JSON.stringify(events),
          'gen_ai.system': 'openai',
          'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
          'gen_ai.usage.input_tokens': 20,
          'gen_ai.usage.output_tokens': 3,
          'logfire.msg': "Responses API with 'gpt-4o-mini'",
        },
      }),
    ]);
    const response = byId('l3');
    expect(response.event).toBe('$ai_generation');
    expect(response.properties.$ai_input).toEqual([
      { role: 'system', content: 'Be concise.' },
      { role: 'user', content: 'Hi there' },
    ]);
    expect(response.properties.$ai_output_choices).toEqual([
      { role: 'assistant', content: 'Hello!' },
    ]);
    expect(response.properties).not.toHaveProperty(['events']);
  });

  it('makes the streaming log the generation, not the request span that ended first', () => {
    const request = {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Stream me' }],
      stream: true,
    };
    const { byId } = mapPriced([
      traceSpan('s1', {
        name: 'Chat Completion with {request_data[model]!r}',
        scope: logfireLlm('openai'),
        attributes: {
          request_data: JSON.stringify(request),
          'gen_ai.request.model': 'gpt-4o-mini',
          'logfire.msg': "Chat Completion with 'gpt-4o-mini'",
          'logfire.span_type': 'span',
        },
      }),
      traceSpan('s2', {
        name: 'streaming response from {request_data[model]!r} took {duration:.2f}s',
        scope: logfireLlm('openai'),
        attributes: {
          request_data: JSON.stringify(request),
          'gen_ai.request.model': 'gpt-4o-mini',
          duration: 0.42,
          response_data: JSON.stringify({
            message: { role: 'assistant', content: 'Echo: Stream me' },
            usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 },
          }),
          'logfire.msg': "streaming response from 'gpt-4o-mini' took 0.42s",
          'logfire.span_type': 'log',
        },
      }),
    ]);
    expect(byId('s1').event).toBe('$ai_trace');
    expect(byId('s1').properties.$ai_total_cost_usd).toBeUndefined();
    const streamed = byId('s2');
    expect(streamed.event).toBe('$ai_generation');
    expect(streamed.properties).toMatchObject({
      $ai_stream: true,
      $ai_input_tokens: 9,
      $ai_output_tokens: 4,
      $ai_output_choices: [{ role: 'assistant', content: 'Echo: Stream me' }],
    });
    expect(streamed.properties).not.toHaveProperty(['duration']);
  });

  it('maps an embedding span to $ai_embedding', () => {
    const { byId } = mapPriced([
      traceSpan('e1', {
        name: 'Embedding Creation with {request_data[model]!r}',
        scope: logfireLlm('openai'),
        attributes: {
          request_data: JSON.stringify({ model: 'text-embedding-3-small', input: 'hello' }),
          'gen_ai.request.model': 'text-embedding-3-small',
          'logfire.msg_template': 'Embedding Creation with {request_data[model]!r}',
          'logfire.msg': "Embedding Creation with 'text-embedding-3-small'",
          'gen_ai.system': 'openai',
          'gen_ai.usage.input_tokens': 1,
          response_data: JSON.stringify({ usage: { prompt_tokens: 1, total_tokens: 1 } }),
        },
      }),
    ]);
    const embedding = byId('e1');
    expect(embedding.event).toBe('$ai_embedding');
    expect(embedding.properties.$ai_total_cost_usd).toBeCloseTo(0.02 / 1e6, 14);
    // The same call reported the OTel way costs the same.
    expect(embedding.properties.$ai_total_cost_usd).toBe(
      priceProperties({
        $ai_provider: 'openai',
        $ai_model: 'text-embedding-3-small',
        $ai_input_tokens: 1,
      }).$ai_total_cost_usd,
    );
  });
});
