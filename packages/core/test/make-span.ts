import type { SpanRecord } from '../src/types';

let counter = 0;

/** A hand-written SpanRecord for unit tests (integration tests use real library captures). */
export function makeSpan(overrides: Partial<SpanRecord> = {}): SpanRecord {
  counter++;
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: counter.toString(16).padStart(16, '0'),
    name: 'chat gpt-4o-mini',
    kind: 'client',
    startTimeUnixNano: '1700000000000000000',
    endTimeUnixNano: '1700000001500000000',
    status: { code: 'unset' },
    scope: { name: 'test-scope', version: '1.0.0' },
    resource: {},
    attributes: {},
    events: [],
    logs: [],
    ...overrides,
  };
}
