import { describe, expect, it } from 'vitest';
import { makeSpan } from '../../test/make-span';
import { spansToEvents } from '../integration/create-mapper';

const chat = { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o-mini' };

describe('event building', () => {
  it('promotes to $ai_trace only spans without a parent', () => {
    const [root, child, orphan] = spansToEvents([
      makeSpan({ name: 'workflow', attributes: { 'gen_ai.operation.name': 'invoke_agent' } }),
      makeSpan({
        name: 'tool',
        parentSpanId: '00000000000000aa',
        attributes: { 'gen_ai.operation.name': 'execute_tool' },
      }),
      // Its parent (an HTTP span) was filtered out: it stays a span with its parent id.
      makeSpan({
        name: 'agent',
        parentSpanId: 'ffffffffffffffff',
        attributes: { 'gen_ai.operation.name': 'invoke_agent' },
      }),
    ]);
    expect(root!.event).toBe('$ai_trace');
    expect(child!.event).toBe('$ai_span');
    expect(orphan!.event).toBe('$ai_span');
    expect(orphan!.properties.$ai_parent_id).toBe('ffffffffffffffff');
  });

  it('keeps a root generation a generation', () => {
    const [event] = spansToEvents([makeSpan({ attributes: chat })]);
    expect(event!.event).toBe('$ai_generation');
    expect(event!.properties.$ai_parent_id).toBeUndefined();
  });

  it('uses hex ids, latency in seconds and the span start as timestamp', () => {
    const [event] = spansToEvents([
      makeSpan({
        attributes: chat,
        parentSpanId: '1111111111111111',
        startTimeUnixNano: '1700000000123456789',
        endTimeUnixNano: '1700000002623456789',
      }),
    ]);
    expect(event!.properties.$ai_trace_id).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(event!.properties.$ai_span_id).toMatch(/^[0-9a-f]{16}$/);
    expect(event!.properties.$ai_parent_id).toBe('1111111111111111');
    expect(event!.properties.$ai_latency).toBe(2.5);
    expect(event!.timestamp).toBe('2023-11-14T22:13:20.123Z');
  });

  it('derives a deterministic uuid from trace id and span id', () => {
    const span = makeSpan({ attributes: chat });
    const [a] = spansToEvents([span]);
    const [b] = spansToEvents([structuredClone(span)]);
    const [c] = spansToEvents([{ ...span, spanId: 'abcdefabcdefabcd' }]);
    expect(a!.uuid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(a!.uuid).toBe(b!.uuid);
    expect(a!.uuid).not.toBe(c!.uuid);
  });

  describe('identity', () => {
    const resource = { 'posthog.distinct_id': 'resource-ph', 'user.id': 'resource-user' };
    it('ranks span posthog.distinct_id first', () => {
      const [e] = spansToEvents([
        makeSpan({
          resource,
          attributes: { ...chat, 'posthog.distinct_id': 'ph', 'user.id': 'u' },
        }),
      ]);
      expect(e!.distinct_id).toBe('ph');
      expect(e!.properties.$process_person_profile).toBeUndefined();
    });
    it('then span user.id', () => {
      const [e] = spansToEvents([makeSpan({ resource, attributes: { ...chat, 'user.id': 'u' } })]);
      expect(e!.distinct_id).toBe('u');
    });
    it('then framework user keys', () => {
      const framework = {
        name: 'fw',
        matches: () => true,
        normalize: () => ({ distinctId: 'fw-user' }),
      };
      const [e] = spansToEvents([makeSpan({ resource, attributes: chat })], {
        normalizers: [framework],
      });
      expect(e!.distinct_id).toBe('fw-user');
    });
    it('then resource posthog.distinct_id, then resource user.id', () => {
      const [a] = spansToEvents([makeSpan({ resource, attributes: chat })]);
      expect(a!.distinct_id).toBe('resource-ph');
      const [b] = spansToEvents([
        makeSpan({ resource: { 'user.id': 'resource-user' }, attributes: chat }),
      ]);
      expect(b!.distinct_id).toBe('resource-user');
    });
    it('skips empty strings', () => {
      const [e] = spansToEvents([
        makeSpan({ attributes: { ...chat, 'posthog.distinct_id': '  ', 'user.id': 'u' } }),
      ]);
      expect(e!.distinct_id).toBe('u');
    });
    it('falls back to a stable anonymous id per trace without a person profile', () => {
      const events = spansToEvents([
        makeSpan({ attributes: chat }),
        makeSpan({ parentSpanId: '00000000000000aa', attributes: chat }),
        makeSpan({ traceId: '1'.repeat(32), attributes: chat }),
      ]);
      expect(events[0]!.distinct_id).toBe(events[1]!.distinct_id);
      expect(events[0]!.distinct_id).not.toBe(events[2]!.distinct_id);
      expect(events[0]!.properties.$process_person_profile).toBe(false);
    });
    it('derives the anonymous id from the session when there is one', () => {
      const events = spansToEvents([
        makeSpan({ attributes: { ...chat, 'session.id': 's1' } }),
        makeSpan({ traceId: '2'.repeat(32), attributes: { ...chat, 'session.id': 's1' } }),
      ]);
      expect(events[0]!.distinct_id).toBe(events[1]!.distinct_id);
      expect(events[0]!.properties.$ai_session_id).toBe('s1');
    });
    it('gives every span of a trace the identity and session found on any of its spans', () => {
      const events = spansToEvents([
        makeSpan({
          spanId: '00000000000000aa',
          name: 'agent',
          attributes: {
            'gen_ai.operation.name': 'invoke_agent',
            'user.id': 'alice',
            'gen_ai.conversation.id': 'conv',
          },
        }),
        makeSpan({ parentSpanId: '00000000000000aa', attributes: chat }),
      ]);
      expect(events.map((e) => e.distinct_id)).toEqual(['alice', 'alice']);
      expect(events.map((e) => e.properties.$ai_session_id)).toEqual(['conv', 'conv']);
      expect(events[1]!.properties.$ai_trace_name).toBe('agent');
    });
    it('uses the default distinct id option before going anonymous', () => {
      const [e] = spansToEvents([makeSpan({ attributes: chat })], { distinctId: 'default-user' });
      expect(e!.distinct_id).toBe('default-user');
    });
  });

  describe('pass-through', () => {
    it('passes unconsumed span and resource attributes and drops noisy resource keys', () => {
      const [e] = spansToEvents([
        makeSpan({
          resource: {
            'service.name': 'checkout',
            'host.name': 'box',
            'process.pid': 42,
            'os.type': 'linux',
            'telemetry.sdk.language': 'nodejs',
            'telemetry.sdk.name': 'opentelemetry',
            'telemetry.sdk.version': '2.0.0',
            tenant_id: 't-1',
          },
          attributes: {
            ...chat,
            foo: 'bar',
            conversation_id: 'c1',
            'gen_ai.openai.response.system_fingerprint': 'fp_1',
          },
        }),
      ]);
      const p = e!.properties;
      expect(p['service.name']).toBe('checkout');
      expect(p.tenant_id).toBe('t-1');
      expect(p.foo).toBe('bar');
      expect(p.conversation_id).toBe('c1');
      expect(p['gen_ai.openai.response.system_fingerprint']).toBe('fp_1');
      expect(p['telemetry.sdk.name']).toBe('opentelemetry');
      expect(p['telemetry.sdk.version']).toBe('2.0.0');
      for (const key of [
        'host.name',
        'process.pid',
        'os.type',
        'telemetry.sdk.language',
        'gen_ai.request.model',
        'gen_ai.operation.name',
      ]) {
        expect(p).not.toHaveProperty(key);
      }
    });

    it('keeps hostile keys as own properties without touching prototypes', () => {
      const attributes = JSON.parse(
        '{"gen_ai.operation.name":"chat","__proto__":{"polluted":true},"constructor":"x"}',
      );
      const [e] = spansToEvents([makeSpan({ attributes })]);
      expect(Object.prototype.hasOwnProperty.call(e!.properties, '__proto__')).toBe(true);
      expect((e!.properties as { polluted?: boolean }).polluted).toBeUndefined();
      expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
      expect(e!.properties.constructor).toBe('x');
    });

    it('reports the instrumentation library and its version', () => {
      const [e] = spansToEvents([
        makeSpan({
          scope: { name: '@opentelemetry/instrumentation-openai', version: '0.21.0' },
          attributes: chat,
        }),
      ]);
      expect(e!.properties.$ai_lib).toBe('@opentelemetry/instrumentation-openai');
      expect(e!.properties.$ai_lib_version).toBe('0.21.0');
    });
  });

  describe('errors', () => {
    it('takes exception.type: exception.message from the exception event', () => {
      const [e] = spansToEvents([
        makeSpan({
          status: { code: 'error', message: 'something' },
          attributes: chat,
          events: [
            {
              name: 'exception',
              timeUnixNano: '1',
              attributes: {
                'exception.type': 'RateLimitError',
                'exception.message': '429 Rate limit reached',
              },
            },
          ],
        }),
      ]);
      expect(e!.properties.$ai_is_error).toBe(true);
      expect(e!.properties.$ai_error).toBe('RateLimitError: 429 Rate limit reached');
      expect(e!.properties.$ai_http_status).toBe(429);
    });

    it('falls back to the status message, error.type and the status code in the message', () => {
      const [e] = spansToEvents([
        makeSpan({
          status: { code: 'error', message: '500 Internal server error' },
          attributes: { ...chat, 'error.type': 'InternalServerError' },
        }),
      ]);
      expect(e!.properties.$ai_is_error).toBe(true);
      expect(e!.properties.$ai_error).toBe('500 Internal server error');
      expect(e!.properties.$ai_error_type).toBe('InternalServerError');
      expect(e!.properties.$ai_http_status).toBe(500);
    });

    it('prefers http.response.status_code and does not mark OK spans as errors', () => {
      const [e] = spansToEvents([
        makeSpan({ attributes: { ...chat, 'http.response.status_code': 200 } }),
      ]);
      expect(e!.properties.$ai_http_status).toBe(200);
      expect(e!.properties.$ai_is_error).toBeUndefined();
    });
  });

  it('never mutates the input span', () => {
    const span = makeSpan({
      attributes: {
        ...chat,
        'gen_ai.input.messages': [
          { role: 'user', parts: [{ type: 'text', content: 'x'.repeat(100_000) }] },
        ],
      },
    });
    const copy = structuredClone(span);
    Object.freeze(span);
    spansToEvents([span], { maxStringLength: 10 });
    expect(span).toEqual(copy);
  });
});
