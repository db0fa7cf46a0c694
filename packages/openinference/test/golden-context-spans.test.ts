/** Golden tests: context helpers, chains and retrievers, and a failed call. */
import { describe, expect, it } from 'vitest';
import { eventNamed, expectCommon, scenarioEvents } from './load-fixture';

describe('golden: OpenInference context helpers and span kinds', () => {
  it('setSession / setUser / setMetadata / setTags / setPromptTemplate reach the event', () => {
    const [event] = scenarioEvents('context');
    const p = event!.properties;
    expectCommon(event!, undefined, ['tenant', 'plan', 'experiment']);
    expect(event!.distinct_id).toBe('user-7');
    expect(p.$process_person_profile).toBeUndefined();
    expect(p.$ai_session_id).toBe('session-42');
    // Metadata keys become properties of their own, unprefixed.
    expect(p.tenant).toBe('acme');
    expect(p.plan).toBe('pro');
    expect(p.experiment).toEqual({ arm: 'b' });
    expect(p.metadata).toBeUndefined();
    expect(p.$ai_tags).toEqual(['support', 'beta']);
    expect(p['tag.tags']).toBeUndefined();
    // The template and its variables are content (state, dropped by privacy mode); the
    // version is a plain dimension.
    expect(p.$ai_input_state).toEqual({
      template: 'Tell me about {topic}.',
      variables: { topic: 'France' },
    });
    expect(p['llm.prompt_template.version']).toBe('v3');
    expect(p['session.id']).toBeUndefined();
    expect(p['user.id']).toBeUndefined();
  });

  it('privacy mode drops messages and prompt template content but keeps usage and context', () => {
    const [event] = scenarioEvents('context', { privacyMode: true });
    const p = event!.properties;
    expect(p.$ai_input).toBeUndefined();
    expect(p.$ai_output_choices).toBeUndefined();
    expect(p.$ai_input_state).toBeUndefined();
    expect(JSON.stringify(p)).not.toContain('France');
    expect(p.$ai_input_tokens).toBe(12);
    expect(p.$ai_session_id).toBe('session-42');
    expect(p.$ai_tags).toEqual(['support', 'beta']);
  });

  it('chain → retriever + LLM: the chain is the trace, documents are the retriever output', () => {
    const events = scenarioEvents('chain-retriever');
    const chain = eventNamed(events, 'rag-pipeline');
    const retriever = eventNamed(events, 'vector-search');
    const llm = eventNamed(events, 'OpenAI Chat Completions');
    expectCommon(chain, 'openinference-core');
    expect(chain.event).toBe('$ai_trace');
    expect(chain.properties.$ai_span_kind).toBe('chain');
    expect(chain.properties.$ai_input_state).toBe('Which city is the capital of France?');
    expect(chain.properties.$ai_output_state).toEqual({
      answer: 'Echo: Which city is the capital of France?',
      sources: 2,
    });
    expectCommon(retriever, 'openinference-core');
    expect(retriever.event).toBe('$ai_span');
    expect(retriever.properties.$ai_span_kind).toBe('retriever');
    expect(retriever.properties.$ai_parent_id).toBe(chain.properties.$ai_span_id);
    expect(retriever.properties.$ai_input_state).toBe('Which city is the capital of France?');
    expect(retriever.properties.$ai_output_state).toEqual([
      {
        id: 'doc-1',
        content: 'Paris is the capital of France.',
        score: 0.92,
        metadata: { source: 'atlas' },
      },
      { id: 'doc-2', content: 'France is in Western Europe.', score: 0.71 },
    ]);
    expect(llm.event).toBe('$ai_generation');
    expect(llm.properties.$ai_parent_id).toBe(chain.properties.$ai_span_id);
    expect(llm.properties.$ai_trace_name).toBe('rag-pipeline');
    expect(llm.properties.$ai_total_cost_usd).toBeGreaterThan(0);
    // Only the leaf model call is costed.
    expect(chain.properties.$ai_total_cost_usd).toBeUndefined();
  });

  it('a 429 inside a chain: only the chain span is exported, with the error', () => {
    // The LLM span of the failed call is started and never ended by the instrumentation.
    const events = scenarioEvents('error-429-in-chain');
    expect(events).toHaveLength(1);
    const [chain] = events;
    expectCommon(chain!, 'openinference-core');
    const p = chain!.properties;
    expect(chain!.event).toBe('$ai_trace');
    expect(p.$ai_span_name).toBe('failing-pipeline');
    expect(p.$ai_is_error).toBe(true);
    expect(p.$ai_http_status).toBe(429);
    // The exception event's type is the OpenAI error code, not the class name.
    expect(p.$ai_error_type).toBe('rate_limit_exceeded');
    expect(p.$ai_error).toMatch(/^rate_limit_exceeded: 429 Rate limit reached/);
    expect(p.$ai_input_state).toBe('Hello?');
  });
});
