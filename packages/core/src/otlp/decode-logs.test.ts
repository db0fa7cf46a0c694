/// <reference types="node" />
import {
  JsonLogsSerializer,
  ProtobufLogsSerializer,
  ProtobufTraceSerializer,
} from '@opentelemetry/otlp-transformer';
import { beforeAll, describe, expect, it } from 'vitest';
import { logRecordFromSdk } from '../span-record/from-log-record';
import { joinLogsToSpans } from '../span-record/join-logs';
import type { LogRecordRecord } from '../types';
import { decodeLogs } from './decode-logs';
import { decodeTraces } from './decode-traces';
import {
  encodeLogRecords,
  SPAN_ID,
  SPAN_ID_HEX,
  TRACE_ID,
  TRACE_ID_HEX,
} from './fixtures/hand-built';
import { recordSdkTelemetry, type SdkFixture } from './fixtures/sdk-telemetry';

let fixture: SdkFixture;
let expected: LogRecordRecord[];

beforeAll(async () => {
  fixture = await recordSdkTelemetry();
  expected = fixture.logs.map(logRecordFromSdk);
});

describe('decodeLogs on real SDK output', () => {
  it('protobuf, JSON and SDK log record paths agree', () => {
    const fromProtobuf = decodeLogs(
      ProtobufLogsSerializer.serializeRequest(fixture.logs)!,
      'protobuf',
    );
    const fromJson = decodeLogs(
      new TextDecoder().decode(JsonLogsSerializer.serializeRequest(fixture.logs)),
      'json',
    );
    expect(fromProtobuf).toEqual({ logs: expected, rejected: [] });
    expect(fromJson).toEqual({ logs: expected, rejected: [] });
  });

  it('decodes event names, bodies, times and span context', () => {
    const chat = fixture.spans.find((span) => span.name === 'chat gpt-4o')!.spanContext();
    const [details, userMessage, orphan] = decodeLogs(
      ProtobufLogsSerializer.serializeRequest(fixture.logs)!,
      'protobuf',
    ).logs;
    expect(details).toEqual({
      timeUnixNano: '1700000002000000500',
      eventName: 'gen_ai.client.inference.operation.details',
      severityText: 'INFO',
      body: {
        messages: [{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }],
        raw: 'AAH+/w==',
      },
      attributes: { 'gen_ai.operation.name': 'chat' },
      traceId: chat.traceId,
      spanId: chat.spanId,
    });
    expect(userMessage).toMatchObject({
      eventName: 'gen_ai.user.message',
      body: 'older log, event name from the attribute',
    });
    expect(orphan).toEqual({
      timeUnixNano: '1700000003000000000',
      body: 'no span context',
      attributes: {},
    });
  });
});

describe('joinLogsToSpans', () => {
  it('joins real content logs to their span in time order and returns the rest as unmatched', () => {
    const { spans } = decodeTraces(
      ProtobufTraceSerializer.serializeRequest(fixture.spans)!,
      'protobuf',
    );
    const { logs } = decodeLogs(ProtobufLogsSerializer.serializeRequest(fixture.logs)!, 'protobuf');
    const before = JSON.stringify({ spans, logs });

    const joined = joinLogsToSpans(spans, logs);

    const chat = joined.spans.find((span) => span.name === 'chat gpt-4o')!;
    // Emitted second, but earlier: sorted by time.
    expect(chat.logs.map((log) => log.eventName)).toEqual([
      'gen_ai.user.message',
      'gen_ai.client.inference.operation.details',
    ]);
    for (const span of joined.spans) if (span !== chat) expect(span.logs).toEqual([]);
    expect(joined.unmatched.map((log) => log.body)).toEqual(['no span context']);
    // Inputs untouched; outputs are new objects.
    expect(JSON.stringify({ spans, logs })).toBe(before);
    expect(joined.spans.every((span, index) => span !== spans[index])).toBe(true);
  });

  it('requires the trace id to match when both sides carry one', () => {
    const { spans } = decodeTraces(
      ProtobufTraceSerializer.serializeRequest(fixture.spans)!,
      'protobuf',
    );
    const chat = spans.find((span) => span.name === 'chat gpt-4o')!;
    const otherTrace: LogRecordRecord = {
      timeUnixNano: '1',
      attributes: {},
      spanId: chat.spanId,
      traceId: 'f'.repeat(32),
    };
    const noTrace: LogRecordRecord = { timeUnixNano: '2', attributes: {}, spanId: chat.spanId };
    const noSpan: LogRecordRecord = { timeUnixNano: '3', attributes: {}, traceId: chat.traceId };
    const joined = joinLogsToSpans(spans, [otherTrace, noTrace, noSpan]);
    expect(joined.spans.find((span) => span.spanId === chat.spanId)!.logs).toEqual([noTrace]);
    expect(joined.unmatched).toEqual([otherTrace, noSpan]);
  });

  it('merges with logs a span already has, ordering by numeric time', () => {
    const existing: LogRecordRecord = {
      timeUnixNano: '1700000000000000000',
      attributes: {},
      spanId: SPAN_ID_HEX,
    };
    const earlier: LogRecordRecord = {
      timeUnixNano: '999999999999999999',
      attributes: {},
      spanId: SPAN_ID_HEX,
    };
    const later: LogRecordRecord = {
      timeUnixNano: '1700000000000000001',
      attributes: {},
      spanId: SPAN_ID_HEX,
    };
    const span = {
      traceId: TRACE_ID_HEX,
      spanId: SPAN_ID_HEX,
      name: 's',
      kind: 'internal' as const,
      startTimeUnixNano: '0',
      endTimeUnixNano: '0',
      status: { code: 'unset' as const },
      scope: { name: '' },
      resource: {},
      attributes: {},
      events: [],
      logs: [existing],
    };
    const joined = joinLogsToSpans([span], [later, earlier]);
    expect(joined.spans[0]!.logs).toEqual([earlier, existing, later]);
    expect(span.logs).toEqual([existing]);
  });
});

describe('hand-built log records', () => {
  it('rejects a record whose span id has the wrong length, keeps the others', () => {
    const { logs, rejected } = decodeLogs(
      encodeLogRecords([
        { timeUnixNano: '10', traceId: TRACE_ID, spanId: SPAN_ID, eventName: 'ok' },
        { timeUnixNano: '11', traceId: TRACE_ID, spanId: new Uint8Array(3) },
        { observedTimeUnixNano: '12', traceId: new Uint8Array(16), spanId: new Uint8Array(8) },
      ]),
      'protobuf',
    );
    expect(rejected).toEqual([{ index: 1, reason: 'spanId must be 8 bytes, got 3' }]);
    expect(logs).toEqual([
      {
        timeUnixNano: '10',
        eventName: 'ok',
        attributes: {},
        traceId: TRACE_ID_HEX,
        spanId: SPAN_ID_HEX,
      },
      // No time: the observed time is used; all-zero ids are absent.
      { timeUnixNano: '12', attributes: {} },
    ]);
  });

  it('prefers the EventName field over the event.name attribute', () => {
    const { logs } = decodeLogs(
      JSON.stringify({
        resourceLogs: [
          {
            scopeLogs: [
              {
                logRecords: [
                  {
                    timeUnixNano: '1',
                    eventName: 'field',
                    attributes: [{ key: 'event.name', value: { stringValue: 'attribute' } }],
                    body: {},
                    traceId: '',
                    spanId: Buffer.from(SPAN_ID).toString('base64'),
                  },
                ],
              },
            ],
          },
        ],
      }),
      'json',
    );
    expect(logs).toEqual([
      {
        timeUnixNano: '1',
        eventName: 'field',
        attributes: { 'event.name': 'attribute' },
        spanId: SPAN_ID_HEX,
      },
    ]);
  });
});
