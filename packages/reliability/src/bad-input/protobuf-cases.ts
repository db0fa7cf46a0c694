/* eslint-disable no-restricted-syntax -- hostile inputs spell raw attribute keys on purpose */
/** Hostile OTLP protobuf bodies: mutations of real ones and hand-crafted wire-level abuse. */
import type { Rng } from '../lib/rng';
import {
  OTLP,
  PbWriter,
  WIRE,
  craftTraces,
  deepArrayAnyValue,
  type AnyValueSpec,
  type CraftedSpan,
} from '../lib/protobuf-writer';

export function truncate(body: Uint8Array, rng: Rng): Uint8Array {
  return body.slice(0, rng.int(0, body.length - 1));
}

export function flipBits(body: Uint8Array, rng: Rng): Uint8Array {
  const copy = body.slice();
  for (let n = rng.int(1, 16); n > 0; n--) copy[rng.int(0, copy.length - 1)]! ^= 1 << rng.int(0, 7);
  return copy;
}

/** Rewrite the wire type (low three bits) of bytes: on a tag byte this is a wrong wire type. */
export function wrongWireTypes(body: Uint8Array, rng: Rng): Uint8Array {
  const copy = body.slice();
  for (let n = rng.int(1, 4); n > 0; n--) {
    const at = rng.int(0, copy.length - 1);
    copy[at] = (copy[at]! & 0xf8) | rng.int(0, 7);
  }
  return copy;
}

/** Insert, delete or duplicate byte ranges, or splice two bodies. */
export function splice(body: Uint8Array, other: Uint8Array, rng: Rng): Uint8Array {
  const at = rng.int(0, body.length);
  const parts: Uint8Array[] = [];
  switch (rng.int(0, 3)) {
    case 0:
      parts.push(body.subarray(0, at), rng.bytes(rng.int(1, 64)), body.subarray(at));
      break;
    case 1:
      parts.push(body.subarray(0, at), body.subarray(Math.min(body.length, at + rng.int(1, 64))));
      break;
    case 2:
      parts.push(
        body.subarray(0, at),
        body.subarray(at, Math.min(body.length, at + 200)),
        body.subarray(at),
      );
      break;
    default:
      parts.push(body.subarray(0, at), other.subarray(rng.int(0, other.length)));
  }
  return Buffer.concat(parts);
}

const INVALID_UTF8 = [
  [0xff],
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe2, 0x82],
  [0x80, 0x80, 0x80],
].map((bytes) => Uint8Array.from(bytes));

const traceId = (rng: Rng) => rng.bytes(16);
const spanId = (rng: Rng) => rng.bytes(8);

function aiAttributes(label: string): Array<[string, AnyValueSpec]> {
  return [
    ['gen_ai.operation.name', { string: 'chat' }],
    ['gen_ai.provider.name', { string: 'openai' }],
    ['gen_ai.request.model', { string: 'gpt-4o-mini' }],
    [
      'gen_ai.input.messages',
      { string: JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: label }] }]) },
    ],
  ];
}

function validSpan(rng: Rng, extra: Partial<CraftedSpan> = {}): CraftedSpan {
  return {
    traceId: traceId(rng),
    spanId: spanId(rng),
    name: 'chat gpt-4o-mini',
    attributes: aiAttributes(`crafted ${rng.hex(4)}`),
    ...extra,
  };
}

const SPARSE_KEYS = [
  'gen_ai.prompt.99999999.content',
  'gen_ai.prompt.99999999.role',
  'gen_ai.prompt.4294967295.content',
  'gen_ai.prompt.9999999999999.content',
  'gen_ai.completion.100001.content',
  'gen_ai.completion.0.tool_calls.99999999.name',
  'llm.input_messages.99999999.message.content',
  'llm.output_messages.4294967296.message.role',
  'llm.prompts.99999999',
  'llm.request.functions.99999999.name',
  'gen_ai.prompt.-1.content',
  'gen_ai.prompt.1e9.content',
  'gen_ai.prompt.00000000000000000001.content',
];

const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '__proto__.polluted',
  'gen_ai.__proto__',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineGetter__',
];

/** One hand-crafted hostile protobuf body. */
export function craftedTraces(rng: Rng, big: boolean): Uint8Array {
  const kind = rng.int(0, big ? 17 : 13);
  switch (kind) {
    case 0: {
      // Known span fields with the wrong wire type.
      const extra = new PbWriter();
      const field = rng.pick(Object.values(OTLP.span));
      const wire = rng.pick([
        WIRE.varint,
        WIRE.fixed64,
        WIRE.bytes,
        WIRE.fixed32,
        WIRE.startGroup,
        WIRE.endGroup,
      ]);
      extra.tag(field, wire);
      if (wire === WIRE.varint) extra.varint(rng.int(0, 2 ** 31));
      else if (wire === WIRE.fixed64) extra.raw(rng.bytes(8));
      else if (wire === WIRE.fixed32) extra.raw(rng.bytes(4));
      else if (wire === WIRE.bytes) extra.varint(3).raw(rng.bytes(3));
      return craftTraces([validSpan(rng, { extra: extra.finish() })]);
    }
    case 1: {
      // Invalid UTF-8 in a key, a string value and the span name.
      const bad = rng.pick(INVALID_UTF8);
      const where = rng.int(0, 2);
      const label = Buffer.concat([Buffer.from('gen_ai.request.model'), bad]);
      return craftTraces([
        validSpan(rng, {
          ...(where === 0 ? { name: Buffer.concat([Buffer.from('chat '), bad]) } : {}),
          attributes: [
            ...aiAttributes('utf8'),
            where === 1
              ? [label, { string: 'x' }]
              : ['gen_ai.response.model', { string: Buffer.concat([Buffer.from('gpt'), bad]) }],
            [
              'gen_ai.input.messages',
              {
                string: Buffer.concat([
                  Buffer.from('[{"role":"user","content":"'),
                  bad,
                  Buffer.from('"}]'),
                ]),
              },
            ],
          ],
        }),
      ]);
    }
    case 2: {
      // Deep nesting of AnyValue arrays.
      const depth = rng.pick(big ? [64, 101, 1000, 10_000, 100_000] : [64, 101, 1000, 5000]);
      const value = deepArrayAnyValue(depth);
      const kv = new PbWriter()
        .string(OTLP.keyValue.key, 'gen_ai.deep')
        .bytes(OTLP.keyValue.value, value)
        .finish();
      const extra = new PbWriter().bytes(OTLP.span.attributes, kv).finish();
      return craftTraces([validSpan(rng, { extra })]);
    }
    case 3:
      // Sparse indexed attributes.
      return craftTraces([
        validSpan(rng, {
          attributes: [
            ['gen_ai.system', { string: 'openai' }],
            ['gen_ai.request.model', { string: 'gpt-4o' }],
            ...SPARSE_KEYS.slice(0, rng.int(3, SPARSE_KEYS.length)).map(
              (key): [string, AnyValueSpec] => [key, { string: 'sparse' }],
            ),
            ['gen_ai.prompt.0.content', { string: 'hello' }],
          ],
        }),
      ]);
    case 4:
      // Keys that name Object.prototype members.
      return craftTraces([
        validSpan(rng, {
          attributes: [
            ...aiAttributes('proto'),
            ...PROTO_KEYS.map((key): [string, AnyValueSpec] => [
              key,
              rng.chance(0.5) ? { string: 'polluted' } : { array: [{ string: 'x' }] },
            ]),
          ],
        }),
      ]);
    case 5: {
      // Ids of the wrong length, all zeros, or missing.
      const length = rng.pick([0, 1, 7, 9, 15, 17, 32]);
      return craftTraces([
        validSpan(rng, {
          ...(rng.chance(0.5)
            ? { traceId: rng.chance(0.3) ? new Uint8Array(16) : rng.bytes(length) }
            : { spanId: rng.chance(0.3) ? new Uint8Array(8) : rng.bytes(length) }),
        }),
      ]);
    }
    case 6: {
      // Overlong varints, lengths past the end, huge field numbers.
      const writer = new PbWriter();
      const variant = rng.int(0, 3);
      if (variant === 0)
        writer
          .tag(1, WIRE.bytes)
          .raw([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
      else if (variant === 1)
        writer
          .tag(1, WIRE.bytes)
          .varint(2 ** 31 + rng.int(0, 1000))
          .raw(rng.bytes(16));
      else if (variant === 2)
        writer
          .tag(2 ** 29 - 1, WIRE.varint)
          .varint(1)
          .tag(0, WIRE.varint)
          .varint(1);
      else writer.tag(1, WIRE.bytes).varint(-1);
      return writer.finish();
    }
    case 7:
      // Times: end before start, zero, the maximum.
      return craftTraces([
        validSpan(rng, {
          start: rng.pick([0n, 2n ** 64n - 1n, 1_700_000_001_000_000_000n, 2n ** 63n]),
          end: rng.pick([0n, 1n, 2n ** 64n - 1n, 1_700_000_000_000_000_000n]),
        }),
      ]);
    case 8:
      // int64 and double extremes in attributes.
      return craftTraces([
        validSpan(rng, {
          attributes: [
            ...aiAttributes('numbers'),
            [
              'gen_ai.usage.input_tokens',
              { int: rng.pick([2n ** 63n - 1n, -(2n ** 63n), -1n, 2n ** 53n + 1n]) },
            ],
            [
              'gen_ai.usage.output_tokens',
              { double: rng.pick([Number.NaN, Infinity, -Infinity, -0, 5e-324]) },
            ],
            ['gen_ai.request.temperature', { double: rng.pick([Number.NaN, 1e308, -1e308]) }],
            ['gen_ai.request.max_tokens', { bool: true }],
          ],
        }),
      ]);
    case 9: {
      // Group wire types (deprecated, unmatched).
      const extra = new PbWriter()
        .tag(rng.int(1, 20), rng.pick([WIRE.startGroup, WIRE.endGroup]))
        .finish();
      return craftTraces([validSpan(rng, { extra })], {
        resourceExtra: rng.chance(0.5) ? extra : new Uint8Array(0),
      });
    }
    case 10:
      // An empty body, a body of zeros, random bytes.
      return rng.pick([
        new Uint8Array(0),
        new Uint8Array(rng.int(1, 100)),
        rng.bytes(rng.int(1, 4000)),
      ]);
    case 11: {
      // Messages where the schema expects scalars and vice versa, at the top levels.
      const writer = new PbWriter();
      writer.uint(1, 5);
      if (rng.chance(0.5)) writer.message(1, (rs) => rs.uint(2, 7).fixed64(1, 1n));
      return writer.finish();
    }
    case 12:
      // Many spans (most non-AI) in one request.
      return craftTraces(
        Array.from({ length: rng.int(200, 2000) }, (_, index) =>
          index % 50 === 0
            ? validSpan(rng)
            : { traceId: traceId(rng), spanId: spanId(rng), name: `GET /${index}` },
        ),
      );
    case 13:
      // Bytes values and arrays of mixed types.
      return craftTraces([
        validSpan(rng, {
          attributes: [
            ...aiAttributes('mixed'),
            [
              'gen_ai.mixed',
              {
                array: [
                  { string: 'a' },
                  { int: 1 },
                  { double: Number.NaN },
                  { bool: false },
                  { bytes: rng.bytes(16) },
                  { array: [] },
                ],
              },
            ],
            ['gen_ai.input.messages', { bytes: rng.bytes(64) }],
          ],
        }),
      ]);
    case 14:
      // A huge string value (up to just under the 4 MiB limit).
      return craftTraces([
        validSpan(rng, {
          attributes: [
            ...aiAttributes('huge string'),
            [
              'gen_ai.output.messages',
              { string: (rng.chance(0.5) ? 'é' : 'x').repeat(rng.int(1, 3_900_000) >> 1) },
            ],
          ],
        }),
      ]);
    case 15:
      // A huge array.
      return craftTraces([
        validSpan(rng, {
          attributes: [
            ...aiAttributes('huge array'),
            [
              'gen_ai.huge',
              {
                array: Array.from({ length: rng.int(50_000, 300_000) }, (_, index) => ({
                  int: index,
                })),
              },
            ],
          ],
        }),
      ]);
    case 16:
      // Very many attributes.
      return craftTraces([
        validSpan(rng, {
          attributes: [
            ...aiAttributes('many attributes'),
            ...Array.from(
              { length: rng.int(10_000, 60_000) },
              (_, index): [string, AnyValueSpec] => [
                `gen_ai.prompt.${index}.content`,
                { string: `m${index}` },
              ],
            ),
          ],
        }),
      ]);
    default:
      // Very many AI spans in one request.
      return craftTraces(Array.from({ length: rng.int(2000, 8000) }, () => validSpan(rng)));
  }
}
