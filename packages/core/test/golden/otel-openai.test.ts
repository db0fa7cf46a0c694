/**
 * Golden tests: OTLP captured from the real `openai` client instrumented by
 * `@opentelemetry/instrumentation-openai` (content capture on, log records captured too)
 * against the mock server. See fixtures/otel-openai/README.md for how they were made.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario, scenarioEvents } from './load-fixture';

const events = (scenario: string, options?: { privacyMode?: boolean }) =>
  scenarioEvents('otel-openai', scenario, options);

// Prices from @pydantic/genai-prices, USD per million tokens (see the pricing tests, which pin them).
const GPT_4O_MINI = { input: 0.15, output: 0.6 };
const GPT_4O = { input: 2.5, output: 10 };
const O4_MINI = { input: 1.1, output: 4.4 };
const EMBEDDING_3_SMALL = { input: 0.02 };
const cost = (tokens: number, perMillion: number) => (tokens * perMillion) / 1e6;

function expectCost(properties: Record<string, unknown>, input: number, output: number) {
  expect(properties.$ai_input_cost_usd).toBeCloseTo(input, 12);
  expect(properties.$ai_output_cost_usd).toBeCloseTo(output, 12);
  expect(properties.$ai_total_cost_usd).toBeCloseTo(input + output, 12);
}

function expectCommon(properties: Record<string, unknown>) {
  expect(properties.$ai_trace_id).toMatch(/^[0-9a-f]{32}$/);
  expect(properties.$ai_span_id).toMatch(/^[0-9a-f]{16}$/);
  expect(properties.$ai_provider).toBe('openai');
  expect(properties.$ai_lib).toBe('@opentelemetry/instrumentation-openai');
  expect(properties.$ai_lib_version).toBe('0.21.0');
  expect(properties.$ai_base_url).toMatch(/^127\.0\.0\.1:\d+$/);
  expect(properties.$ai_latency).toBeGreaterThan(0);
  expect(properties.$ai_latency).toBeLessThan(10);
  expect(properties['service.name']).toBe('otel-openai-fixtures');
  expect(properties['telemetry.sdk.name']).toBe('opentelemetry');
  for (const key of Object.keys(properties)) {
    expect(key).not.toMatch(/^(gen_ai\.|host\.|process\.|os\.)/);
  }
}

describe('golden: @opentelemetry/instrumentation-openai 0.21 with openai 6', () => {
  it('chat: messages from log records, parameters, usage, cost', () => {
    const [event, ...rest] = events('chat');
    expect(rest).toEqual([]);
    const p = event!.properties;
    expect(event!.event).toBe('$ai_generation');
    expectCommon(p);
    expect(p.$ai_span_name).toBe('chat gpt-4o-mini');
    expect(p.$ai_model).toBe('gpt-4o-mini-2024-07-18');
    expect(p.$ai_request_model).toBe('gpt-4o-mini');
    expect(p.$ai_input).toEqual([
      { role: 'system', content: 'You are a helpful assistant. Answer in one sentence.' },
      { role: 'user', content: 'What is the capital of France?' },
    ]);
    expect(p.$ai_output_choices).toEqual([
      { role: 'assistant', content: 'Echo: What is the capital of France?', finish_reason: 'stop' },
    ]);
    expect(p.$ai_input_tokens).toBe(30);
    expect(p.$ai_output_tokens).toBe(9);
    expect(p.$ai_temperature).toBe(0.7);
    expect(p.$ai_max_tokens).toBe(256);
    expect(p.$ai_model_parameters).toEqual({ temperature: 0.7, max_tokens: 256 });
    expect(p.$ai_stop_reason).toBe('stop');
    expect(p.$ai_response_id).toBe('chatcmpl-mock-1');
    expect(p.$ai_parent_id).toBeUndefined();
    expect(p.$ai_is_error).toBeUndefined();
    expect(p.$process_person_profile).toBe(false);
    expect(event!.distinct_id).toMatch(/^[0-9a-f-]{36}$/);
    expectCost(p, cost(30, GPT_4O_MINI.input), cost(9, GPT_4O_MINI.output));
  });

  it('streaming: usage from the final chunk, output rebuilt from the stream', () => {
    const [event] = events('chat-stream');
    const p = event!.properties;
    expectCommon(p);
    expect(p.$ai_input).toEqual([{ role: 'user', content: expect.any(String) }]);
    expect(p.$ai_output_choices).toEqual([
      { role: 'assistant', content: expect.stringMatching(/^Echo: /), finish_reason: 'stop' },
    ]);
    expect(p.$ai_input_tokens).toBe(14);
    expect(p.$ai_output_tokens).toBe(9);
    expectCost(p, cost(14, GPT_4O_MINI.input), cost(9, GPT_4O_MINI.output));
  });

  it('tools over two turns: the tool call, then the tool result and the answer', () => {
    const generations = events('tools-two-turns');
    // The manual `weather-agent` parent carries no AI attributes: only the two model calls map.
    expect(generations.map((e) => e.event)).toEqual(['$ai_generation', '$ai_generation']);
    const [first, second] = generations.map((e) => e.properties);
    expect(first!.$ai_parent_id).toBe(second!.$ai_parent_id);
    expect(first!.$ai_trace_id).toBe(second!.$ai_trace_id);
    const toolCall = {
      id: 'call_mock_1',
      type: 'function',
      function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
    };
    expect(first!.$ai_input).toEqual([{ role: 'user', content: 'What is the weather in Paris?' }]);
    expect(first!.$ai_output_choices).toEqual([
      { role: 'assistant', content: null, tool_calls: [toolCall], finish_reason: 'tool_calls' },
    ]);
    expect(first!.$ai_stop_reason).toBe('tool_calls');
    const toolResult = '{"city":"Paris","temperature":21,"unit":"celsius"}';
    expect(second!.$ai_input).toEqual([
      { role: 'user', content: 'What is the weather in Paris?' },
      { role: 'assistant', content: null, tool_calls: [toolCall] },
      { role: 'tool', content: toolResult, tool_call_id: 'call_mock_1' },
    ]);
    expect(second!.$ai_output_choices).toEqual([
      {
        role: 'assistant',
        content: `The get_weather tool returned: ${toolResult}`,
        finish_reason: 'stop',
      },
    ]);
    expectCost(
      first!,
      cost(84, GPT_4O_MINI.input),
      cost(first!.$ai_output_tokens as number, GPT_4O_MINI.output),
    );
    expectCost(
      second!,
      cost(136, GPT_4O_MINI.input),
      cost(second!.$ai_output_tokens as number, GPT_4O_MINI.output),
    );
    // Both turns share the anonymous person of their trace.
    expect(generations[0]!.distinct_id).toBe(generations[1]!.distinct_id);
  });

  it('streamed tool call with top_p and stop on gpt-4o', () => {
    const [event] = events('chat-stream-tools');
    const p = event!.properties;
    expect(p.$ai_model).toBe('gpt-4o-2024-08-06');
    expect(p.$ai_model_parameters).toEqual({ top_p: 0.9, stop: ['END'] });
    expect(p.$ai_output_choices).toEqual([
      {
        role: 'assistant',
        content: null,
        finish_reason: 'tool_calls',
        tool_calls: [
          {
            id: expect.stringMatching(/^call_mock_/),
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
          },
        ],
      },
    ]);
    expectCost(p, cost(84, GPT_4O.input), cost(11, GPT_4O.output));
  });

  it('embeddings: an $ai_embedding with input tokens and cost', () => {
    const [event, ...rest] = events('embeddings');
    expect(rest).toEqual([]);
    expect(event!.event).toBe('$ai_embedding');
    const p = event!.properties;
    expectCommon(p);
    expect(p.$ai_model).toBe('text-embedding-3-small');
    expect(p.$ai_input_tokens).toBe(11);
    expect(p.$ai_output_tokens).toBeUndefined();
    expect(p.$ai_total_cost_usd).toBeCloseTo(cost(11, EMBEDDING_3_SMALL.input), 12);
  });

  it('Responses API: instructions and input from the operation details records', () => {
    for (const scenario of ['responses', 'responses-stream']) {
      const [event] = events(scenario);
      const p = event!.properties;
      expectCommon(p);
      expect(p.$ai_response_id).toMatch(/^resp_mock_/);
      expect(p.$ai_input).toEqual([
        { role: 'system', content: 'You are a concise assistant.' },
        { role: 'user', content: 'Name three primary colors.' },
      ]);
      expect(p.$ai_output_choices).toEqual([
        { role: 'assistant', content: 'Echo: Name three primary colors.', finish_reason: 'stop' },
      ]);
      expect(p.$ai_input_tokens).toBe(23);
      expect(p.$ai_output_tokens).toBe(8);
      expectCost(p, cost(23, GPT_4O_MINI.input), cost(8, GPT_4O_MINI.output));
    }
  });

  it('Responses API with tools: function call output and the tool result turn', () => {
    const [first, second] = events('responses-tools').map((e) => e.properties);
    const call = {
      id: 'fc_mock_1',
      type: 'function',
      function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
    };
    expect(first!.$ai_output_choices).toEqual([
      { role: 'assistant', content: null, tool_calls: [call], finish_reason: 'tool_call' },
    ]);
    expect(second!.$ai_input).toEqual([
      { role: 'user', content: 'What is the weather in Paris?' },
      { role: 'assistant', content: null, tool_calls: [call] },
      // The instrumentation records the tool result with a null id.
      { role: 'tool', content: '{"city":"Paris","temperature":21,"unit":"celsius"}' },
    ]);
  });

  it('Responses API on a reasoning model: reasoning items carry no message', () => {
    const [event] = events('responses-reasoning');
    const p = event!.properties;
    expect(p.$ai_model).toBe('o4-mini-2025-04-16');
    expect(p.$ai_output_choices).toEqual([
      { role: 'assistant', content: 'Echo: Is 17 prime?', finish_reason: 'stop' },
    ]);
    expectCost(p, cost(17, O4_MINI.input), cost(69, O4_MINI.output));
  });

  it('content capture off: no content at all, although the span still carries instructions', () => {
    for (const scenario of ['chat-no-content', 'responses-no-content']) {
      const [event] = events(scenario);
      const p = event!.properties;
      expect(p.$ai_input).toBeUndefined();
      expect(p.$ai_output_choices).toBeUndefined();
      expect(JSON.stringify(p)).not.toContain('Private instructions');
      expect(p.$ai_input_tokens).toBeGreaterThan(0);
    }
  });

  it('a 429 and a 500: errors with message, type and HTTP status, and no cost', () => {
    for (const [scenario, status, type] of [
      ['error-429', 429, 'RateLimitError'],
      ['error-500', 500, 'InternalServerError'],
    ] as const) {
      const [event] = events(scenario);
      const p = event!.properties;
      expect(event!.event).toBe('$ai_generation');
      expect(p.$ai_is_error).toBe(true);
      expect(p.$ai_error).toMatch(new RegExp(`^${status} `));
      expect(p.$ai_error_type).toBe(type);
      expect(p.$ai_http_status).toBe(status);
      expect(p.$ai_input).toEqual([{ role: 'user', content: expect.any(String) }]);
      expect(p.$ai_total_cost_usd).toBeUndefined();
      expect(p.$ai_cost_error).toBe('no token counts');
    }
  });

  it('a trace mixing HTTP and DB spans with one LLM span yields exactly one event', () => {
    const result = loadScenario('otel-openai', 'mixed-http-db', 'pb');
    expect(result.events).toHaveLength(1);
    expect(result.nonAi).toBe(2);
    const p = result.events[0]!.properties;
    expect(result.events[0]!.event).toBe('$ai_generation');
    // Its parent (the DB span's parent, the HTTP span) was dropped: it keeps its parent id.
    expect(p.$ai_parent_id).toMatch(/^[0-9a-f]{16}$/);
    expect(p['http.request.method']).toBeUndefined();
    expect(p['db.query.text']).toBeUndefined();
  });

  it('privacy mode drops every message but keeps usage and cost', () => {
    const [event] = events('tools-two-turns', { privacyMode: true });
    const p = event!.properties;
    expect(p.$ai_input).toBeUndefined();
    expect(p.$ai_output_choices).toBeUndefined();
    expect(JSON.stringify(p)).not.toContain('Paris');
    expect(p.$ai_input_tokens).toBe(84);
    expect(p.$ai_total_cost_usd).toBeGreaterThan(0);
  });
});
