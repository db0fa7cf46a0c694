/** Golden tests, AI SDK 7: embeddings, runtime context identity, media, usage extras, legacy spans. */
import { describe, expect, it } from 'vitest';
import { PRICES, cost, gpt4oMiniCost, scenarioEvents, stable } from './load-fixture';

const events = (scenario: string) => scenarioEvents('v7', scenario);

describe('golden: AI SDK 7 embeddings', () => {
  it('embed: of the two `embeddings` spans only the inner one (with usage) is an embedding', () => {
    const [inner, outer, ...rest] = events('embed');
    expect(rest).toEqual([]);
    expect(inner!.event).toBe('$ai_embedding');
    const inputUsd = cost(6, PRICES['text-embedding-3-small'].input);
    expect(stable(inner!.properties)).toEqual({
      'service.name': 'vercel-ai-v7-fixtures',
      $ai_trace_id: '<trace>',
      $ai_span_id: '<span>',
      $ai_parent_id: '<parent>',
      $ai_span_name: 'embeddings text-embedding-3-small',
      $ai_trace_name: 'embeddings text-embedding-3-small',
      $ai_model: 'text-embedding-3-small',
      $ai_provider: 'openai',
      $ai_operation: 'embeddings',
      $ai_input_tokens: 6,
      $ai_input_tokens_include_cache: true,
      $ai_latency: '<latency>',
      $ai_lib: 'gen_ai',
      $ai_framework: 'vercel-ai',
      $process_person_profile: false,
      $ai_input_cost_usd: inputUsd,
      $ai_output_cost_usd: 0,
      $ai_total_cost_usd: inputUsd,
      $ai_cost_provider: 'openai',
      $ai_cost_model: 'text-embedding-3-small',
    });
    // The outer wrapper: same name, same CLIENT kind, no usage. A trace, never costed.
    expect(outer!.event).toBe('$ai_trace');
    expect(outer!.properties.$ai_span_kind).toBe('span');
    expect(outer!.properties.$ai_total_cost_usd).toBeUndefined();
    expect(outer!.properties.$ai_cost_error).toBeUndefined();
    expect(inner!.properties.$ai_parent_id).toBe(outer!.properties.$ai_span_id);
  });

  it('embedMany: one costed embedding, the wrapper uncosted', () => {
    const all = events('embed-many');
    expect(all.map((e) => e.event)).toEqual(['$ai_embedding', '$ai_trace']);
    expect(all[0]!.properties.$ai_input_tokens).toBe(10);
    expect(all[0]!.properties.$ai_total_cost_usd).toBe(cost(10, 0.02));
    expect(all[1]!.properties.$ai_total_cost_usd).toBeUndefined();
  });
});

describe('golden: AI SDK 7 runtime context', () => {
  it('context on invoke_agent and step only: every event of the call gets person and session', () => {
    const all = events('identity');
    expect(all.map((e) => e.properties.$ai_span_name)).toEqual([
      'chat gpt-4o-mini',
      'get_weather',
      'step 1',
      'chat gpt-4o-mini',
      'step 2',
      'identity-call',
    ]);
    for (const event of all) {
      expect(event.distinct_id).toBe('user-42');
      expect(event.properties.$ai_session_id).toBe('session-7');
      expect(event.properties.$process_person_profile).toBeUndefined();
      for (const key of Object.keys(event.properties)) expect(key).not.toMatch(/^ai\./);
    }
    // The chat spans carry no context key themselves: the trace context gave it to them.
    const chats = all.filter((e) => e.event === '$ai_generation');
    expect(chats).toHaveLength(2);
    expect(chats[0]!.properties).toMatchObject(gpt4oMiniCost(90, 7));
    // conversationId is not the session here (sessionId is): a property of the spans that carry it.
    const agent = all.find((e) => e.event === '$ai_trace')!;
    expect(agent.properties.conversationId).toBe('conv-1');
    expect(chats[0]!.properties.conversationId).toBeUndefined();
  });
});

describe('golden: AI SDK 7 media, usage extras and legacy spans', () => {
  it('a PDF part labelled `modality: image` by the SDK stays a file', () => {
    const [chat, , agent] = events('multimodal');
    const content = [
      { type: 'text', text: 'What is in this image and this file?' },
      { type: 'image', image: '[redacted image/png data URL, 69 bytes]', mime_type: 'image/png' },
      {
        type: 'file',
        file: '[redacted application/pdf data URL, 15 bytes]',
        mime_type: 'application/pdf',
      },
    ];
    expect(chat!.properties.$ai_input).toEqual([{ role: 'user', content }]);
    expect(agent!.properties.$ai_input_state).toEqual([{ role: 'user', content }]);
  });

  it('OpenTelemetry({ usage: true }): reasoning tokens from the AI SDK usage details', () => {
    const [chat, step, agent] = events('reasoning-cached');
    const p = chat!.properties;
    expect(p.$ai_input_tokens).toBe(1194);
    expect(p.$ai_cache_read_input_tokens).toBe(1152);
    expect(p.$ai_output_tokens).toBe(71);
    expect(p.$ai_reasoning_tokens).toBe(64);
    expect(p.$ai_input_cost_usd).toBeLessThan((1194 * 1.1) / 1e6);
    expect(step!.properties.$ai_reasoning_tokens).toBe(64);
    expect(step!.properties.$ai_total_cost_usd).toBeUndefined();
    expect(agent!.properties.$ai_reasoning_tokens).toBe(64);
    expect(agent!.properties.$ai_total_cost_usd).toBeUndefined();
    // The system prompt leads the agent's input state.
    expect((agent!.properties.$ai_input_state as Array<{ role: string }>)[0]!.role).toBe('system');
  });

  it('LegacyOpenTelemetry: AI SDK 7 emitting v6-style ai.* spans maps like AI SDK 6', () => {
    const all = events('legacy-tool-loop');
    expect(all.map((e) => [e.event, e.properties.$ai_span_name])).toEqual([
      ['$ai_span', 'get_weather'],
      ['$ai_generation', 'ai.generateText.doGenerate'],
      ['$ai_generation', 'ai.generateText.doGenerate'],
      ['$ai_trace', 'legacy-weather-agent'],
    ]);
    const [tool, first, second, trace] = all.map((e) => e.properties);
    expect(tool!.$ai_parent_id).toBe(first!.$ai_span_id);
    // Tool call input is an object here (a JSON string in AI SDK 6's chat generation).
    expect(first!.$ai_output_choices).toEqual([
      {
        role: 'assistant',
        content: null,
        finish_reason: 'tool-calls',
        tool_calls: [
          {
            id: 'call_mock_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
    ]);
    expect(first!.$ai_lib_version).toMatch(/^7\./);
    let total = 0;
    for (const p of all.map((e) => e.properties)) {
      if (typeof p.$ai_total_cost_usd === 'number') total += p.$ai_total_cost_usd;
    }
    expect(total).toBe(
      (first!.$ai_total_cost_usd as number) + (second!.$ai_total_cost_usd as number),
    );
    expect(trace!.$ai_total_cost_usd).toBeUndefined();
  });
});
