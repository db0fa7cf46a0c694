/**
 * Golden tests: OTLP captured from the real `openai` client instrumented by
 * `@arizeai/openinference-instrumentation-openai` 4.2.7 against the mock server (see
 * fixtures/openai/README.md), mapped with the OpenInference normalizer and the pricer.
 */
import { describe, expect, it } from 'vitest';
import {
  eventNamed,
  expectCommon,
  expectCost,
  GPT_4O_MINI,
  O4_MINI,
  perMillion,
  scenarioEvents,
} from './load-fixture';

const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather in a city',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string', description: 'City name' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      },
      required: ['city'],
    },
  },
};

describe('golden: chat completions through the OpenInference OpenAI instrumentation', () => {
  it('chat: messages, model, parameters, usage and cost', () => {
    const [event, ...rest] = scenarioEvents('chat');
    expect(rest).toEqual([]);
    expect(event!.event).toBe('$ai_generation');
    const p = event!.properties;
    expectCommon(event!);
    expect(p.$ai_span_name).toBe('OpenAI Chat Completions');
    expect(p.$ai_parent_id).toBeUndefined();
    expect(p.$ai_provider).toBe('openai');
    expect(p.$ai_model).toBe('gpt-4o-mini-2024-07-18');
    expect(p.$ai_request_model).toBe('gpt-4o-mini');
    expect(p.$ai_input).toEqual([
      { role: 'system', content: 'You are a helpful assistant. Answer in one sentence.' },
      { role: 'user', content: 'What is the capital of France?' },
    ]);
    expect(p.$ai_output_choices).toEqual([
      { role: 'assistant', content: 'Echo: What is the capital of France?', finish_reason: 'stop' },
    ]);
    expect(p.$ai_stop_reason).toBe('stop');
    expect(p.$ai_response_id).toBe('chatcmpl-mock-1');
    expect(p.$ai_input_tokens).toBe(30);
    expect(p.$ai_output_tokens).toBe(9);
    expect(p.$ai_total_tokens).toBe(39);
    expect(p.$ai_cache_read_input_tokens).toBe(0);
    expect(p.$ai_reasoning_tokens).toBe(0);
    expect(p.$ai_input_tokens_include_cache).toBe(true);
    expect(p.$ai_temperature).toBe(0.7);
    expect(p.$ai_max_tokens).toBe(256);
    expect(p.$ai_model_parameters).toEqual({ temperature: 0.7, max_tokens: 256 });
    expect(p.$ai_stream).toBeUndefined();
    expect(p.$ai_is_error).toBeUndefined();
    expect(p.$process_person_profile).toBe(false);
    expectCost(p, perMillion(30, GPT_4O_MINI.input), perMillion(9, GPT_4O_MINI.output));
  });

  it('does not pass the raw input.value / output.value of an LLM span through', () => {
    for (const scenario of ['chat', 'chat-stream', 'tools-two-turns', 'responses', 'context']) {
      for (const event of scenarioEvents(scenario)) {
        const json = JSON.stringify(event.properties);
        expect(event.properties['input.value']).toBeUndefined();
        expect(event.properties['output.value']).toBeUndefined();
        expect(event.properties['llm.invocation_parameters']).toBeUndefined();
        // The raw request body (with its "messages" key) appears nowhere in the event.
        expect(json).not.toContain('\\"messages\\"');
      }
    }
  });

  it('streamed call that reports no usage: no tokens, no cost, the reason instead', () => {
    const [event] = scenarioEvents('chat-stream');
    const p = event!.properties;
    expectCommon(event!);
    expect(p.$ai_stream).toBe(true);
    // Streaming: the instrumentation records the requested model and ignores the usage chunk.
    expect(p.$ai_model).toBe('gpt-4o-mini');
    expect(p.$ai_request_model).toBeUndefined();
    expect(p.$ai_input).toEqual([{ role: 'user', content: 'Tell me a fact about Paris.' }]);
    expect(p.$ai_output_choices).toEqual([
      { role: 'assistant', content: 'Echo: Tell me a fact about Paris.', finish_reason: 'stop' },
    ]);
    expect(p.$ai_model_parameters).toEqual({ stream_options: { include_usage: true } });
    for (const key of Object.keys(p)) expect(key).not.toMatch(/tokens|_cost_usd$/);
    expect(p.$ai_cost_error).toBe('no token counts');
  });

  it('streamed tool call: tool calls rebuilt from the stream, tools, top_p and stop', () => {
    const [event] = scenarioEvents('chat-stream-tools');
    const p = event!.properties;
    expectCommon(event!);
    expect(p.$ai_model).toBe('gpt-4o');
    expect(p.$ai_stream).toBe(true);
    expect(p.$ai_model_parameters).toEqual({ top_p: 0.9, stop: ['END'] });
    expect(p.$ai_tools).toEqual([WEATHER_TOOL]);
    expect(p.$ai_output_choices).toEqual([
      {
        role: 'assistant',
        content: null,
        finish_reason: 'tool_calls',
        tool_calls: [
          {
            id: 'call_mock_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
          },
        ],
      },
    ]);
    expect(p.$ai_total_cost_usd).toBeUndefined();
  });

  it('multi-part content: a text part and an image part', () => {
    const [event] = scenarioEvents('chat-multipart');
    expect(event!.properties.$ai_input).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in this picture?' },
          { type: 'image', image: 'https://example.com/cat.png' },
        ],
      },
    ]);
    expect(event!.properties.$ai_model_parameters).toBeUndefined();
  });

  it('reasoning model with a cached prompt: cache read and reasoning tokens, priced by hand', () => {
    const [event] = scenarioEvents('chat-reasoning-cached');
    const p = event!.properties;
    expectCommon(event!);
    expect(p.$ai_model).toBe('o4-mini-2025-04-16');
    expect(p.$ai_input_tokens).toBe(1475);
    expect(p.$ai_cache_read_input_tokens).toBe(1408);
    expect(p.$ai_cache_creation_input_tokens).toBeUndefined();
    expect(p.$ai_output_tokens).toBe(69);
    expect(p.$ai_reasoning_tokens).toBe(64);
    expect(p.$ai_total_tokens).toBe(1544);
    expect(p.$ai_max_tokens).toBe(512);
    expect(p.$ai_model_parameters).toEqual({ max_tokens: 512 });
    // Input includes the cache (OpenInference convention): 67 fresh tokens, 1408 cached.
    expectCost(
      p,
      perMillion(1475 - 1408, O4_MINI.input) + perMillion(1408, O4_MINI.cacheRead),
      perMillion(69, O4_MINI.output),
    );
    expect(p.$ai_input_cost_usd).toBeCloseTo(0.0004609, 12);
  });

  it('agent with a tool over two turns: tool calls, tool call ids, the tool span, costs', () => {
    const events = scenarioEvents('tools-two-turns');
    expect(events.map((e) => e.event).sort()).toEqual([
      '$ai_generation',
      '$ai_generation',
      '$ai_span',
      '$ai_trace',
    ]);
    const agent = eventNamed(events, 'weather-agent');
    const tool = eventNamed(events, 'get_weather');
    const [first, second] = events
      .filter((e) => e.event === '$ai_generation')
      .sort((a, b) => a.timestamp.localeCompare(b.timestamp))
      .map((e) => e.properties);

    expectCommon(agent, 'openinference-core');
    expect(agent.event).toBe('$ai_trace');
    expect(agent.properties.$ai_span_kind).toBe('agent');
    expect(agent.properties.$ai_input_state).toBe('What is the weather in Paris?');
    const answer =
      'The get_weather tool returned: {"city":"Paris","temperature":21,"unit":"celsius"}';
    expect(agent.properties.$ai_output_state).toBe(answer);

    const spanId = agent.properties.$ai_span_id;
    for (const child of [first!, second!, tool.properties]) {
      expect(child.$ai_parent_id).toBe(spanId);
      expect(child.$ai_trace_name).toBe('weather-agent');
    }
    expectCommon(tool, 'openinference-core');
    expect(tool.event).toBe('$ai_span');
    expect(tool.properties.$ai_span_kind).toBe('tool');
    expect(tool.properties.$ai_input_state).toEqual({ city: 'Paris', unit: 'celsius' });
    expect(tool.properties.$ai_output_state).toEqual({
      city: 'Paris',
      temperature: 21,
      unit: 'celsius',
    });
    expect(tool.properties.$ai_tools).toEqual([WEATHER_TOOL]);
    expect(tool.properties.$ai_total_cost_usd).toBeUndefined();

    const toolCall = {
      id: 'call_mock_2',
      type: 'function',
      function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
    };
    expect(first!.$ai_tools).toEqual([WEATHER_TOOL]);
    expect(first!.$ai_input).toEqual([{ role: 'user', content: 'What is the weather in Paris?' }]);
    expect(first!.$ai_output_choices).toEqual([
      { role: 'assistant', content: null, tool_calls: [toolCall], finish_reason: 'tool_calls' },
    ]);
    expect(first!.$ai_stop_reason).toBe('tool_calls');
    expect(second!.$ai_input).toEqual([
      { role: 'user', content: 'What is the weather in Paris?' },
      { role: 'assistant', content: null, tool_calls: [toolCall] },
      {
        role: 'tool',
        content: '{"city":"Paris","temperature":21,"unit":"celsius"}',
        tool_call_id: 'call_mock_2',
      },
    ]);
    expect(second!.$ai_output_choices).toEqual([
      { role: 'assistant', content: answer, finish_reason: 'stop' },
    ]);
    expectCost(first!, perMillion(82, GPT_4O_MINI.input), perMillion(11, GPT_4O_MINI.output));
    expectCost(second!, perMillion(134, GPT_4O_MINI.input), perMillion(21, GPT_4O_MINI.output));
    // Every event of the trace lands on the same anonymous person.
    expect(new Set(events.map((e) => e.distinct_id)).size).toBe(1);
  });
});
