/** Golden tests, AI SDK 6: tool loops (generateText and streamText, two steps). */
import { describe, expect, it } from 'vitest';
import { byName, gpt4oMiniCost, scenarioEvents, stable } from './load-fixture';

const events = (scenario: string) => scenarioEvents('v6', scenario);

const weatherResult = '{"city":"Paris","temperature":21,"unit":"celsius"}';
const toolCall = {
  id: 'call_mock_1',
  type: 'function',
  function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
};
const weatherTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Get the current weather for a city',
  inputSchema: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: { city: { type: 'string', description: 'City name' } },
    required: ['city'],
    additionalProperties: false,
  },
};

function totalCost(properties: Array<Record<string, unknown>>): number {
  let total = 0;
  for (const p of properties)
    if (typeof p.$ai_total_cost_usd === 'number') total += p.$ai_total_cost_usd;
  return total;
}

describe('golden: AI SDK 6 tool loop', () => {
  it('generateText with a tool over two steps: two generations, one tool span, one trace', () => {
    const all = events('tool-loop');
    expect(all.map((e) => [e.event, e.properties.$ai_span_name])).toEqual([
      ['$ai_generation', 'ai.generateText.doGenerate'],
      ['$ai_span', 'get_weather'],
      ['$ai_generation', 'ai.generateText.doGenerate'],
      ['$ai_trace', 'weather-agent'],
    ]);
    const [first, tool, second, trace] = all.map((e) => e.properties);

    expect(first!.$ai_input).toEqual([{ role: 'user', content: 'What is the weather in Paris?' }]);
    // `tool-calls` is the AI SDK's finish reason, kept as the SDK reports it.
    expect(first!.$ai_output_choices).toEqual([
      { role: 'assistant', content: null, tool_calls: [toolCall], finish_reason: 'tool-calls' },
    ]);
    expect(first!.$ai_stop_reason).toBe('tool-calls');
    expect(first!.$ai_tools).toEqual([weatherTool]);
    expect(first!.$ai_model_parameters).toEqual({ tool_choice: 'auto' });

    // The tool span is named after the tool; arguments and result are its state.
    expect(stable(tool!)).toEqual({
      'service.name': 'vercel-ai-v6-fixtures',
      $ai_trace_id: '<trace>',
      $ai_span_id: '<span>',
      $ai_parent_id: '<parent>',
      $ai_span_name: 'get_weather',
      $ai_trace_name: 'weather-agent',
      $ai_operation: 'ai.toolCall',
      $ai_span_kind: 'tool',
      $ai_input_state: { city: 'Paris' },
      $ai_output_state: { city: 'Paris', temperature: 21, unit: 'celsius' },
      $ai_latency: '<latency>',
      $ai_lib: 'ai',
      $ai_framework: 'vercel-ai',
      $process_person_profile: false,
    });
    expect(tool!.$ai_parent_id).toBe(trace!.$ai_span_id);

    // Step 2 sees the tool call and the tool result (AI SDK `{type:'json', value}` output).
    expect(second!.$ai_input).toEqual([
      { role: 'user', content: 'What is the weather in Paris?' },
      { role: 'assistant', content: null, tool_calls: [toolCall] },
      { role: 'tool', content: weatherResult, tool_call_id: 'call_mock_1', name: 'get_weather' },
    ]);
    expect(second!.$ai_output_choices).toEqual([
      {
        role: 'assistant',
        content: `The get_weather tool returned: ${weatherResult}`,
        finish_reason: 'stop',
      },
    ]);
    expect(first!).toMatchObject(gpt4oMiniCost(90, 7));
    expect(second!).toMatchObject(gpt4oMiniCost(137, 21));

    // The outer span sums both steps and is never costed.
    expect(trace!.$ai_input_tokens).toBe(90 + 137);
    expect(trace!.$ai_output_tokens).toBe(7 + 21);
    for (const key of ['$ai_input_cost_usd', '$ai_output_cost_usd', '$ai_total_cost_usd']) {
      expect(trace![key]).toBeUndefined();
      expect(tool![key]).toBeUndefined();
    }
  });

  it('the trace costs exactly the sum of its two leaf generations', () => {
    const all = events('tool-loop').map((e) => e.properties);
    const generations = all.filter((p) => p.$ai_operation === 'ai.generateText.doGenerate');
    expect(generations).toHaveLength(2);
    const leafSum =
      (generations[0]!.$ai_total_cost_usd as number) +
      (generations[1]!.$ai_total_cost_usd as number);
    expect(totalCost(all)).toBe(leafSum);
    expect(leafSum).toBeCloseTo(((90 + 137) * 0.15 + (7 + 21) * 0.6) / 1e6, 15);
  });

  it('streamText with a tool: the tool span hangs under the first doStream, TTFT per step', () => {
    const all = events('tool-loop-stream');
    expect(all.map((e) => [e.event, e.properties.$ai_span_name])).toEqual([
      ['$ai_span', 'get_weather'],
      ['$ai_generation', 'ai.streamText.doStream'],
      ['$ai_generation', 'ai.streamText.doStream'],
      ['$ai_trace', 'weather-agent-stream'],
    ]);
    const [tool, first, second, trace] = all.map((e) => e.properties);
    // In streamText the AI SDK runs the tool inside the first step's provider-call span.
    expect(tool!.$ai_parent_id).toBe(first!.$ai_span_id);
    expect(first!.$ai_parent_id).toBe(trace!.$ai_span_id);
    // The Responses API stream records tool input as an object, not a JSON string.
    expect(first!.$ai_output_choices).toEqual([
      { role: 'assistant', content: null, tool_calls: [toolCall], finish_reason: 'tool-calls' },
    ]);
    for (const step of [first!, second!]) {
      expect(step.$ai_stream).toBe(true);
      expect(step.$ai_time_to_first_token).toBeGreaterThan(0.015);
      expect(step.$ai_time_to_first_token).toBeLessThan(step.$ai_latency as number);
    }
    expect(totalCost(all.map((e) => e.properties))).toBe(
      (first!.$ai_total_cost_usd as number) + (second!.$ai_total_cost_usd as number),
    );
    expect(byName(all, 'weather-agent-stream')[0]!.properties.$ai_input_tokens).toBe(86 + 109);
  });
});
