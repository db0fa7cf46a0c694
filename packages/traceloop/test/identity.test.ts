/** Association properties, identity and session across a trace, and which spans are ours. */
import { describe, expect, it } from 'vitest';
import type { SpanRecord } from '@llm-analytics/core';
import { isTraceloopSpan, traceloopNormalizer } from '../src';
import { fixtureSpans, mapTraceloopSpans } from './support/fixtures';
import { makeSpan } from './support/make-span';

const withoutAssociation = (span: SpanRecord): SpanRecord => ({
  ...span,
  attributes: Object.fromEntries(
    Object.entries(span.attributes).filter(([key]) => !key.startsWith('traceloop.association.')),
  ),
});

describe('association properties', () => {
  for (const set of ['current', 'legacy-0.16'] as const) {
    it(`gives every event of the trace the root's person and session (${set})`, () => {
      // Strip the association properties from every span but the workflow root: the core's
      // trace context must carry them to the task and the chat call.
      const spans = fixtureSpans(set, 'association', 'pb').map((span) =>
        span.parentSpanId ? withoutAssociation(span) : span,
      );
      expect(spans.filter((span) => !span.parentSpanId)).toHaveLength(1);
      const { events } = mapTraceloopSpans(spans);
      expect(events).toHaveLength(3);
      for (const event of events) {
        expect(event.distinct_id).toBe('user-42');
        expect(event.properties.$ai_session_id).toBe('session-7');
        expect(event.properties.$process_person_profile).toBeUndefined();
      }
      // Properties stay where they were recorded.
      const root = events.find((event) => event.event === '$ai_trace')!;
      expect(root.properties.tenant).toBe('acme');
      expect(events.find((event) => event.event === '$ai_generation')!.properties.tenant).toBe(
        undefined,
      );
    });
  }

  it('accepts a numeric user id, and lets the span user.id outrank it', () => {
    const numeric = mapTraceloopSpans([
      makeSpan({ 'llm.request.type': 'chat', 'traceloop.association.properties.user_id': 42 }),
    ]).events[0]!;
    expect(numeric.distinct_id).toBe('42');
    const both = mapTraceloopSpans([
      makeSpan({
        'llm.request.type': 'chat',
        'user.id': 'from-span',
        'traceloop.association.properties.user_id': 'from-association',
      }),
    ]).events[0]!;
    expect(both.distinct_id).toBe('from-span');
  });

  it('prefers the association session over gen_ai.conversation.id', () => {
    const event = mapTraceloopSpans([
      makeSpan({
        'llm.request.type': 'chat',
        'gen_ai.conversation.id': 'conversation-1',
        'traceloop.association.properties.session_id': 'session-1',
      }),
    ]).events[0]!;
    expect(event.properties.$ai_session_id).toBe('session-1');
  });
});

describe('matching', () => {
  it('claims Traceloop scopes, traceloop.* keys and llm.request.type', () => {
    expect(isTraceloopSpan(makeSpan({}))).toBe(true);
    const other = { scope: { name: 'my-app' } };
    expect(isTraceloopSpan(makeSpan({ 'traceloop.workflow.name': 'w' }, other))).toBe(true);
    expect(isTraceloopSpan(makeSpan({ 'llm.request.type': 'chat' }, other))).toBe(true);
  });

  it('leaves OpenInference llm.* spans to their own normalizer', () => {
    const span = makeSpan(
      {
        'openinference.span.kind': 'LLM',
        'llm.model_name': 'gpt-4o-mini',
        'llm.input_messages.0.message.role': 'user',
      },
      { scope: { name: '@arizeai/openinference-instrumentation-openai' } },
    );
    expect(traceloopNormalizer.matches(span)).toBe(false);
  });

  it('never throws on malformed values', () => {
    const span = makeSpan({
      'traceloop.span.kind': 'task',
      'traceloop.entity.name': '',
      'traceloop.entity.input': '{"args":',
      'traceloop.entity.output': '',
      'traceloop.association.properties.user_id': '   ',
      'llm.request.functions.0.name': 5,
    });
    expect(() => traceloopNormalizer.normalize(span)).not.toThrow();
    const { events, failed } = mapTraceloopSpans([span]);
    expect(failed).toEqual([]);
    expect(events[0]!.properties.$ai_input_state).toBe('{"args":');
    expect(events[0]!.properties.$process_person_profile).toBe(false);
  });
});
