/**
 * OpenLIT. The first tests map a real capture from OpenLIT's TypeScript SDK (see
 * fixtures/openlit/README.md). The Python SDK's older forms are hand-built from
 * openlit/openlit `sdk/python/src/openlit/semcov/__init__.py` (`gen_ai.usage.cost`,
 * `gen_ai.request.is_stream`, `gen_ai.server.ttft` / `gen_ai.server.tbt`, later
 * `gen_ai.server.time_to_first_token` / `time_per_output_token`, `gen_ai.application_name`,
 * `gen_ai.environment`, the `gen_ai.content.prompt` / `gen_ai.content.completion` span events
 * with `gen_ai.prompt` / `gen_ai.completion`, operation names `embedding`, `framework`,
 * `vectordb`, `agent`).
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../golden/load-fixture';
import type { AiEvent } from '../../src/types';
import { mapPriced, traceSpan } from './helpers';

function captured(): AiEvent[] {
  const { events, failed } = loadScenario('openlit', 'openai', 'json');
  expect(failed).toEqual([]);
  return events;
}

describe('OpenLIT TypeScript SDK (real capture)', () => {
  it('keeps the cost OpenLIT computed instead of pricing the calls again', () => {
    const events = captured();
    expect(events.map((e) => e.event).sort()).toEqual([
      '$ai_embedding',
      '$ai_generation',
      '$ai_generation',
      '$ai_generation',
      '$ai_generation',
    ]);
    const chat = events.find((e) => e.properties.$ai_response_id === 'chatcmpl-mock-1')!;
    expect(chat.properties).toMatchObject({
      $ai_framework: 'openlit',
      $ai_lib: '@openlit/instrumentation-vllm',
      $ai_model: 'gpt-4o-mini-2024-07-18',
      $ai_provider: 'openai',
      $ai_input_tokens: 16,
      $ai_output_tokens: 5,
      $ai_stream: false,
      $ai_temperature: 0.2,
      $ai_max_tokens: 64,
      $ai_input: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Hello there' },
      ],
      $ai_output_choices: [
        { role: 'assistant', content: 'Echo: Hello there', finish_reason: 'stop' },
      ],
    });
    // OpenLIT's price table said $0.001 / $0.002 per 1K tokens: 16 in, 5 out.
    expect(chat.properties.$ai_total_cost_usd).toBeCloseTo((16 * 0.001 + 5 * 0.002) / 1000, 15);
    // Kept as given: no input/output split was computed from the list price.
    expect(chat.properties.$ai_input_cost_usd).toBeUndefined();
    expect(chat.properties.$ai_cost_model).toBeUndefined();
    // The end user OpenAI was told about becomes the person.
    expect(chat.distinct_id).toBe('user-42');
    expect(chat.properties).not.toHaveProperty(['gen_ai.request.is_stream']);
    expect(chat.properties).not.toHaveProperty(['gen_ai.usage.cost']);
  });

  it('takes time to first token and the stream flag from the streamed call', () => {
    const streamed = captured().find((e) => e.properties.$ai_response_id === 'chatcmpl-mock-2')!;
    expect(streamed.properties).toMatchObject({
      $ai_stream: true,
      $ai_input_tokens: 9,
      $ai_output_tokens: 4,
    });
    const ttft = streamed.properties.$ai_time_to_first_token as number;
    expect(ttft).toBeGreaterThan(0);
    expect(ttft).toBeLessThan(streamed.properties.$ai_latency as number);
    // No $ai_* property for it: passed through under OpenLIT's key.
    expect(streamed.properties['gen_ai.server.time_per_output_token']).toEqual(expect.any(Number));
    expect(streamed.properties).not.toHaveProperty(['gen_ai.server.time_to_first_token']);
  });

  it('keeps the tool-calling generations under the app span, tools and calls mapped', () => {
    const { events, nonAi } = loadScenario('openlit', 'openai', 'json');
    // The app's own span has no AI keys: it is dropped, the generations keep it as parent.
    expect(nonAi).toBe(1);
    const toolCall = events.find((e) => e.properties.$ai_response_id === 'chatcmpl-mock-3')!;
    const answer = events.find((e) => e.properties.$ai_response_id === 'chatcmpl-mock-4')!;
    expect(toolCall.properties.$ai_parent_id).toMatch(/^[0-9a-f]{16}$/);
    expect(answer.properties.$ai_parent_id).toBe(toolCall.properties.$ai_parent_id);
    expect(toolCall.properties).toMatchObject({
      $ai_stop_reason: 'tool_calls',
      $ai_tool_name: 'get_weather',
      $ai_tools: [
        {
          type: 'function',
          name: 'get_weather',
          description: '',
          parameters: {
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
          },
        },
      ],
      $ai_output_choices: [
        {
          role: 'assistant',
          content: null,
          finish_reason: 'tool_calls',
          tool_calls: [
            {
              id: 'call_mock_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
      ],
    });
    // The tool call's arguments repeat the output; they are not the generation's state.
    expect(toolCall.properties.$ai_input_state).toBeUndefined();
    expect(toolCall.properties).not.toHaveProperty(['gen_ai.tool.args']);
  });

  it('maps the embeddings call with its plain-string input and kept cost', () => {
    const embedding = captured().find((e) => e.event === '$ai_embedding')!;
    expect(embedding.properties).toMatchObject({
      $ai_lib: '@openlit/instrumentation-openai',
      $ai_model: 'text-embedding-3-small',
      $ai_input_tokens: 3,
      $ai_input: [{ role: 'user', content: 'hello world' }],
    });
    expect(embedding.properties.$ai_total_cost_usd).toBeCloseTo((3 * 0.0001) / 1000, 15);
  });
});

describe('OpenLIT Python SDK (older forms)', () => {
  it('reads content events, legacy TTFT, and keeps the cost as given', () => {
    const { byId } = mapPriced([
      traceSpan('p1', {
        name: 'openai.chat.completions',
        scope: { name: 'openlit.instrumentation.openai', version: '1.32.0' },
        attributes: {
          'gen_ai.system': 'openai',
          'gen_ai.operation.name': 'chat',
          'gen_ai.endpoint': 'openai.chat.completions',
          'gen_ai.application_name': 'support-bot',
          'gen_ai.environment': 'production',
          'gen_ai.request.model': 'gpt-4o-mini',
          'gen_ai.request.is_stream': true,
          'gen_ai.usage.input_tokens': 100,
          'gen_ai.usage.output_tokens': 20,
          'gen_ai.usage.total_tokens': 120,
          'gen_ai.usage.cost': 0.5,
          'gen_ai.server.ttft': 0.35,
          'gen_ai.server.tbt': 0.01,
        },
        events: [
          {
            name: 'gen_ai.content.prompt',
            timeUnixNano: '1761955200100000000',
            attributes: { 'gen_ai.prompt': 'user: What is OpenLIT?' },
          },
          {
            name: 'gen_ai.content.completion',
            timeUnixNano: '1761955200900000000',
            attributes: { 'gen_ai.completion': 'An observability SDK.' },
          },
        ],
      }),
      traceSpan('p2', {
        name: 'openai.embeddings',
        scope: { name: 'openlit.instrumentation.openai', version: '1.16.0' },
        attributes: {
          'gen_ai.system': 'openai',
          'gen_ai.operation.name': 'embedding',
          'gen_ai.request.model': 'text-embedding-3-small',
          'gen_ai.usage.input_tokens': 5,
          'gen_ai.usage.cost': 0.0000001,
          // Python OpenLIT sets it on calls that do not stream too (to their whole duration).
          'gen_ai.server.ttft': 0.2,
          'gen_ai.request.is_stream': false,
        },
      }),
      traceSpan('p3', {
        name: 'langchain.retrieval_qa',
        scope: { name: 'openlit.instrumentation.langchain', version: '1.16.0' },
        attributes: {
          'gen_ai.system': 'langchain',
          'gen_ai.operation.name': 'framework',
          'gen_ai.application_name': 'support-bot',
        },
      }),
    ]);
    const chat = byId('p1');
    expect(chat.event).toBe('$ai_generation');
    expect(chat.properties).toMatchObject({
      $ai_framework: 'openlit',
      $ai_stream: true,
      $ai_time_to_first_token: 0.35,
      $ai_total_cost_usd: 0.5,
      $ai_input: [{ role: 'user', content: 'user: What is OpenLIT?' }],
      $ai_output_choices: [{ role: 'assistant', content: 'An observability SDK.' }],
      'gen_ai.application_name': 'support-bot',
      'gen_ai.environment': 'production',
      'gen_ai.server.tbt': 0.01,
    });
    expect(chat.properties.$ai_input_cost_usd).toBeUndefined();

    const embedding = byId('p2');
    expect(embedding.event).toBe('$ai_embedding');
    expect(embedding.properties.$ai_total_cost_usd).toBe(0.0000001);
    expect(embedding.properties.$ai_time_to_first_token).toBeUndefined();

    const framework = byId('p3');
    expect(framework.event).toBe('$ai_trace');
    expect(framework.properties.$ai_span_kind).toBe('chain');
  });
});
