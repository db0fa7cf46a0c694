/**
 * Golden tests: OTLP captured from the real AI SDK 7 (`ai@7`, `@ai-sdk/otel`,
 * `registerTelemetry(new OpenTelemetry())`) under Node 22; the files are mapped here on
 * Node 20 like any other OTLP. See fixtures/v7/README.md.
 */
import { describe, expect, it } from 'vitest';
import { gpt4oMiniCost, scenarioEvents, stable } from './load-fixture';

const events = (scenario: string) => scenarioEvents('v7', scenario);

const weatherResult = '{"city":"Paris","temperature":21,"unit":"celsius"}';
const toolCall = {
  id: 'call_mock_1',
  type: 'function',
  function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
};

function expectNoRawKeys(properties: Record<string, unknown>) {
  for (const key of Object.keys(properties)) expect(key).not.toMatch(/^(ai\.|gen_ai\.)/);
}

describe('golden: AI SDK 7 generateText / streamText', () => {
  it('generateText: chat is the costed generation; step and invoke_agent are uncosted spans', () => {
    const all = events('generate-text');
    expect(all.map((e) => [e.event, e.properties.$ai_span_name])).toEqual([
      ['$ai_generation', 'chat gpt-4o-mini'],
      ['$ai_span', 'step 1'],
      ['$ai_trace', 'capital-question'],
    ]);
    const [chat, step, agent] = all.map((e) => e.properties);
    const common = {
      'service.name': 'vercel-ai-v7-fixtures',
      $ai_trace_id: '<trace>',
      $ai_span_id: '<span>',
      $ai_latency: '<latency>',
      $ai_lib: 'gen_ai',
      $ai_framework: 'vercel-ai',
      $ai_trace_name: 'capital-question',
      $process_person_profile: false,
    };
    const input = [
      { role: 'system', content: 'You are a helpful assistant. Answer in one sentence.' },
      { role: 'user', content: 'What is the capital of France?' },
    ];
    const output = [
      { role: 'assistant', content: 'Echo: What is the capital of France?', finish_reason: 'stop' },
    ];
    const usage = {
      $ai_input_tokens: 30,
      $ai_input_tokens_include_cache: true,
      $ai_output_tokens: 9,
      $ai_cache_read_input_tokens: 0,
    };
    const parameters = {
      $ai_temperature: 0.7,
      $ai_max_tokens: 256,
      $ai_model_parameters: { temperature: 0.7, max_tokens: 256 },
    };
    expect(stable(chat!)).toEqual({
      ...common,
      ...usage,
      ...parameters,
      $ai_parent_id: '<parent>',
      $ai_span_name: 'chat gpt-4o-mini',
      $ai_model: 'gpt-4o-mini-2024-07-18',
      $ai_request_model: 'gpt-4o-mini',
      $ai_provider: 'openai',
      $ai_operation: 'chat',
      $ai_input: input,
      $ai_output_choices: output,
      $ai_stop_reason: 'stop',
      $ai_response_id: 'chatcmpl-mock-1',
      $ai_base_url: '<mock>',
      ...gpt4oMiniCost(30, 9),
    });
    expect(stable(step!)).toEqual({
      ...common,
      $ai_parent_id: '<parent>',
      $ai_span_name: 'step 1',
      $ai_operation: 'agent_step',
      $ai_span_kind: 'span',
    });
    expect(stable(agent!)).toEqual({
      ...common,
      ...usage,
      ...parameters,
      $ai_span_name: 'capital-question',
      $ai_agent_name: 'capital-question',
      $ai_model: 'gpt-4o-mini',
      $ai_provider: 'openai',
      $ai_operation: 'invoke_agent',
      $ai_span_kind: 'agent',
      $ai_input_state: input,
      $ai_output_state: output,
      $ai_stop_reason: 'stop',
    });
    for (const p of [chat!, step!, agent!]) expectNoRawKeys(p);
  });

  it('streamText: time to first token from gen_ai.client.operation.time_to_first_chunk', () => {
    const [chat] = events('stream-text');
    const p = chat!.properties;
    expect(p.$ai_stream).toBe(true);
    expect(p.$ai_time_to_first_token).toBeGreaterThan(0.015);
    expect(p.$ai_time_to_first_token).toBeLessThan(p.$ai_latency as number);
    expect(p.$ai_output_choices).toEqual([
      { role: 'assistant', content: 'Echo: Tell me about Paris.', finish_reason: 'stop' },
    ]);
    expect(p).toMatchObject(gpt4oMiniCost(11, 7));
    expectNoRawKeys(p);
  });

  it('Responses API: provider openai, system message kept in order, cache write tokens', () => {
    const [chat] = events('generate-text-responses');
    expect(chat!.properties.$ai_input).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Name a French city.' },
    ]);
    expect(chat!.properties.$ai_model_parameters).toEqual({ top_p: 0.9 });
    expect(chat!.properties.$ai_cache_creation_input_tokens).toBe(0);
    const [streamed] = events('stream-text-responses');
    expect(streamed!.properties.$ai_time_to_first_token).toBeGreaterThan(0.015);
    expect(streamed!.properties.$ai_max_tokens).toBe(100);
  });

  it('tool loop: trace cost is exactly the two chat calls; finish reasons kept as emitted', () => {
    const all = events('tool-loop');
    expect(all.map((e) => [e.event, e.properties.$ai_span_name])).toEqual([
      ['$ai_generation', 'chat gpt-4o-mini'],
      ['$ai_span', 'get_weather'],
      ['$ai_span', 'step 1'],
      ['$ai_generation', 'chat gpt-4o-mini'],
      ['$ai_span', 'step 2'],
      ['$ai_trace', 'weather-agent'],
    ]);
    const [first, tool, step1, second, step2, agent] = all.map((e) => e.properties);
    // gen_ai.response.finish_reasons says `tool-calls`; the output message says `tool_call`.
    expect(first!.$ai_stop_reason).toBe('tool-calls');
    expect(first!.$ai_output_choices).toEqual([
      { role: 'assistant', content: null, tool_calls: [toolCall], finish_reason: 'tool_call' },
    ]);
    expect(first!.$ai_tools).toEqual([
      expect.objectContaining({ type: 'function', name: 'get_weather' }),
    ]);
    expect(tool!).toMatchObject({
      $ai_span_kind: 'tool',
      $ai_operation: 'execute_tool',
      $ai_input_state: { city: 'Paris' },
      $ai_output_state: { city: 'Paris', temperature: 21, unit: 'celsius' },
      $ai_parent_id: step1!.$ai_span_id,
    });
    expect(second!.$ai_input).toEqual([
      { role: 'user', content: 'What is the weather in Paris?' },
      { role: 'assistant', content: null, tool_calls: [toolCall] },
      { role: 'tool', content: weatherResult, tool_call_id: 'call_mock_1' },
    ]);
    expect(first!).toMatchObject(gpt4oMiniCost(90, 7));
    expect(second!).toMatchObject(gpt4oMiniCost(137, 21));
    expect(agent!.$ai_input_tokens).toBe(227);
    for (const p of [tool!, step1!, step2!, agent!]) expect(p.$ai_total_cost_usd).toBeUndefined();
    let total = 0;
    for (const p of all.map((e) => e.properties)) {
      if (typeof p.$ai_total_cost_usd === 'number') total += p.$ai_total_cost_usd;
    }
    expect(total).toBe(
      (first!.$ai_total_cost_usd as number) + (second!.$ai_total_cost_usd as number),
    );
    for (const p of all.map((e) => e.properties)) expectNoRawKeys(p);
  });

  it('streamed tool loop: TTFT on both chat calls, the tool under step 1', () => {
    const all = events('tool-loop-stream');
    const chats = all.filter((e) => e.event === '$ai_generation').map((e) => e.properties);
    expect(chats).toHaveLength(2);
    for (const chat of chats) expect(chat.$ai_time_to_first_token).toBeGreaterThan(0.015);
    const tool = all.find((e) => e.properties.$ai_span_name === 'get_weather')!.properties;
    const step1 = all.find((e) => e.properties.$ai_span_name === 'step 1')!.properties;
    expect(tool.$ai_parent_id).toBe(step1.$ai_span_id);
  });

  it('generateObject and streamObject: invoke_agent over one chat call, no step span', () => {
    for (const scenario of ['generate-object', 'stream-object']) {
      const all = events(scenario);
      expect(all.map((e) => e.event)).toEqual(['$ai_generation', '$ai_trace']);
      const [chat, agent] = all.map((e) => e.properties);
      const object = '{"city":"Paris","temperature":21,"conditions":"sunny"}';
      expect(chat!.$ai_output_choices).toEqual([
        { role: 'assistant', content: object, finish_reason: 'stop' },
      ]);
      expect(chat!).toMatchObject(gpt4oMiniCost(52, 14));
      expect(agent!.$ai_total_cost_usd).toBeUndefined();
      // gen_ai.output.type becomes a request parameter.
      expect(chat!.$ai_model_parameters).toEqual({ output_type: 'json' });
      expect(agent!.$ai_model_parameters).toEqual({ output_type: 'json' });
      expectNoRawKeys(chat!);
    }
  });

  it('two calls under the application’s own span keep it as their parent', () => {
    const all = events('app-parent');
    const agents = all.filter((e) => e.properties.$ai_operation === 'invoke_agent');
    expect(agents.map((e) => [e.event, e.properties.$ai_span_name])).toEqual([
      ['$ai_span', 'first-call'],
      ['$ai_span', 'second-call'],
    ]);
    const parent = agents[0]!.properties.$ai_parent_id;
    expect(parent).toMatch(/^[0-9a-f]{16}$/);
    expect(agents[1]!.properties.$ai_parent_id).toBe(parent);
    expect(all.filter((e) => e.event === '$ai_generation')).toHaveLength(2);
  });

  it('a 500: every span an error with the exception and the HTTP status', () => {
    const all = events('error');
    expect(all.map((e) => e.event)).toEqual(['$ai_generation', '$ai_span', '$ai_trace']);
    for (const event of all) {
      expect(event.properties).toMatchObject({
        $ai_is_error: true,
        $ai_error:
          'AI_APICallError: The server had an error while processing your request. Sorry about that!',
        $ai_error_type: 'AI_APICallError',
        $ai_http_status: 500,
      });
      expect(event.properties.$ai_total_cost_usd).toBeUndefined();
    }
  });
});
