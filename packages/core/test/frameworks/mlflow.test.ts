/**
 * MLflow Tracing spans, hand-built from the attribute names MLflow writes (its autolog
 * flavors are Python). Sources: mlflow/mlflow `mlflow/tracing/constant.py`
 * (`SpanAttributeKey`: `mlflow.traceRequestId`, `mlflow.spanType`, `mlflow.spanInputs`,
 * `mlflow.spanOutputs`, `mlflow.spanFunctionName`, `mlflow.chat.tools`,
 * `mlflow.chat.tokenUsage` with `TokenUsageKey`, `mlflow.llm.cost` with `CostKey`,
 * `mlflow.llm.model`, `mlflow.llm.provider`, `mlflow.message.format`; `user.id` and
 * `session.id` on the root span), `SpanType` (LLM, CHAT_MODEL, EMBEDDING, TOOL, AGENT, CHAIN,
 * RETRIEVER, …; the `mlflow-tracing` npm package has the same constants), and the docs page
 * "Tracing data model" (values are JSON-serialized, so strings arrive quoted).
 */
import { describe, expect, it } from 'vitest';
import { mapPriced, priceProperties, traceSpan } from './helpers';

const scope = { name: 'mlflow.tracing.fluent', version: '3.6.0' };
const json = (value: unknown) => JSON.stringify(value);
const root = 'r1'.padEnd(16, '0');

function agentTrace() {
  return [
    traceSpan('r1', {
      name: 'weather_agent',
      kind: 'internal',
      scope,
      attributes: {
        'mlflow.traceRequestId': json('tr-4bf92f3577b34da6a3ce929d0e0e4736'),
        'mlflow.spanType': json('AGENT'),
        'mlflow.spanFunctionName': json('weather_agent'),
        'mlflow.spanInputs': json({ question: 'Weather in Paris?' }),
        'mlflow.spanOutputs': json('It is 21°C and sunny.'),
        'mlflow.experimentId': json('0'),
        'user.id': 'user-7',
        'session.id': 'session-1',
      },
    }),
    traceSpan('o1', {
      parentSpanId: root,
      name: 'Completions',
      scope,
      attributes: {
        'mlflow.traceRequestId': json('tr-4bf92f3577b34da6a3ce929d0e0e4736'),
        'mlflow.spanType': json('CHAT_MODEL'),
        'mlflow.spanInputs': json({
          messages: [
            { role: 'system', content: 'Be concise.' },
            { role: 'user', content: 'Weather in Paris?' },
          ],
          model: 'gpt-4o-mini',
          temperature: 0.1,
          tools: [{ type: 'function', function: { name: 'get_weather', parameters: {} } }],
        }),
        'mlflow.spanOutputs': json({
          id: 'chatcmpl-9',
          object: 'chat.completion',
          model: 'gpt-4o-mini-2024-07-18',
          choices: [
            {
              index: 0,
              message: {
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
              finish_reason: 'tool_calls',
            },
          ],
          usage: { prompt_tokens: 40, completion_tokens: 10, total_tokens: 50 },
        }),
        'mlflow.chat.tools': json([
          { type: 'function', function: { name: 'get_weather', parameters: {} } },
        ]),
        'mlflow.chat.tokenUsage': json({ input_tokens: 40, output_tokens: 10, total_tokens: 50 }),
        'mlflow.llm.cost': json({
          input_cost: 0.000006,
          output_cost: 0.000006,
          total_cost: 0.000012,
        }),
        'mlflow.llm.model': json('gpt-4o-mini'),
        'mlflow.llm.provider': json('openai'),
        'mlflow.message.format': json('openai'),
      },
    }),
    traceSpan('t1', {
      parentSpanId: root,
      name: 'get_weather',
      kind: 'internal',
      scope,
      attributes: {
        'mlflow.spanType': json('TOOL'),
        'mlflow.spanFunctionName': json('get_weather'),
        'mlflow.spanInputs': json({ city: 'Paris' }),
        'mlflow.spanOutputs': json('21°C, sunny'),
      },
    }),
    traceSpan('m1', {
      parentSpanId: root,
      name: 'Messages',
      scope,
      attributes: {
        'mlflow.spanType': json('CHAT_MODEL'),
        'mlflow.spanInputs': json({
          model: 'claude-haiku-4-5',
          max_tokens: 512,
          system: [{ type: 'text', text: 'Summarize.', cache_control: { type: 'ephemeral' } }],
          messages: [
            { role: 'user', content: 'Weather in Paris?' },
            {
              role: 'assistant',
              content: [
                { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
              ],
            },
            {
              role: 'user',
              content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '21°C, sunny' }],
            },
          ],
        }),
        'mlflow.spanOutputs': json({
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          model: 'claude-haiku-4-5-20251001',
          content: [{ type: 'text', text: 'It is 21°C and sunny.' }],
          stop_reason: 'end_turn',
          usage: {
            input_tokens: 25,
            cache_creation_input_tokens: 1200,
            cache_read_input_tokens: 0,
            output_tokens: 9,
          },
        }),
        'mlflow.chat.tokenUsage': json({ input_tokens: 25, output_tokens: 9, total_tokens: 34 }),
        'mlflow.message.format': json('anthropic'),
      },
    }),
  ];
}

describe('MLflow tracing', () => {
  it('makes the AGENT root the $ai_trace with its inputs and outputs as state', () => {
    const run = mapPriced(agentTrace()).byId('r1');
    expect(run.event).toBe('$ai_trace');
    expect(run.distinct_id).toBe('user-7');
    expect(run.properties).toMatchObject({
      $ai_framework: 'mlflow',
      $ai_span_kind: 'agent',
      $ai_span_name: 'weather_agent',
      $ai_input_state: { question: 'Weather in Paris?' },
      $ai_output_state: 'It is 21°C and sunny.',
      $ai_session_id: 'session-1',
      // Decoded from MLflow's JSON quoting.
      'mlflow.traceRequestId': 'tr-4bf92f3577b34da6a3ce929d0e0e4736',
      'mlflow.spanType': 'AGENT',
      'mlflow.spanFunctionName': 'weather_agent',
    });
    expect(run.properties).not.toHaveProperty(['mlflow.spanInputs']);
  });

  it('reads an OpenAI chat span from the request and response bodies, keeping MLflow cost', () => {
    const chat = mapPriced(agentTrace()).byId('o1');
    expect(chat.event).toBe('$ai_generation');
    expect(chat.properties).toMatchObject({
      $ai_parent_id: root,
      $ai_model: 'gpt-4o-mini-2024-07-18',
      $ai_request_model: 'gpt-4o-mini',
      $ai_provider: 'openai',
      $ai_temperature: 0.1,
      $ai_input_tokens: 40,
      $ai_output_tokens: 10,
      $ai_input_tokens_include_cache: true,
      $ai_stop_reason: 'tool_calls',
      $ai_response_id: 'chatcmpl-9',
      $ai_session_id: 'session-1',
      $ai_input: [
        { role: 'system', content: 'Be concise.' },
        { role: 'user', content: 'Weather in Paris?' },
      ],
      $ai_tools: [{ type: 'function', function: { name: 'get_weather', parameters: {} } }],
      // Reported by MLflow: kept as given, not recomputed.
      $ai_input_cost_usd: 0.000006,
      $ai_output_cost_usd: 0.000006,
      $ai_total_cost_usd: 0.000012,
    });
    expect(chat.properties.$ai_output_choices).toEqual([
      {
        role: 'assistant',
        content: null,
        finish_reason: 'tool_calls',
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
    ]);
    for (const key of ['mlflow.chat.tokenUsage', 'mlflow.llm.cost', 'mlflow.spanOutputs'])
      expect(chat.properties).not.toHaveProperty([key]);
  });

  it('prices an Anthropic chat span with its exclusive input count and cache writes', () => {
    const chat = mapPriced(agentTrace()).byId('m1');
    expect(chat.properties).toMatchObject({
      $ai_provider: 'anthropic',
      $ai_model: 'claude-haiku-4-5-20251001',
      $ai_input_tokens: 25,
      $ai_cache_creation_input_tokens: 1200,
      $ai_input_tokens_include_cache: false,
      $ai_stop_reason: 'end_turn',
      $ai_input: [
        { role: 'system', content: 'Summarize.' },
        { role: 'user', content: 'Weather in Paris?' },
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
        { role: 'tool', content: '21°C, sunny', tool_call_id: 'toolu_1' },
      ],
      $ai_output_choices: [
        { role: 'assistant', content: 'It is 21°C and sunny.', finish_reason: 'end_turn' },
      ],
    });
    // claude-haiku-4-5: $1 in, $1.25 cache write, $5 out (per million tokens).
    expect(chat.properties.$ai_total_cost_usd).toBeCloseTo((25 + 1200 * 1.25 + 9 * 5) / 1e6, 12);
  });

  it('names the TOOL span after the function, arguments and result as state', () => {
    const tool = mapPriced(agentTrace()).byId('t1');
    expect(tool.event).toBe('$ai_span');
    expect(tool.properties).toMatchObject({
      $ai_span_name: 'get_weather',
      $ai_span_kind: 'tool',
      $ai_input_state: { city: 'Paris' },
      $ai_output_state: '21°C, sunny',
    });
  });

  it('maps EMBEDDING, RETRIEVER and MLflow 2.x chat messages', () => {
    const { byId } = mapPriced([
      traceSpan('e1', {
        name: 'Embeddings',
        scope,
        attributes: {
          'mlflow.spanType': json('EMBEDDING'),
          'mlflow.spanInputs': json({ input: 'hello world', model: 'text-embedding-3-small' }),
          'mlflow.spanOutputs': json({
            object: 'list',
            data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2] }],
            model: 'text-embedding-3-small',
            usage: { prompt_tokens: 2, total_tokens: 2 },
          }),
        },
      }),
      traceSpan('q1', {
        name: 'retrieve_docs',
        scope,
        attributes: {
          'mlflow.spanType': json('RETRIEVER'),
          'mlflow.spanInputs': json({ query: 'paris' }),
          'mlflow.spanOutputs': json([{ page_content: 'Paris is…', metadata: { id: 1 } }]),
        },
      }),
      traceSpan('l1', {
        name: 'ChatOpenAI',
        scope: { name: 'mlflow.langchain', version: '2.19.0' },
        attributes: {
          'mlflow.spanType': json('CHAT_MODEL'),
          'mlflow.spanInputs': json([[{ type: 'human', content: 'Hi' }]]),
          'mlflow.chat.messages': json([
            { role: 'user', content: 'Hi' },
            { role: 'assistant', content: 'Hello!' },
          ]),
          'mlflow.chat.tokenUsage': json({ input_tokens: 8, output_tokens: 2, total_tokens: 10 }),
          'mlflow.llm.model': json('gpt-4o-mini'),
          'mlflow.message.format': json('langchain'),
        },
      }),
    ]);
    const embedding = byId('e1');
    expect(embedding.event).toBe('$ai_embedding');
    expect(embedding.properties).toMatchObject({
      $ai_model: 'text-embedding-3-small',
      $ai_input_tokens: 2,
      $ai_input: [{ role: 'user', content: 'hello world' }],
    });
    expect(embedding.properties.$ai_total_cost_usd).toBe(
      priceProperties({
        $ai_provider: 'openai',
        $ai_model: 'text-embedding-3-small',
        $ai_input_tokens: 2,
      }).$ai_total_cost_usd,
    );
    expect(byId('q1').properties).toMatchObject({
      $ai_span_kind: 'retriever',
      $ai_input_state: { query: 'paris' },
    });
    const legacy = byId('l1');
    expect(legacy.event).toBe('$ai_generation');
    expect(legacy.properties).toMatchObject({
      $ai_model: 'gpt-4o-mini',
      $ai_input: [{ role: 'user', content: 'Hi' }],
      $ai_output_choices: [{ role: 'assistant', content: 'Hello!' }],
      $ai_input_tokens: 8,
      $ai_output_tokens: 2,
    });
    // No provider was recorded (`langchain` names a framework), yet the model alone finds the price.
    expect(legacy.properties.$ai_provider).toBeUndefined();
    expect(legacy.properties.$ai_total_cost_usd).toBeCloseTo((8 * 0.15 + 2 * 0.6) / 1e6, 12);
  });
});
