import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeLogs } from './decode-logs';
import { decodeTraces } from './decode-traces';
import { OtlpDecodeError } from './errors';
import {
  encodeSpans,
  jsonSpan,
  jsonSpans,
  protoSpan,
  SPAN_ID_HEX,
  TRACE_ID_HEX,
} from './fixtures/hand-built';
import { recordSdkTelemetry } from './fixtures/sdk-telemetry';

/** Run a decode and return the OtlpDecodeError it threw, or undefined when it decoded; anything else fails. */
function decodeErrorOf(run: () => unknown): OtlpDecodeError | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(OtlpDecodeError);
    return error as OtlpDecodeError;
  }
}

/** Deterministic bytes for fuzzing (mulberry32). */
function pseudoRandomBytes(seed: number, length: number): Uint8Array {
  let state = seed;
  return Uint8Array.from({ length }, () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) & 0xff;
  });
}

describe('malformed protobuf', () => {
  let realBody: Uint8Array;
  beforeAll(async () => {
    realBody = ProtobufTraceSerializer.serializeRequest((await recordSdkTelemetry()).spans)!;
  });

  it('rejects a length prefix past the end as "index out of range"', () => {
    const error = decodeErrorOf(() =>
      decodeTraces(new Uint8Array([0x0a, 0xff, 0xff, 0x03, 0x01]), 'protobuf'),
    );
    expect(error?.message).toMatch(/^invalid protobuf: index out of range/);
  });

  it('turns every truncation of a real request into OtlpDecodeError, never a crash', () => {
    let failures = 0;
    for (let length = 1; length < realBody.length; length++) {
      if (decodeErrorOf(() => decodeTraces(realBody.subarray(0, length), 'protobuf'))) failures++;
    }
    // One resource: every cut inside it leaves a length prefix pointing past the end.
    expect(failures).toBe(realBody.length - 1);
  });

  it('never crashes on random garbage', () => {
    let failures = 0;
    for (let seed = 1; seed <= 2_000; seed++) {
      const garbage = pseudoRandomBytes(seed, 1 + (seed % 300));
      const error = decodeErrorOf(() => {
        const result = decodeTraces(garbage, 'protobuf');
        expect(Array.isArray(result.spans) && Array.isArray(result.rejected)).toBe(true);
        decodeLogs(garbage, 'protobuf');
      });
      if (error) failures++;
    }
    expect(failures).toBeGreaterThan(1_000);
  });

  it('refuses a string body for protobuf', () => {
    expect(() => decodeTraces('not bytes', 'protobuf')).toThrow(
      new OtlpDecodeError('invalid protobuf: body must be bytes'),
    );
    expect(() => decodeLogs('not bytes', 'protobuf')).toThrow(OtlpDecodeError);
  });
});

describe('malformed OTLP/JSON', () => {
  const cases: Array<[string, string | Uint8Array, RegExp]> = [
    ['not JSON', 'resourceSpans: nope', /^OTLP\/JSON: body is not JSON/],
    ['truncated JSON', '{"resourceSpans":[{', /^OTLP\/JSON: body is not JSON/],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), /^OTLP\/JSON: body is not valid UTF-8/],
    ['an array body', '[]', /^OTLP\/JSON: body must be a JSON object/],
    ['a number body', '42', /^OTLP\/JSON: body must be a JSON object/],
    ['null body', 'null', /^OTLP\/JSON: body must be a JSON object/],
    [
      'resourceSpans not an array',
      '{"resourceSpans":{}}',
      /^OTLP\/JSON: resourceSpans must be an array$/,
    ],
    [
      'a resource entry not an object',
      '{"resourceSpans":[1]}',
      /^OTLP\/JSON: resourceSpans\[0\] must be an object$/,
    ],
    [
      'scopeSpans not an array',
      '{"resourceSpans":[{"scopeSpans":"x"}]}',
      /resourceSpans\[0\]\.scopeSpans must be an array/,
    ],
    [
      'spans not an array',
      '{"resourceSpans":[{"scopeSpans":[{"spans":7}]}]}',
      /scopeSpans\[0\]\.spans must be an array/,
    ],
    [
      'resource not an object',
      '{"resourceSpans":[{"resource":"r"}]}',
      /resourceSpans\[0\]\.resource must be an object/,
    ],
    [
      'a bad resource attribute',
      '{"resourceSpans":[{"resource":{"attributes":[{"key":1}]}}]}',
      /^OTLP\/JSON: resourceSpans\[0\]\.resource\.attributes\[0\]\.key must be a string$/,
    ],
    [
      'a scope that is a string',
      '{"resourceSpans":[{"scopeSpans":[{"scope":"s"}]}]}',
      /scopeSpans\[0\]\.scope must be an object/,
    ],
  ];
  for (const [name, body, message] of cases) {
    it(`throws OtlpDecodeError for ${name}`, () => {
      expect(decodeErrorOf(() => decodeTraces(body, 'json'))?.message).toMatch(message);
    });
  }

  it('throws OtlpDecodeError for malformed logs bodies too', () => {
    expect(decodeErrorOf(() => decodeLogs('{', 'json'))?.message).toMatch(/not JSON/);
    expect(decodeErrorOf(() => decodeLogs('{"resourceLogs":"x"}', 'json'))?.message).toBe(
      'OTLP/JSON: resourceLogs must be an array',
    );
  });
});

describe('one bad span does not reject the request', () => {
  it('protobuf: rejects only the span whose ids are invalid', () => {
    const body = encodeSpans([
      protoSpan({ name: 'good 0' }),
      protoSpan({ name: 'short trace id', traceId: new Uint8Array(5) }),
      protoSpan({ name: 'good 2' }),
      protoSpan({ name: 'no span id', spanId: new Uint8Array(0) }),
      protoSpan({ name: 'zero trace id', traceId: new Uint8Array(16) }),
      protoSpan({ name: 'long parent id', parentSpanId: new Uint8Array(9) }),
      protoSpan({ name: 'zero parent id', parentSpanId: new Uint8Array(8) }),
    ]);
    const { spans, rejected } = decodeTraces(body, 'protobuf');
    expect(spans.map((span) => span.name)).toEqual(['good 0', 'good 2', 'zero parent id']);
    expect(spans[2]!.parentSpanId).toBeUndefined();
    expect(rejected).toEqual([
      { index: 1, reason: 'traceId must be 16 bytes, got 5' },
      { index: 3, reason: 'spanId is missing or all zeros' },
      { index: 4, reason: 'traceId is missing or all zeros' },
      { index: 5, reason: 'parentSpanId must be 8 bytes, got 9' },
    ]);
  });

  it('JSON: rejects only the malformed spans, with a reason naming the field', () => {
    const body = jsonSpans([
      jsonSpan({ name: 'good 0' }),
      jsonSpan({ spanId: 'xyz' }),
      'not a span',
      jsonSpan({ traceId: 12 }),
      jsonSpan({ startTimeUnixNano: '-5' }),
      jsonSpan({ endTimeUnixNano: 1.5 }),
      jsonSpan({ attributes: { key: 'value' } }),
      jsonSpan({ attributes: [{ key: 'n', value: { intValue: 'twelve' } }] }),
      jsonSpan({ attributes: [{ key: 'n', value: { boolValue: 'yes' } }] }),
      jsonSpan({ kind: 'SIDEWAYS' }),
      jsonSpan({ status: 'error' }),
      jsonSpan({ events: [{ name: 'e', timeUnixNano: 'soon' }] }),
      jsonSpan({ attributes: [{ key: 'b', value: { bytesValue: 'not base64!' } }] }),
      jsonSpan({ name: 'good 13' }),
    ]);
    const { spans, rejected } = decodeTraces(body, 'json');
    expect(spans.map((span) => span.name)).toEqual(['good 0', 'good 13']);
    expect(rejected).toEqual([
      { index: 1, reason: 'spanId must be 16 hex characters (or base64 of 8 bytes)' },
      { index: 2, reason: 'span must be an object' },
      { index: 3, reason: 'traceId must be a string' },
      { index: 4, reason: 'startTimeUnixNano must be an unsigned 64-bit integer' },
      { index: 5, reason: 'endTimeUnixNano must be an unsigned 64-bit integer' },
      { index: 6, reason: 'attributes must be an array' },
      { index: 7, reason: 'attributes[0].value.intValue must be an int64' },
      { index: 8, reason: 'attributes[0].value.boolValue must be a boolean' },
      { index: 9, reason: 'kind must be an enum number or name' },
      { index: 10, reason: 'status must be an object' },
      { index: 11, reason: 'events[0].timeUnixNano must be an unsigned 64-bit integer' },
      { index: 12, reason: 'attributes[0].value.bytesValue must be a base64 string' },
    ]);
  });

  it('counts span indexes across resources and scopes', () => {
    const body = JSON.stringify({
      resourceSpans: [
        {
          scopeSpans: [{ spans: [jsonSpan()] }, { spans: [jsonSpan(), jsonSpan({ spanId: '' })] }],
        },
        { scopeSpans: [{ spans: [jsonSpan({ traceId: 'zz' })] }] },
      ],
    });
    expect(decodeTraces(body, 'json').rejected.map((item) => item.index)).toEqual([2, 3]);
    expect(TRACE_ID_HEX).toHaveLength(32);
    expect(SPAN_ID_HEX).toHaveLength(16);
  });
});
