import Long from 'long';
import { describe, expect, it } from 'vitest';
import { MAX_ATTRIBUTE_DEPTH, MAX_DEPTH_MARKER } from '../span-record/attributes';
import type { AttributeValue } from '../types';
import { decodeTraces } from './decode-traces';
import { OtlpDecodeError } from './errors';
import {
  deeplyNestedJsonAnyValue,
  encodeDeeplyNestedAttribute,
  encodeSpans,
  jsonSpan,
  jsonSpans,
  protoSpan,
} from './fixtures/hand-built';

function decodeProtoAttributes(attributes: unknown[]) {
  const { spans, rejected } = decodeTraces(encodeSpans([protoSpan({ attributes })]), 'protobuf');
  expect(rejected).toEqual([]);
  return spans[0]!.attributes;
}

function decodeJsonAttributes(attributes: unknown[]) {
  const { spans, rejected } = decodeTraces(jsonSpans([jsonSpan({ attributes })]), 'json');
  expect(rejected).toEqual([]);
  return spans[0]!.attributes;
}

/** Every AnyValue type, in the protobuf object form and the OTLP/JSON form, with the expected result. */
const ANY_VALUE_CASES: Array<{
  name: string;
  proto: unknown;
  json: unknown;
  expected: AttributeValue;
}> = [
  { name: 'string', proto: { stringValue: 'hi' }, json: { stringValue: 'hi' }, expected: 'hi' },
  { name: 'empty string', proto: { stringValue: '' }, json: { stringValue: '' }, expected: '' },
  { name: 'true', proto: { boolValue: true }, json: { boolValue: true }, expected: true },
  { name: 'false', proto: { boolValue: false }, json: { boolValue: false }, expected: false },
  { name: 'int', proto: { intValue: 42 }, json: { intValue: '42' }, expected: 42 },
  { name: 'zero int', proto: { intValue: 0 }, json: { intValue: 0 }, expected: 0 },
  { name: 'negative int', proto: { intValue: -7 }, json: { intValue: '-7' }, expected: -7 },
  {
    name: 'int beyond 32 bits',
    proto: { intValue: 2 ** 40 + 1 },
    json: { intValue: 2 ** 40 + 1 },
    expected: 2 ** 40 + 1,
  },
  {
    name: 'max safe int',
    proto: { intValue: Long.fromString('9007199254740991') },
    json: { intValue: '9007199254740991' },
    expected: 9007199254740991,
  },
  {
    name: 'min safe int',
    proto: { intValue: Long.fromString('-9007199254740991') },
    json: { intValue: '-9007199254740991' },
    expected: -9007199254740991,
  },
  {
    name: '2^53 + 1 (not a double)',
    proto: { intValue: Long.fromString('9007199254740993') },
    json: { intValue: '9007199254740993' },
    expected: '9007199254740993',
  },
  {
    name: 'int64 max',
    proto: { intValue: Long.MAX_VALUE },
    json: { intValue: '9223372036854775807' },
    expected: '9223372036854775807',
  },
  {
    name: 'int64 min',
    proto: { intValue: Long.MIN_VALUE },
    json: { intValue: '-9223372036854775808' },
    expected: '-9223372036854775808',
  },
  { name: 'double', proto: { doubleValue: 3.5 }, json: { doubleValue: 3.5 }, expected: 3.5 },
  {
    name: 'NaN',
    proto: { doubleValue: Number.NaN },
    json: { doubleValue: 'NaN' },
    expected: 'NaN',
  },
  {
    name: 'Infinity',
    proto: { doubleValue: Infinity },
    json: { doubleValue: 'Infinity' },
    expected: 'Infinity',
  },
  {
    name: '-Infinity',
    proto: { doubleValue: -Infinity },
    json: { doubleValue: '-Infinity' },
    expected: '-Infinity',
  },
  {
    name: 'bytes',
    proto: { bytesValue: new Uint8Array([0, 1, 2, 255]) },
    json: { bytesValue: 'AAEC/w==' },
    expected: 'AAEC/w==',
  },
  {
    name: 'empty bytes',
    proto: { bytesValue: new Uint8Array(0) },
    json: { bytesValue: '' },
    expected: '',
  },
  {
    name: 'array',
    proto: {
      arrayValue: { values: [{ stringValue: 'a' }, { intValue: 1 }, { boolValue: true }, {}] },
    },
    json: {
      arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }, { boolValue: true }, {}] },
    },
    expected: ['a', 1, true, null],
  },
  { name: 'empty array', proto: { arrayValue: {} }, json: { arrayValue: {} }, expected: [] },
  {
    name: 'kvlist',
    proto: {
      kvlistValue: {
        values: [
          { key: 'role', value: { stringValue: 'user' } },
          {
            key: 'nested',
            value: {
              kvlistValue: {
                values: [
                  { key: 'deep', value: { arrayValue: { values: [{ doubleValue: 0.5 }] } } },
                ],
              },
            },
          },
        ],
      },
    },
    json: {
      kvlistValue: {
        values: [
          { key: 'role', value: { stringValue: 'user' } },
          {
            key: 'nested',
            value: {
              kvlistValue: {
                values: [
                  { key: 'deep', value: { arrayValue: { values: [{ doubleValue: 0.5 }] } } },
                ],
              },
            },
          },
        ],
      },
    },
    expected: { role: 'user', nested: { deep: [0.5] } },
  },
  { name: 'empty kvlist', proto: { kvlistValue: {} }, json: { kvlistValue: {} }, expected: {} },
  { name: 'empty AnyValue', proto: {}, json: {}, expected: null },
];

describe('AnyValue decoding', () => {
  for (const { name, proto, json, expected } of ANY_VALUE_CASES) {
    it(`decodes ${name} from protobuf and JSON`, () => {
      expect(decodeProtoAttributes([{ key: 'value', value: proto }])['value']).toEqual(expected);
      expect(decodeJsonAttributes([{ key: 'value', value: json }])['value']).toEqual(expected);
    });
  }

  it('decodes a KeyValue without a value as null', () => {
    expect(decodeProtoAttributes([{ key: 'missing' }])).toEqual({ missing: null });
    expect(decodeJsonAttributes([{ key: 'missing' }])).toEqual({ missing: null });
  });

  it('accepts snake_case, URL-safe base64 and numeric strings in lenient JSON', () => {
    expect(
      decodeJsonAttributes([
        { key: 's', value: { string_value: 'x' } },
        { key: 'i', value: { int_value: '12' } },
        { key: 'b', value: { bytesValue: 'AAEC_w' } },
        { key: 'd', value: { doubleValue: '2.5' } },
        { key: 'n', value: { doubleValue: null } },
      ]),
    ).toEqual({ s: 'x', i: 12, b: 'AAEC/w==', d: 2.5, n: null });
  });

  it('keeps hostile keys as own properties and never touches a prototype', () => {
    const hostile = [
      {
        key: '__proto__',
        value: { kvlistValue: { values: [{ key: 'polluted', value: { boolValue: true } }] } },
      },
      { key: 'constructor', value: { stringValue: 'c' } },
      { key: 'toString', value: { intValue: 1 } },
      { key: 'hasOwnProperty', value: { stringValue: 'h' } },
      {
        key: 'nested',
        value: { kvlistValue: { values: [{ key: '__proto__', value: { stringValue: 'inner' } }] } },
      },
    ];
    for (const attributes of [decodeProtoAttributes(hostile), decodeJsonAttributes(hostile)]) {
      expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
      expect(Object.keys(attributes)).toEqual([
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'nested',
      ]);
      expect(Object.getOwnPropertyDescriptor(attributes, '__proto__')?.value).toEqual({
        polluted: true,
      });
      expect((attributes as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(attributes['constructor']).toBe('c');
      expect(attributes['toString']).toBe(1);
      const nested = attributes['nested'] as Record<string, AttributeValue>;
      expect(Object.getPrototypeOf(nested)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(nested, '__proto__')?.value).toBe('inner');
      expect(JSON.parse(JSON.stringify(attributes))).toEqual(attributes);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('lets the last of duplicate keys win', () => {
    const duplicates = [
      { key: 'a', value: { stringValue: 'first' } },
      { key: 'b', value: { stringValue: 'b' } },
      { key: 'a', value: { stringValue: 'last' } },
      { key: '__proto__', value: { stringValue: 'first' } },
      { key: '__proto__', value: { stringValue: 'last' } },
    ];
    for (const attributes of [
      decodeProtoAttributes(duplicates),
      decodeJsonAttributes(duplicates),
    ]) {
      expect(attributes['a']).toBe('last');
      expect(Object.getOwnPropertyDescriptor(attributes, '__proto__')?.value).toBe('last');
    }
  });

  const countContainers = (value: AttributeValue | undefined): number => {
    let count = 0;
    let current = value;
    while (typeof current === 'object' && current !== null) {
      count++;
      current = Array.isArray(current) ? current[0] : current['k'];
    }
    expect(current).toBe(MAX_DEPTH_MARKER);
    return count;
  };

  it(`replaces arrays and maps nested deeper than ${MAX_ATTRIBUTE_DEPTH} levels with a marker`, () => {
    for (const container of ['array', 'kvlist'] as const) {
      const body = jsonSpans([
        jsonSpan({ attributes: [{ key: 'deep', value: 'PLACEHOLDER' }] }),
      ]).replace('"PLACEHOLDER"', deeplyNestedJsonAnyValue(40, container));
      const { spans } = decodeTraces(body, 'json');
      expect(countContainers(spans[0]!.attributes['deep'])).toBe(MAX_ATTRIBUTE_DEPTH);
    }
    const { spans } = decodeTraces(encodeDeeplyNestedAttribute('deep', 40, 'array'), 'protobuf');
    expect(countContainers(spans[0]!.attributes['deep'])).toBe(MAX_ATTRIBUTE_DEPTH);
    // Exactly at the limit nothing is lost.
    const atLimit = decodeTraces(
      encodeDeeplyNestedAttribute('deep', MAX_ATTRIBUTE_DEPTH, 'array'),
      'protobuf',
    );
    expect(JSON.stringify(atLimit.spans[0]!.attributes)).toContain('bottom');
  });

  it('survives very deep nesting: JSON is truncated, protobuf past the recursion limit is a decode error', () => {
    const body = jsonSpans([
      jsonSpan({ attributes: [{ key: 'deep', value: 'PLACEHOLDER' }] }),
    ]).replace('"PLACEHOLDER"', deeplyNestedJsonAnyValue(5_000, 'array'));
    const decoded = decodeTraces(body, 'json');
    expect(decoded.rejected).toEqual([]);
    expect(countContainers(decoded.spans[0]!.attributes['deep'])).toBe(MAX_ATTRIBUTE_DEPTH);

    // protobufjs, like protoc, stops at 100 nested messages (about 47 arrays or 31 kvlists here).
    for (const container of ['array', 'kvlist'] as const) {
      const protobufBody = encodeDeeplyNestedAttribute('deep', 5_000, container);
      expect(() => decodeTraces(protobufBody, 'protobuf')).toThrow(OtlpDecodeError);
      expect(() => decodeTraces(protobufBody, 'protobuf')).toThrow(
        'invalid protobuf: maximum nesting depth exceeded',
      );
    }
  });
});
