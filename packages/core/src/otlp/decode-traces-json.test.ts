/// <reference types="node" />
import { ProtobufLogsSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { describe, expect, it } from 'vitest';
import { decodeTraces } from './decode-traces';
import {
  jsonSpan,
  jsonSpans,
  SPAN_ID,
  SPAN_ID_HEX,
  TRACE_ID,
  TRACE_ID_HEX,
} from './fixtures/hand-built';
import {
  encodeLogsServiceResponse,
  encodeTraceServiceResponse,
  logsServiceResponseJson,
  traceServiceResponseJson,
} from './response';

describe('lenient OTLP/JSON', () => {
  it('accepts base64 ids (the proto3 JSON mapping some producers use) and upper-case hex', () => {
    const body = jsonSpans([
      jsonSpan({
        traceId: Buffer.from(TRACE_ID).toString('base64'),
        spanId: Buffer.from(SPAN_ID).toString('base64url'),
        parentSpanId: SPAN_ID_HEX.toUpperCase(),
      }),
      jsonSpan({ traceId: TRACE_ID_HEX.toUpperCase(), parentSpanId: '' }),
      jsonSpan({ parentSpanId: 'AAAAAAAAAAA=' }),
    ]);
    const { spans, rejected } = decodeTraces(body, 'json');
    expect(rejected).toEqual([]);
    expect(spans.map((span) => [span.traceId, span.spanId, span.parentSpanId])).toEqual([
      [TRACE_ID_HEX, SPAN_ID_HEX, SPAN_ID_HEX],
      [TRACE_ID_HEX, SPAN_ID_HEX, undefined],
      [TRACE_ID_HEX, SPAN_ID_HEX, undefined],
    ]);
  });

  it('accepts enum names, snake_case keys, numeric times and pre-1.0 instrumentationLibrarySpans', () => {
    const body = JSON.stringify({
      resource_spans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { string_value: 'svc' } }] },
          instrumentationLibrarySpans: [
            {
              instrumentationLibrary: { name: 'old-lib', version: '0.9' },
              spans: [
                {
                  trace_id: TRACE_ID_HEX,
                  span_id: SPAN_ID_HEX,
                  parent_span_id: '1111111111111111',
                  name: 'snake',
                  kind: 'SPAN_KIND_PRODUCER',
                  start_time_unix_nano: 1_700_000_000_000,
                  end_time_unix_nano: '01700000000000001',
                  status: { code: 'STATUS_CODE_ERROR', message: 'bad' },
                  events: [{ name: 'e', time_unix_nano: '5' }],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(decodeTraces(body, 'json').spans).toEqual([
      {
        traceId: TRACE_ID_HEX,
        spanId: SPAN_ID_HEX,
        parentSpanId: '1111111111111111',
        name: 'snake',
        kind: 'producer',
        startTimeUnixNano: '1700000000000',
        endTimeUnixNano: '1700000000000001',
        status: { code: 'error', message: 'bad' },
        scope: { name: 'old-lib', version: '0.9' },
        resource: { 'service.name': 'svc' },
        attributes: {},
        events: [{ name: 'e', timeUnixNano: '5', attributes: {} }],
        logs: [],
      },
    ]);
  });

  it('maps unknown enum numbers to unspecified / unset instead of failing', () => {
    const { spans } = decodeTraces(
      jsonSpans([jsonSpan({ kind: 42, status: { code: 9 } })]),
      'json',
    );
    expect(spans[0]).toMatchObject({ kind: 'unspecified', status: { code: 'unset' } });
  });

  it('defaults missing optional fields', () => {
    const { spans } = decodeTraces(
      JSON.stringify({
        resourceSpans: [
          { scopeSpans: [{ spans: [{ traceId: TRACE_ID_HEX, spanId: SPAN_ID_HEX }] }] },
        ],
      }),
      'json',
    );
    expect(spans).toEqual([
      {
        traceId: TRACE_ID_HEX,
        spanId: SPAN_ID_HEX,
        name: '',
        kind: 'unspecified',
        startTimeUnixNano: '0',
        endTimeUnixNano: '0',
        status: { code: 'unset' },
        scope: { name: '' },
        resource: {},
        attributes: {},
        events: [],
        logs: [],
      },
    ]);
  });
});

describe('export responses', () => {
  const rejected = [
    { index: 1, reason: 'traceId must be 16 bytes, got 5' },
    { index: 4, reason: 'spanId is missing or all zeros' },
  ];

  it('encode a partial success the real OTLP exporter can read', () => {
    expect(
      ProtobufTraceSerializer.deserializeResponse(encodeTraceServiceResponse(rejected)),
    ).toEqual({
      partialSuccess: {
        rejectedSpans: 2,
        errorMessage:
          '2 spans rejected: span 1: traceId must be 16 bytes, got 5; span 4: spanId is missing or all zeros',
      },
    });
    expect(
      ProtobufLogsSerializer.deserializeResponse(encodeLogsServiceResponse(rejected.slice(0, 1))),
    ).toEqual({
      partialSuccess: {
        rejectedLogRecords: 1,
        errorMessage: '1 log record rejected: log record 1: traceId must be 16 bytes, got 5',
      },
    });
  });

  it('encode full success as an empty message', () => {
    expect(encodeTraceServiceResponse([])).toHaveLength(0);
    expect(encodeLogsServiceResponse()).toHaveLength(0);
    expect(traceServiceResponseJson([])).toEqual({});
    expect(logsServiceResponseJson([])).toEqual({});
  });

  it('spell int64 counts as strings in JSON responses', () => {
    expect(traceServiceResponseJson(rejected)).toMatchObject({
      partialSuccess: { rejectedSpans: '2' },
    });
    expect(logsServiceResponseJson(rejected)).toMatchObject({
      partialSuccess: { rejectedLogRecords: '2' },
    });
  });
});
