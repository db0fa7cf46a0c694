import { describe, expect, it } from 'vitest';
import { MAX_METADATA_KEYS } from '../src/context';
import { makeSpan, propertiesOf, toEvents } from './make-span';

const LLM = {
  'openinference.span.kind': 'LLM',
  'llm.model_name': 'gpt-4o-mini',
  'llm.system': 'openai',
};

describe('usage, cost, parameters, model and provider', () => {
  it('token counts incl. cache read/write and reasoning; input includes cache', () => {
    const p = propertiesOf({
      ...LLM,
      'llm.token_count.prompt': 2000,
      'llm.token_count.completion': 300,
      'llm.token_count.total': 2300,
      'llm.token_count.prompt_details.cache_read': 1024,
      'llm.token_count.prompt_details.cache_write': 512,
      'llm.token_count.prompt_details.audio': 7,
      'llm.token_count.completion_details.reasoning': 200,
      'llm.token_count.completion_details.audio': 3,
    });
    expect(p.$ai_input_tokens).toBe(2000);
    expect(p.$ai_output_tokens).toBe(300);
    expect(p.$ai_total_tokens).toBe(2300);
    expect(p.$ai_cache_read_input_tokens).toBe(1024);
    expect(p.$ai_cache_creation_input_tokens).toBe(512);
    expect(p.$ai_reasoning_tokens).toBe(200);
    expect(p.$ai_input_tokens_include_cache).toBe(true);
    // Audio counts have no $ai_* property: they travel under their own keys.
    expect(p['llm.token_count.prompt_details.audio']).toBe(7);
    expect(p['llm.token_count.completion_details.audio']).toBe(3);
    // 464 fresh, 1024 cached at 0.075/M, 512 written at the input price; output 300 at 0.6/M.
    const input = (464 * 0.15 + 1024 * 0.075 + 512 * 0.15) / 1e6;
    expect(p.$ai_input_cost_usd).toBeCloseTo(input, 12);
    expect(p.$ai_output_cost_usd).toBeCloseTo((300 * 0.6) / 1e6, 12);
  });

  it('llm.cost.* is a reported cost: it wins over the price table', () => {
    const p = propertiesOf({
      ...LLM,
      'llm.token_count.prompt': 1000,
      'llm.token_count.completion': 100,
      'llm.cost.prompt': 0.5,
      'llm.cost.completion': 0.25,
      'llm.cost.completion_details.reasoning': 0.1,
    });
    expect(p.$ai_input_cost_usd).toBe(0.5);
    expect(p.$ai_output_cost_usd).toBe(0.25);
    expect(p.$ai_total_cost_usd).toBe(0.75);
    expect(p.$ai_cost_model).toBeUndefined();
    expect(p['llm.cost.prompt']).toBeUndefined();
    expect(p['llm.cost.completion_details.reasoning']).toBe(0.1);
    const totalOnly = propertiesOf({ ...LLM, 'llm.token_count.prompt': 10, 'llm.cost.total': 1.5 });
    expect(totalOnly.$ai_total_cost_usd).toBe(1.5);
    expect(totalOnly.$ai_input_cost_usd).toBeUndefined();
  });

  it('invocation parameters: stream flag, max_tokens aliases, no content, no model', () => {
    const p = propertiesOf({
      ...LLM,
      'llm.invocation_parameters': JSON.stringify({
        model: 'gpt-4o-mini',
        instructions: 'secret system prompt',
        stream: true,
        temperature: 0,
        max_completion_tokens: 64,
        tool_choice: 'auto',
        tools: [{ type: 'function', function: { name: 'f' } }],
      }),
    });
    expect(p.$ai_stream).toBe(true);
    expect(p.$ai_temperature).toBe(0);
    expect(p.$ai_max_tokens).toBe(64);
    expect(p.$ai_model_parameters).toEqual({ temperature: 0, max_tokens: 64, tool_choice: 'auto' });
    // Without llm.tools.*, the request's tools are the tool definitions.
    expect(p.$ai_tools).toEqual([{ type: 'function', function: { name: 'f' } }]);
    expect(JSON.stringify(p)).not.toContain('secret');
    const structured = propertiesOf({
      ...LLM,
      'llm.invocation_parameters': { stream: false, top_p: 0.5 },
    });
    expect(structured.$ai_stream).toBe(false);
    expect(structured.$ai_model_parameters).toEqual({ top_p: 0.5 });
  });

  it('response model from llm.model_name, request model from the request', () => {
    const p = propertiesOf({
      ...LLM,
      'llm.model_name': 'gpt-4o-mini-2024-07-18',
      'llm.invocation_parameters': '{"model":"gpt-4o-mini"}',
    });
    expect(p.$ai_model).toBe('gpt-4o-mini-2024-07-18');
    expect(p.$ai_request_model).toBe('gpt-4o-mini');
    const explicit = propertiesOf({
      'openinference.span.kind': 'LLM',
      'llm.request.model_name': 'claude-sonnet-4',
      'llm.response.model_name': 'claude-sonnet-4-20250514',
      'llm.model_name': 'ignored',
    });
    expect(explicit.$ai_model).toBe('claude-sonnet-4-20250514');
    expect(explicit.$ai_request_model).toBe('claude-sonnet-4');
    expect(explicit['llm.model_name']).toBeUndefined();
  });

  it('provider: llm.provider wins over llm.system, both consumed, lower-cased', () => {
    const p = propertiesOf({ ...LLM, 'llm.provider': 'Azure' });
    expect(p.$ai_provider).toBe('azure');
    expect(p['llm.system']).toBeUndefined();
    expect(p['llm.provider']).toBeUndefined();
    expect(propertiesOf(LLM).$ai_provider).toBe('openai');
  });
});

describe('session, user, metadata and tags', () => {
  it('user.id is the distinct id and session.id the session of every event of the trace', () => {
    const root = makeSpan({
      'openinference.span.kind': 'CHAIN',
      'session.id': 'session-1',
      'user.id': 'user-1',
    });
    const child = makeSpan({ 'openinference.span.kind': 'LLM' }, { parentSpanId: root.spanId });
    const events = toEvents(root, child);
    for (const event of events) {
      expect(event.distinct_id).toBe('user-1');
      expect(event.properties.$ai_session_id).toBe('session-1');
      expect(event.properties.$process_person_profile).toBeUndefined();
      expect(event.properties['session.id']).toBeUndefined();
      expect(event.properties['user.id']).toBeUndefined();
    }
  });

  it('metadata keys become properties; structured metadata works too', () => {
    const p = propertiesOf({ ...LLM, metadata: { tenant: 'acme', tier: 2 } });
    expect(p.tenant).toBe('acme');
    expect(p.tier).toBe(2);
    expect(p.metadata).toBeUndefined();
  });

  it("LangChain LLM spans: the provider comes from the run metadata's ls_provider", () => {
    const langchainLlm = { 'openinference.span.kind': 'LLM', 'llm.model_name': 'gpt-4o-mini' };
    const p = propertiesOf({
      ...langchainLlm,
      metadata: JSON.stringify({ ls_provider: 'openai', ls_model_name: 'gpt-4o-mini' }),
    });
    expect(p.$ai_provider).toBe('openai');
    expect(p.ls_provider).toBe('openai');
    // llm.provider / llm.system win; chains never get a provider from their metadata.
    expect(propertiesOf({ ...LLM, metadata: '{"ls_provider":"azure"}' }).$ai_provider).toBe(
      'openai',
    );
    const chain = propertiesOf({
      'openinference.span.kind': 'CHAIN',
      metadata: '{"ls_provider":"openai"}',
    });
    expect(chain.$ai_provider).toBeUndefined();
  });

  it('metadata that is not an object travels as it is', () => {
    expect(propertiesOf({ ...LLM, metadata: 'free text' }).metadata).toBe('free text');
    expect(propertiesOf({ ...LLM, metadata: '[1,2]' }).metadata).toBe('[1,2]');
  });

  it('caps the number of metadata keys', () => {
    const metadata: Record<string, number> = {};
    for (let i = 0; i < MAX_METADATA_KEYS + 50; i++) metadata[`k${i}`] = i;
    const p = propertiesOf({ ...LLM, metadata: JSON.stringify(metadata) });
    expect(Object.keys(p).filter((key) => /^k\d+$/.test(key))).toHaveLength(MAX_METADATA_KEYS);
  });

  it('metadata never overrides the mapped $ai_* properties', () => {
    const p = propertiesOf({ ...LLM, metadata: '{"$ai_model":"spoofed","$ai_trace_id":"x"}' });
    expect(p.$ai_model).toBe('gpt-4o-mini');
    expect(p.$ai_trace_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('tag.tags as an array, a JSON string or one plain string', () => {
    expect(propertiesOf({ ...LLM, 'tag.tags': ['a', 'b'] }).$ai_tags).toEqual(['a', 'b']);
    expect(propertiesOf({ ...LLM, 'tag.tags': '["a","b"]' }).$ai_tags).toEqual(['a', 'b']);
    const single = propertiesOf({ ...LLM, 'tag.tags': 'solo' });
    expect(single.$ai_tags).toEqual(['solo']);
    expect(single['tag.tags']).toBeUndefined();
  });
});
