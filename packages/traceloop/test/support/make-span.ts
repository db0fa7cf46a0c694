import type { Attributes, SpanRecord } from '@llm-analytics/core';

let counter = 0;

/** A hand-written SpanRecord for unit tests (golden and live tests use real captures). */
export function makeSpan(attributes: Attributes, overrides: Partial<SpanRecord> = {}): SpanRecord {
  counter++;
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: counter.toString(16).padStart(16, '0'),
    name: 'openai.chat',
    kind: 'client',
    startTimeUnixNano: '1700000000000000000',
    endTimeUnixNano: '1700000001500000000',
    status: { code: 'unset' },
    scope: { name: '@traceloop/instrumentation-openai', version: '0.16.0' },
    resource: {},
    attributes,
    events: [],
    logs: [],
    ...overrides,
  };
}

/** Attributes built one key at a time, as an OTLP decoder does (hostile keys stay own keys). */
export function attributesOf(entries: Array<[string, Attributes[string]]>): Attributes {
  const attributes: Attributes = {};
  for (const [key, value] of entries) {
    Object.defineProperty(attributes, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return attributes;
}
