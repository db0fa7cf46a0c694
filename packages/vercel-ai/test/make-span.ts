import type { Attributes, SpanRecord } from '@llm-analytics/core';

let counter = 0;

/** A hand-written AI SDK span for unit tests (golden tests use real captures). */
export function makeSpan(
  attributes: Attributes,
  overrides: Partial<Omit<SpanRecord, 'attributes'>> = {},
): SpanRecord {
  counter++;
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: counter.toString(16).padStart(16, '0'),
    parentSpanId: 'ffffffffffffffff',
    name: String(attributes['ai.operationId'] ?? 'span'),
    kind: 'internal',
    startTimeUnixNano: '1700000000000000000',
    endTimeUnixNano: '1700000001500000000',
    status: { code: 'unset' },
    scope: { name: 'ai' },
    resource: {},
    attributes,
    events: [],
    logs: [],
    ...overrides,
  };
}
