/** Unit tests on hand-written AI SDK 7 (`@ai-sdk/otel`) spans. */
import { mapSpans, type AiEvent, type SpanRecord } from '@llm-analytics/core';
import { createPricer } from '@llm-analytics/core/pricing';
import { describe, expect, it } from 'vitest';
import { vercelAiIntegration, vercelAiNormalizer } from '../src';
import { makeSpan } from './make-span';

const price = createPricer();

function eventsOf(spans: SpanRecord[], options: { redactMedia?: boolean } = {}): AiEvent[] {
  const { events, failed } = mapSpans(spans, {
    integrations: [vercelAiIntegration],
    price,
    ...options,
  });
  expect(failed).toEqual([]);
  return events;
}

const v7 = (attributes: Record<string, unknown>, overrides: Partial<SpanRecord> = {}) =>
  makeSpan(attributes as never, { scope: { name: 'gen_ai' }, kind: 'client', ...overrides });

const embeddings = {
  'gen_ai.operation.name': 'embeddings',
  'gen_ai.provider.name': 'openai',
  'gen_ai.request.model': 'text-embedding-3-small',
};

describe('AI SDK 7 spans', () => {
  it('exports one integration holding the one normalizer', () => {
    expect(vercelAiIntegration.name).toBe('vercel-ai');
    expect(vercelAiIntegration.normalizers).toEqual([vercelAiNormalizer]);
    expect(vercelAiNormalizer.name).toBe('vercel-ai');
  });

  it('an `embeddings` span with usage is an embedding; without, the uncosted wrapper', () => {
    const outer = v7(embeddings, { parentSpanId: undefined, spanId: 'aaaaaaaaaaaaaaaa' });
    const inner = v7(
      { ...embeddings, 'gen_ai.usage.input_tokens': 8 },
      { parentSpanId: 'aaaaaaaaaaaaaaaa' },
    );
    const [innerEvent, outerEvent] = eventsOf([inner, outer]);
    expect(innerEvent!.event).toBe('$ai_embedding');
    expect(innerEvent!.properties.$ai_total_cost_usd).toBeGreaterThan(0);
    expect(outerEvent!.event).toBe('$ai_trace');
    expect(outerEvent!.properties.$ai_total_cost_usd).toBeUndefined();
  });

  it('other instrumentations keep their `embeddings` spans as embeddings, usage or not', () => {
    const span = makeSpan(embeddings as never, { scope: { name: 'some-other-lib' } });
    expect(vercelAiNormalizer.matches(span)).toBe(false);
    expect(eventsOf([span])[0]!.event).toBe('$ai_embedding');
  });

  it('agent_step is an uncosted span; the SDK durations do not pass through', () => {
    const [step] = eventsOf([
      v7({
        'gen_ai.operation.name': 'agent_step',
        'gen_ai.client.operation.duration': 0.2,
        'gen_ai.execute_tool.duration': 0.1,
      }),
    ]);
    expect(step!.event).toBe('$ai_span');
    expect(step!.properties.$ai_span_kind).toBe('span');
    expect(Object.keys(step!.properties).filter((key) => key.startsWith('gen_ai.'))).toEqual([]);
  });

  it('runtime context with an application tracer (another scope) still names person and session', () => {
    const agent = makeSpan(
      {
        'gen_ai.operation.name': 'invoke_agent',
        'ai.settings.context.posthog_distinct_id': 'ph-7',
        'ai.settings.context.conversationId': 'conv-7',
        'ai.settings.context.user.tier': 'gold',
      } as never,
      { scope: { name: 'my-app' }, parentSpanId: undefined, spanId: 'bbbbbbbbbbbbbbbb' },
    );
    const chat = makeSpan(
      {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': 10,
        'gen_ai.usage.output_tokens': 2,
      } as never,
      { scope: { name: 'my-app' }, parentSpanId: 'bbbbbbbbbbbbbbbb' },
    );
    const [agentEvent, chatEvent] = eventsOf([agent, chat]);
    for (const event of [agentEvent!, chatEvent!]) {
      expect(event.distinct_id).toBe('ph-7');
      expect(event.properties.$ai_session_id).toBe('conv-7');
    }
    // Nested context objects arrive flattened; they become properties without the prefix.
    expect(agentEvent!.properties['user.tier']).toBe('gold');
    expect(agentEvent!.properties.$ai_span_kind).toBe('agent');
    expect(chatEvent!.properties.$ai_framework).toBe('otel-genai');
  });

  it('usage extras add reasoning tokens to gen_ai usage; toolChoice merges into parameters', () => {
    const [chat] = eventsOf([
      v7({
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'o4-mini',
        'gen_ai.request.temperature': 1,
        'gen_ai.usage.input_tokens': 100,
        'gen_ai.usage.output_tokens': 80,
        'gen_ai.usage.cache_read.input_tokens': 20,
        'ai.usage.outputTokenDetails.reasoningTokens': 64,
        'ai.usage.inputTokenDetails.noCacheTokens': 80,
        'ai.prompt.toolChoice': '{"type":"required"}',
        'ai.response.providerMetadata': '{"openai":{}}',
        'ai.request.headers.authorization': 'Bearer secret',
      }),
    ]);
    expect(chat!.properties).toMatchObject({
      $ai_input_tokens: 100,
      $ai_output_tokens: 80,
      $ai_cache_read_input_tokens: 20,
      $ai_reasoning_tokens: 64,
      $ai_model_parameters: { temperature: 1, tool_choice: 'required' },
    });
    expect(JSON.stringify(chat)).not.toContain('secret');
    expect(Object.keys(chat!.properties).filter((key) => key.startsWith('ai.'))).toEqual([]);
  });

  it('an Anthropic chat: input includes the cache (OTel convention), flagged for pricing', () => {
    const [chat] = eventsOf([
      v7({
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'anthropic',
        'gen_ai.request.model': 'claude-haiku-4-5',
        'gen_ai.usage.input_tokens': 1108,
        'gen_ai.usage.output_tokens': 4,
        'gen_ai.usage.cache_read.input_tokens': 1103,
      }),
    ]);
    expect(chat!.properties).toMatchObject({
      $ai_input_tokens: 1108,
      $ai_cache_read_input_tokens: 1103,
      $ai_input_tokens_include_cache: true,
    });
    // claude-haiku-4-5, USD per million tokens: input 1, cache read 0.10, output 5.
    expect(chat!.properties.$ai_total_cost_usd).toBeCloseTo((5 * 1 + 1103 * 0.1 + 4 * 5) / 1e6, 12);
  });

  it('embedding extras: ai.values become the input, vectors are dropped', () => {
    const [event] = eventsOf([
      v7({
        ...embeddings,
        'gen_ai.usage.input_tokens': 4,
        'ai.values': ['"a"', '"b"'],
        'ai.embeddings': ['[0.125,0.5]', '[0.25,0.75]'],
      }),
    ]);
    expect(event!.properties.$ai_input).toEqual([
      { role: 'user', content: 'a' },
      { role: 'user', content: 'b' },
    ]);
    expect(JSON.stringify(event)).not.toContain('0.125');
  });

  it('blob parts: a modality that contradicts the MIME type is dropped, others are kept', () => {
    const parts = [
      { type: 'blob', modality: 'image', mime_type: 'image/png', content: 'AAAA' },
      { type: 'blob', modality: 'image', mime_type: 'application/pdf', content: 'BBBB' },
    ];
    const [chat] = eventsOf(
      [
        v7({
          'gen_ai.operation.name': 'chat',
          'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts }]),
        }),
      ],
      { redactMedia: false },
    );
    expect(chat!.properties.$ai_input).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image', image: 'data:image/png;base64,AAAA', mime_type: 'image/png' },
          { type: 'file', file: 'data:application/pdf;base64,BBBB', mime_type: 'application/pdf' },
        ],
      },
    ]);
  });

  it('invoke_agent input state starts with the system instructions', () => {
    const [agent] = eventsOf([
      v7(
        {
          'gen_ai.operation.name': 'invoke_agent',
          'gen_ai.system_instructions': '[{"type":"text","content":"Be brief."}]',
          'gen_ai.input.messages': '[{"role":"user","parts":[{"type":"text","content":"hi"}]}]',
        },
        { kind: 'internal', parentSpanId: undefined },
      ),
    ]);
    expect(agent!.properties.$ai_input_state).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hi' },
    ]);
  });
});
