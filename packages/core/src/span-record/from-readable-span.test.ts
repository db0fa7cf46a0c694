import { SpanKind, SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { recordSdkTelemetry } from '../otlp/fixtures/sdk-telemetry';
import type { SpanRecord } from '../types';
import { logRecordFromSdk, type ReadableLogRecordLike } from './from-log-record';
import { spanRecordFromReadableSpan, type ReadableSpanLike } from './from-readable-span';

/** A span as sdk-trace-base 1.x hands it over: `parentSpanId` and `instrumentationLibrary`. */
const legacySpan: ReadableSpanLike = {
  name: 'chat legacy',
  kind: SpanKind.CLIENT,
  spanContext: () => ({
    traceId: 'ABCDEF0123456789ABCDEF0123456789',
    spanId: '0123456789ABCDEF',
    traceFlags: TraceFlags.SAMPLED,
  }),
  parentSpanId: '1111111111111111',
  startTime: [1_700_000_000, 1],
  endTime: [1_700_000_000, 999_999_999],
  status: { code: SpanStatusCode.ERROR, message: 'rate limited' },
  attributes: { 'gen_ai.request.model': 'gpt-4o', list: ['a', 'b'] },
  events: [{ name: 'e', time: [1_700_000_000, 2] }],
  resource: { attributes: { 'service.name': 'legacy' } },
  instrumentationLibrary: { name: 'old', version: '0.1' },
};

describe('spanRecordFromReadableSpan', () => {
  it('accepts the sdk-trace-base 2.x ReadableSpan and sdk-logs ReadableLogRecord types', () => {
    expectTypeOf<ReadableSpan>().toExtend<ReadableSpanLike>();
    expectTypeOf<ReadableLogRecord>().toExtend<ReadableLogRecordLike>();
  });

  it('converts a 1.x-shaped span', () => {
    expect(spanRecordFromReadableSpan(legacySpan)).toEqual<SpanRecord>({
      traceId: 'abcdef0123456789abcdef0123456789',
      spanId: '0123456789abcdef',
      parentSpanId: '1111111111111111',
      name: 'chat legacy',
      kind: 'client',
      startTimeUnixNano: '1700000000000000001',
      endTimeUnixNano: '1700000000999999999',
      status: { code: 'error', message: 'rate limited' },
      scope: { name: 'old', version: '0.1' },
      resource: { 'service.name': 'legacy' },
      attributes: { 'gen_ai.request.model': 'gpt-4o', list: ['a', 'b'] },
      events: [{ name: 'e', timeUnixNano: '1700000000000000002', attributes: {} }],
      logs: [],
    });
  });

  it('omits an all-zero parent and copies attribute arrays', () => {
    const record = spanRecordFromReadableSpan({ ...legacySpan, parentSpanId: '0000000000000000' });
    expect('parentSpanId' in record).toBe(false);
    expect(record.attributes['list']).not.toBe(legacySpan.attributes['list']);
  });

  it('converts real 2.x spans: roots, parents, scopes, kinds', async () => {
    const { spans } = await recordSdkTelemetry();
    const records = spans.map(spanRecordFromReadableSpan);
    const root = records.find((record) => record.name === 'invoke_agent planner')!;
    expect('parentSpanId' in root).toBe(false);
    for (const record of records) {
      if (record !== root) expect(record.parentSpanId).toBe(root.spanId);
    }
    expect(records.find((record) => record.name === 'execute_tool search')).toMatchObject({
      kind: 'server',
      scope: { name: 'no-version-scope' },
      status: { code: 'error', message: 'tool failed' },
    });
  });
});

describe('logRecordFromSdk', () => {
  it('uses eventName, else the event.name attribute, and drops empty bodies and zero ids', () => {
    expect(
      logRecordFromSdk({
        hrTime: [0, 0],
        hrTimeObserved: [1_700_000_000, 7],
        attributes: { 'event.name': 'gen_ai.user.message' },
        body: null,
        spanContext: { traceId: '0'.repeat(32), spanId: '0'.repeat(16) },
      }),
    ).toEqual({
      timeUnixNano: '1700000000000000007',
      eventName: 'gen_ai.user.message',
      attributes: { 'event.name': 'gen_ai.user.message' },
    });
    expect(
      logRecordFromSdk({
        hrTime: [1, 0],
        attributes: {},
        eventName: 'x',
        severityText: 'WARN',
        body: 0,
      }),
    ).toEqual({
      timeUnixNano: '1000000000',
      eventName: 'x',
      severityText: 'WARN',
      body: 0,
      attributes: {},
    });
  });
});
