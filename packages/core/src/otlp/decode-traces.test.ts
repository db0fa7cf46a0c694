import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { beforeAll, describe, expect, it } from 'vitest';
import { spanRecordFromReadableSpan } from '../span-record/from-readable-span';
import type { SpanRecord } from '../types';
import { decodeTraces, decodeTracesJson, decodeTracesProtobuf } from './decode-traces';
import { recordSdkTelemetry, type SdkFixture } from './fixtures/sdk-telemetry';

let fixture: SdkFixture;
let expected: SpanRecord[];

const byId = (spans: SpanRecord[]) =>
  [...spans].sort((left, right) => left.spanId.localeCompare(right.spanId));

beforeAll(async () => {
  fixture = await recordSdkTelemetry();
  expected = byId(fixture.spans.map(spanRecordFromReadableSpan));
});

describe('decodeTraces on real SDK output', () => {
  it('protobuf, JSON and ReadableSpan paths produce the same span records', () => {
    const protobufBody = ProtobufTraceSerializer.serializeRequest(fixture.spans)!;
    const jsonBody = new TextDecoder().decode(JsonTraceSerializer.serializeRequest(fixture.spans));
    const fromProtobuf = decodeTraces(protobufBody, 'protobuf');
    const fromJson = decodeTraces(jsonBody, 'json');
    expect(fromProtobuf.rejected).toEqual([]);
    expect(fromJson.rejected).toEqual([]);
    expect(byId(fromProtobuf.spans)).toEqual(expected);
    // The JS JSON serializer writes NaN as `"doubleValue": null` (JSON has no NaN): that one value differs.
    const withoutNaN = (spans: SpanRecord[]) =>
      spans.map((span) => {
        const { ['not.a.number']: _dropped, ...attributes } = span.attributes;
        return { ...span, attributes };
      });
    expect(withoutNaN(byId(fromJson.spans))).toEqual(withoutNaN(expected));
    const chatFromJson = fromJson.spans.find((span) => span.name === 'chat gpt-4o')!;
    expect(chatFromJson.attributes['not.a.number']).toBeNull();
  });

  it('accepts the JSON body as UTF-8 bytes and as an already parsed object', () => {
    const bytes = JsonTraceSerializer.serializeRequest(fixture.spans);
    expect(byId(decodeTracesJson(bytes).spans)).toEqual(
      byId(decodeTracesJson(JSON.parse(new TextDecoder().decode(bytes))).spans),
    );
  });

  it('decodes every span field exactly', () => {
    const { spans } = decodeTracesProtobuf(
      ProtobufTraceSerializer.serializeRequest(fixture.spans)!,
    );
    const root = spans.find((span) => span.name === 'invoke_agent planner')!;
    const chat = spans.find((span) => span.name === 'chat gpt-4o')!;
    const tool = spans.find((span) => span.name === 'execute_tool search')!;

    expect(root.parentSpanId).toBeUndefined();
    expect('parentSpanId' in root).toBe(false);
    expect(root.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(root.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(chat.parentSpanId).toBe(root.spanId);
    expect(chat.traceId).toBe(root.traceId);
    expect(root.startTimeUnixNano).toBe('1700000000123456789');
    expect(chat.startTimeUnixNano).toBe('1700000001000000005');
    expect(chat.endTimeUnixNano).toBe('1700000003000000001');

    expect(root.kind).toBe('internal');
    expect(chat.kind).toBe('client');
    expect(tool.kind).toBe('server');
    expect(spans.map((span) => span.kind).sort()).toEqual([
      'client',
      'consumer',
      'internal',
      'producer',
      'server',
    ]);
    expect(root.status).toEqual({ code: 'unset' });
    expect(chat.status).toEqual({ code: 'ok' });
    expect(tool.status).toEqual({ code: 'error', message: 'tool failed' });

    expect(chat.scope).toEqual({ name: 'gen-ai-test', version: '1.2.3' });
    expect(tool.scope).toEqual({ name: 'no-version-scope' });
    expect(chat.resource['service.name']).toBe('decoder-test');

    expect(chat.attributes).toMatchObject({
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': -3,
      'gen_ai.request.temperature': 0.25,
      'gen_ai.request.stream': true,
      'gen_ai.request.stop_sequences': ['\n', 'END'],
      scores: [1.5, 2, -7],
      flags: [true, false],
      'big.int': '1152921504606846976',
      'huge.double': 1e300,
      'not.a.number': 'NaN',
      unicode: 'héllo 🌍',
      empty: '',
    });
    expect(Object.prototype.hasOwnProperty.call(chat.attributes, 'constructor')).toBe(true);
    expect(chat.attributes['constructor']).toBe('own property');

    expect(chat.events).toEqual([
      {
        name: 'gen_ai.content.prompt',
        timeUnixNano: '1700000001999999999',
        attributes: { 'gen_ai.prompt': '[{"role":"user","content":"hi"}]' },
      },
      { name: 'no.attributes', timeUnixNano: '1700000002000000000', attributes: {} },
    ]);
    expect(tool.events[0]).toMatchObject({
      name: 'exception',
      timeUnixNano: '1700000003000000003',
      attributes: { 'exception.message': 'boom', 'exception.type': 'Error' },
    });
    for (const span of spans) expect(span.logs).toEqual([]);
  });

  it('span records are JSON-safe', () => {
    const { spans } = decodeTracesProtobuf(
      ProtobufTraceSerializer.serializeRequest(fixture.spans)!,
    );
    expect(JSON.parse(JSON.stringify(spans))).toEqual(spans);
  });

  it('gives each span its own resource object', () => {
    const { spans } = decodeTracesProtobuf(
      ProtobufTraceSerializer.serializeRequest(fixture.spans)!,
    );
    expect(spans[0]!.resource).toEqual(spans[1]!.resource);
    expect(spans[0]!.resource).not.toBe(spans[1]!.resource);
  });

  it('decodes an empty request to no spans', () => {
    expect(decodeTraces(new Uint8Array(0), 'protobuf')).toEqual({ spans: [], rejected: [] });
    expect(decodeTraces('{}', 'json')).toEqual({ spans: [], rejected: [] });
    expect(decodeTraces('{"resourceSpans":[]}', 'json')).toEqual({ spans: [], rejected: [] });
  });
});
