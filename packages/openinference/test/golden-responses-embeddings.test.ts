/** Golden tests: the Responses API and embeddings through the OpenInference instrumentation. */
import { describe, expect, it } from 'vitest';
import { expectCommon, expectCost, GPT_4O_MINI, perMillion, scenarioEvents } from './load-fixture';

describe('golden: Responses API and embeddings through the OpenInference OpenAI instrumentation', () => {
  it('Responses API, JSON and streamed: instructions first, output text parts, usage, cost', () => {
    for (const scenario of ['responses', 'responses-stream']) {
      const [event, ...rest] = scenarioEvents(scenario);
      expect(rest).toEqual([]);
      const p = event!.properties;
      expectCommon(event!);
      expect(event!.event).toBe('$ai_generation');
      expect(p.$ai_span_name).toBe('OpenAI Responses');
      expect(p.$ai_model).toBe('gpt-4o-mini-2024-07-18');
      expect(p.$ai_request_model).toBe('gpt-4o-mini');
      expect(p.$ai_response_id).toMatch(/^resp_mock_\d$/);
      expect(p.$ai_input).toEqual([
        { role: 'system', content: 'You are a concise assistant.' },
        { role: 'user', content: 'Name three primary colors.' },
      ]);
      // The instrumentation records no finish reason for the Responses API.
      expect(p.$ai_output_choices).toEqual([
        { role: 'assistant', content: 'Echo: Name three primary colors.' },
      ]);
      expect(p.$ai_input_tokens).toBe(23);
      expect(p.$ai_output_tokens).toBe(8);
      expectCost(p, perMillion(23, GPT_4O_MINI.input), perMillion(8, GPT_4O_MINI.output));
      // The instructions are content: they are in $ai_input, never in the parameters.
      expect(JSON.stringify(p.$ai_model_parameters ?? {})).not.toContain('concise');
    }
    const [json] = scenarioEvents('responses');
    expect(json!.properties.$ai_model_parameters).toEqual({ temperature: 0.2, max_tokens: 128 });
    expect(json!.properties.$ai_max_tokens).toBe(128);
    expect(json!.properties.$ai_stream).toBeUndefined();
    // A streamed Responses call does report usage: the instrumentation reads the final event.
    const [streamed] = scenarioEvents('responses-stream');
    expect(streamed!.properties.$ai_stream).toBe(true);
  });

  it('Responses API tools: function call output, then the tool result with its call id', () => {
    const [first, second] = scenarioEvents('responses-tools')
      .sort((a, b) => a.timestamp.localeCompare(b.timestamp))
      .map((e) => e.properties);
    const call = {
      id: 'call_mock_3',
      type: 'function',
      function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
    };
    expect(first!.$ai_output_choices).toEqual([
      { role: 'assistant', content: null, tool_calls: [call] },
    ]);
    expect(first!.$ai_tools).toEqual([
      expect.objectContaining({ type: 'function', name: 'get_weather', strict: false }),
    ]);
    expect(second!.$ai_input).toEqual([
      { role: 'user', content: 'What is the weather in Paris?' },
      { role: 'assistant', content: null, tool_calls: [call] },
      {
        role: 'tool',
        content: '{"city":"Paris","temperature":21,"unit":"celsius"}',
        tool_call_id: 'call_mock_3',
      },
    ]);
    expectCost(first!, perMillion(83, GPT_4O_MINI.input), perMillion(11, GPT_4O_MINI.output));
    expectCost(second!, perMillion(111, GPT_4O_MINI.input), perMillion(21, GPT_4O_MINI.output));
  });

  it('embeddings: texts as input, vectors never copied, no invented tokens or cost', () => {
    const [event, ...rest] = scenarioEvents('embeddings');
    expect(rest).toEqual([]);
    expect(event!.event).toBe('$ai_embedding');
    const p = event!.properties;
    expectCommon(event!);
    expect(p.$ai_span_name).toBe('OpenAI Embeddings');
    expect(p.$ai_model).toBe('text-embedding-3-small');
    expect(p.$ai_provider).toBe('openai');
    expect(p.$ai_input).toEqual([
      { role: 'user', content: 'The food was delicious.' },
      { role: 'user', content: 'The waiter was friendly.' },
    ]);
    expect(p.$ai_output_choices).toBeUndefined();
    // The instrumentation records no usage for embeddings: nothing is made up.
    expect(p.$ai_input_tokens).toBeUndefined();
    expect(p.$ai_total_cost_usd).toBeUndefined();
    expect(p.$ai_cost_error).toBe('no token counts');
    const json = JSON.stringify(p);
    expect(json).not.toMatch(/embedding\.vector|0\.35675981/);
    expect(Object.keys(p).filter((key) => key.startsWith('embedding.'))).toEqual([]);
  });
});
