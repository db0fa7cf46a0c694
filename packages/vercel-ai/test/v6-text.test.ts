/**
 * Golden tests: OTLP captured from the real AI SDK 6 (`ai` + `@ai-sdk/openai`,
 * `experimental_telemetry`) against the mock OpenAI server; see fixtures/v6/README.md.
 * Text generation: generateText and streamText, Chat Completions and Responses API.
 */
import { describe, expect, it } from 'vitest';
import { gpt4oMiniCost, scenarioEvents, stable } from './load-fixture';

const events = (scenario: string) => scenarioEvents('v6', scenario);

/** Properties every AI SDK 6 event carries. */
const COMMON = {
  'service.name': 'vercel-ai-v6-fixtures',
  $ai_trace_id: '<trace>',
  $ai_span_id: '<span>',
  $ai_latency: '<latency>',
  $ai_lib: 'ai',
  $ai_lib_version: '<sdk>',
  $ai_framework: 'vercel-ai',
};

function expectNoRawKeys(properties: Record<string, unknown>) {
  for (const key of Object.keys(properties)) {
    expect(key).not.toMatch(/^(ai\.|gen_ai\.|operation\.name$|resource\.name$)/);
  }
}

describe('golden: AI SDK 6 text generation', () => {
  it('generateText: the doGenerate call is a costed generation, the outer call a trace', () => {
    const [generation, trace, ...rest] = events('generate-text');
    expect(rest).toEqual([]);
    expect(generation!.event).toBe('$ai_generation');
    expect(trace!.event).toBe('$ai_trace');
    const system = 'You are a helpful assistant. Answer in one sentence.';
    const input = [
      { role: 'system', content: system },
      { role: 'user', content: 'What is the capital of France?' },
    ];
    const output = [
      { role: 'assistant', content: 'Echo: What is the capital of France?', finish_reason: 'stop' },
    ];
    const usage = {
      $ai_input_tokens: 30,
      $ai_input_tokens_include_cache: true,
      $ai_output_tokens: 9,
      $ai_total_tokens: 39,
      $ai_cache_read_input_tokens: 0,
      $ai_reasoning_tokens: 0,
    };
    const parameters = {
      $ai_temperature: 0.7,
      $ai_max_tokens: 256,
      $ai_model_parameters: { max_tokens: 256, temperature: 0.7 },
    };
    // Telemetry metadata become properties without their prefix.
    const metadata = { tenant_id: 'acme', plan: 'pro' };
    expect(stable(generation!.properties)).toEqual({
      ...COMMON,
      ...metadata,
      ...usage,
      ...parameters,
      $ai_parent_id: '<parent>',
      $ai_span_name: 'ai.generateText.doGenerate',
      $ai_trace_name: 'capital-question',
      $ai_model: 'gpt-4o-mini-2024-07-18',
      $ai_request_model: 'gpt-4o-mini',
      $ai_provider: 'openai',
      $ai_operation: 'ai.generateText.doGenerate',
      $ai_input: input,
      $ai_output_choices: output,
      $ai_stream: false,
      $ai_stop_reason: 'stop',
      $ai_response_id: 'chatcmpl-mock-1',
      $process_person_profile: false,
      ...gpt4oMiniCost(30, 9),
    });
    // The outer span shows the same usage but is never costed; functionId names it.
    expect(stable(trace!.properties)).toEqual({
      ...COMMON,
      ...metadata,
      ...usage,
      ...parameters,
      $ai_span_name: 'capital-question',
      $ai_trace_name: 'capital-question',
      $ai_model: 'gpt-4o-mini',
      $ai_provider: 'openai',
      $ai_operation: 'ai.generateText',
      $ai_span_kind: 'span',
      $ai_input_state: input,
      $ai_output_state: output,
      $ai_stream: false,
      $ai_stop_reason: 'stop',
      $process_person_profile: false,
    });
    // No identity given: one anonymous person for the whole trace.
    expect(generation!.distinct_id).toBe(trace!.distinct_id);
    expect(generation!.distinct_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(generation!.properties.$ai_trace_id).toBe(trace!.properties.$ai_trace_id);
    expect(generation!.properties.$ai_parent_id).toBe(trace!.properties.$ai_span_id);
    expectNoRawKeys(generation!.properties);
    expectNoRawKeys(trace!.properties);
  });

  it('generateText on the Responses API: openai.responses → openai, system in messages, top_p', () => {
    const [generation, trace] = events('generate-text-responses');
    const p = generation!.properties;
    expect(p.$ai_provider).toBe('openai');
    expect(p.$ai_response_id).toBe('resp_mock_1');
    expect(p.$ai_input).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Name a French city.' },
    ]);
    expect(p.$ai_model_parameters).toEqual({ top_p: 0.9 });
    expect(p.$ai_cache_creation_input_tokens).toBe(0);
    expect(p.$ai_total_cost_usd).toBe(gpt4oMiniCost(17, 7).$ai_total_cost_usd);
    // ai.prompt keeps the application's own messages (string content).
    expect(trace!.properties.$ai_input_state).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Name a French city.' },
    ]);
    expect(trace!.properties.$ai_span_name).toBe('city-question');
  });

  it('streamText: time to first token from ai.response.msToFirstChunk, in seconds', () => {
    const [generation, trace] = events('stream-text');
    const p = generation!.properties;
    // The AI SDK records no request headers on streamed calls: no user-agent, no version.
    const { $ai_lib_version: _version, ...common } = COMMON;
    expect(stable(p)).toEqual({
      ...common,
      $ai_parent_id: '<parent>',
      $ai_span_name: 'ai.streamText.doStream',
      $ai_trace_name: 'paris-stream',
      $ai_model: 'gpt-4o-mini-2024-07-18',
      $ai_request_model: 'gpt-4o-mini',
      $ai_provider: 'openai',
      $ai_operation: 'ai.streamText.doStream',
      $ai_input: [{ role: 'user', content: 'Tell me about Paris.' }],
      $ai_output_choices: [
        { role: 'assistant', content: 'Echo: Tell me about Paris.', finish_reason: 'stop' },
      ],
      $ai_input_tokens: 11,
      $ai_input_tokens_include_cache: true,
      $ai_output_tokens: 7,
      $ai_total_tokens: 18,
      $ai_cache_read_input_tokens: 0,
      $ai_reasoning_tokens: 0,
      $ai_time_to_first_token: '<ttft>',
      $ai_stream: true,
      $ai_stop_reason: 'stop',
      $ai_response_id: 'chatcmpl-mock-1',
      $process_person_profile: false,
      ...gpt4oMiniCost(11, 7),
    });
    // The span says 38 ms (the mock waits 15 ms per chunk): seconds, not milliseconds.
    const ttft = p.$ai_time_to_first_token as number;
    expect(ttft).toBeGreaterThan(0.015);
    expect(ttft).toBeLessThan(p.$ai_latency as number);
    // The outer streamText span has no time to first chunk of its own.
    expect(trace!.properties.$ai_time_to_first_token).toBeUndefined();
    expect(trace!.properties.$ai_stream).toBe(true);
    expect(trace!.properties.$ai_total_cost_usd).toBeUndefined();
  });

  it('streamText on the Responses API: TTFT and max_tokens', () => {
    const [generation] = events('stream-text-responses');
    const p = generation!.properties;
    expect(p.$ai_time_to_first_token).toBeGreaterThan(0.015);
    expect(p.$ai_time_to_first_token).toBeLessThan(1);
    expect(p.$ai_max_tokens).toBe(100);
    expect(p.$ai_output_choices).toEqual([
      { role: 'assistant', content: 'Echo: Tell me about Lyon.', finish_reason: 'stop' },
    ]);
  });

  it('metadata: posthog_distinct_id names the person, sessionId the session, on every event', () => {
    const all = events('identity');
    expect(all.map((e) => e.event)).toEqual(['$ai_generation', '$ai_trace']);
    for (const event of all) {
      expect(event.distinct_id).toBe('user-42');
      expect(event.properties.$ai_session_id).toBe('session-7');
      expect(event.properties.$process_person_profile).toBeUndefined();
      // Identity keys are not repeated; other metadata keep their name.
      expect(event.properties.conversation_id).toBe('conv-1');
      expect(event.properties.posthog_distinct_id).toBeUndefined();
      expect(event.properties.sessionId).toBeUndefined();
      expectNoRawKeys(event.properties);
    }
  });

  it('two calls under the application’s own span keep it as their parent', () => {
    const all = events('app-parent');
    // The application span carries no AI attribute: it is not an event.
    expect(all.map((e) => [e.event, e.properties.$ai_span_name])).toEqual([
      ['$ai_generation', 'ai.generateText.doGenerate'],
      ['$ai_span', 'first-call'],
      ['$ai_generation', 'ai.generateText.doGenerate'],
      ['$ai_span', 'second-call'],
    ]);
    const [firstGeneration, firstOuter, secondGeneration, secondOuter] = all.map(
      (e) => e.properties,
    );
    const appSpanId = firstOuter!.$ai_parent_id;
    expect(appSpanId).toMatch(/^[0-9a-f]{16}$/);
    expect(secondOuter!.$ai_parent_id).toBe(appSpanId);
    expect(firstGeneration!.$ai_parent_id).toBe(firstOuter!.$ai_span_id);
    expect(secondGeneration!.$ai_parent_id).toBe(secondOuter!.$ai_span_id);
    expect(new Set(all.map((e) => e.properties.$ai_trace_id)).size).toBe(1);
    // Outer calls that are not roots stay spans, uncosted; both model calls are costed.
    expect(firstOuter!.$ai_total_cost_usd).toBeUndefined();
    expect(firstGeneration!.$ai_total_cost_usd).toBe(gpt4oMiniCost(10, 6).$ai_total_cost_usd);
    expect(secondGeneration!.$ai_output_choices).toEqual([
      { role: 'assistant', content: 'Echo: Second question.', finish_reason: 'stop' },
    ]);
  });

  it('image and file parts: data URLs (redacted), bytes serialized by JSON.stringify rebuilt', () => {
    const [generation, trace] = events('multimodal');
    const content = [
      { type: 'text', text: 'What is in this image and this file?' },
      { type: 'image', image: '[redacted image/png data URL, 69 bytes]', mime_type: 'image/png' },
      {
        type: 'file',
        file: '[redacted application/pdf data URL, 15 bytes]',
        mime_type: 'application/pdf',
        filename: 'a.pdf',
      },
    ];
    // ai.prompt.messages: both as `file` parts with base64 data.
    expect(generation!.properties.$ai_input).toEqual([{ role: 'user', content }]);
    // ai.prompt: the application's `image` part, its Uint8Array as {"0":137,…}.
    expect(trace!.properties.$ai_input_state).toEqual([{ role: 'user', content }]);
  });

  it('reasoning model with a cached prompt: cache read and reasoning tokens, priced', () => {
    const [generation, trace] = events('reasoning-cached');
    const p = generation!.properties;
    expect(p.$ai_model).toBe('o4-mini-2025-04-16');
    expect(p.$ai_input_tokens).toBe(1194);
    expect(p.$ai_cache_read_input_tokens).toBe(1152);
    expect(p.$ai_cache_creation_input_tokens).toBe(0);
    expect(p.$ai_output_tokens).toBe(71);
    expect(p.$ai_reasoning_tokens).toBe(64);
    // Cached tokens are cheaper: the input costs less than 1194 fresh tokens would.
    expect(p.$ai_input_cost_usd).toBeGreaterThan(0);
    expect(p.$ai_input_cost_usd).toBeLessThan((1194 * 1.1) / 1e6);
    expect(p.$ai_output_cost_usd).toBeCloseTo((71 * 4.4) / 1e6, 12);
    expect(p.$ai_output_choices).toEqual([
      { role: 'assistant', content: 'Echo: Plan a day in Paris.', finish_reason: 'stop' },
    ]);
    expect(trace!.properties.$ai_reasoning_tokens).toBe(64);
    expect(trace!.properties.$ai_total_cost_usd).toBeUndefined();
  });
});
