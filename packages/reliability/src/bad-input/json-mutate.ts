/* eslint-disable no-restricted-syntax -- hostile inputs spell raw attribute keys on purpose */
/** Structural and textual mutations of JSON bodies (OTLP/JSON and capture batches). */
import type { Rng } from '../lib/rng';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** `n` arrays deep around a leaf, built as text (a literal this deep can't be written by hand). */
export function nestedArrayText(depth: number, leaf = '1'): string {
  return '['.repeat(depth) + leaf + ']'.repeat(depth);
}

/** Own `__proto__` keys only come from JSON.parse (an object literal would set the prototype). */
const PROTO_OBJECT = (): Json =>
  JSON.parse(
    '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}',
  ) as Json;

/** Values that are wrong somewhere in every schema we accept. */
function hostileValue(rng: Rng): Json {
  switch (rng.int(0, 27)) {
    case 0:
      return null;
    case 1:
      return rng.pick([0, -1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 2, 4294967296]);
    case 2:
      return rng.pick(['', 'x', '\u0000', '\ud800', '\uffff', 'ÿ', '😀', 'null', 'undefined']);
    case 3:
      return 'A'.repeat(rng.int(1000, 200_000));
    case 4:
      return rng.chance(0.5);
    case 5:
      return [];
    case 6:
      return {};
    case 7:
      return PROTO_OBJECT();
    case 8:
      return { intValue: rng.pick(['NaN', '1e3', '-', '18446744073709551616', '0x10', ' 1', 1.5]) };
    case 9:
      return { stringValue: rng.pick<Json>([5, null, [], {}, true]) };
    case 10:
      return { arrayValue: { values: rng.pick<Json>(['x', 5, {}, [5], [{ stringValue: 1 }]]) } };
    case 11:
      return JSON.parse(
        '{"kvlistValue":{"values":[{"key":"__proto__","value":{"stringValue":"x"}},{"key":"constructor","value":{"intValue":"1"}}]}}',
      ) as Json;
    case 12:
      return rng.pick(['-1', '18446744073709551616', 'NaN', 'Infinity', '1e400', '0.5', 'abc']);
    case 13:
      return JSON.parse(nestedArrayText(rng.pick([50, 200, 2000]))) as Json;
    case 14:
      return { doubleValue: rng.pick<Json>(['NaN', 'Infinity', 'x', {}, '1e999']) };
    case 15:
      return { bytesValue: rng.pick<Json>(['!!!', '====', 5, 'AAAA'.repeat(1000)]) };
    case 16:
      return Array.from({ length: rng.int(1000, 50_000) }, (_, index) => index);
    case 17:
      return rng.pick([
        '0'.repeat(32),
        'f'.repeat(32),
        'zz',
        '0'.repeat(31),
        'AAAAAAAAAAA=',
        'AAAAAAAAAAAAAAAAAAAAAA==',
      ]);
    case 18:
      return rng.pick([
        '2025-01-01T00:00:00Z',
        '9999-99-99',
        '-1',
        1e20,
        -1,
        '1700000000000000000000000',
      ]);
    case 19:
      return { code: rng.pick<Json>([99, -1, 'STATUS_CODE_ERROR', 'nope', null]), message: 5 };
    case 20:
      return rng.pick(['SPAN_KIND_CLIENT', 'SPAN_KIND_NOPE', 99, -5, 2.5]);
    case 21:
      return [
        {
          key: rng.pick([
            'gen_ai.prompt.99999999.content',
            'gen_ai.completion.4294967295.role',
            '__proto__',
          ]),
          value: { stringValue: 'x' },
        },
      ];
    case 22:
      return { key: 5, value: 'x' };
    case 23:
      return [[[]]];
    case 24:
      return Object.fromEntries(
        Array.from({ length: rng.int(100, 5000) }, (_, index) => [`k${index}`, index]),
      );
    case 25:
      return 'x'.repeat(rng.int(10, 100)) + '\ud83d';
    case 26:
      return {
        $ai_input_tokens: 'lots',
        $ai_latency: {},
        $ai_model: ['a'],
        $ai_trace_id: { id: 1 },
      } as Json;
    default:
      return rng.pick<Json>([true, 'true', 1, '1']);
  }
}

interface Slot {
  parent: Json[] | { [key: string]: Json };
  key: string | number;
}

/** Up to `limit` (parent, key) slots, breadth-first. */
function slots(root: Json, limit = 2000): Slot[] {
  const out: Slot[] = [];
  const queue: Json[] = [root];
  while (queue.length && out.length < limit) {
    const node = queue.shift()!;
    if (Array.isArray(node)) {
      node.forEach((child, index) => {
        out.push({ parent: node, key: index });
        if (child && typeof child === 'object') queue.push(child);
      });
    } else if (node && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        out.push({ parent: node, key });
        const child = node[key]!;
        if (child && typeof child === 'object') queue.push(child);
      }
    }
  }
  return out;
}

const RENAMES = [
  '__proto__',
  'constructor',
  'prototype',
  '',
  'SpanId',
  'span_id',
  'trace_id',
  'resource_spans',
  'toString',
  'hasOwnProperty',
];

/** Apply 1–`max` structural mutations to a parsed copy of `text`; returns the new text. */
export function mutateJson(text: string, rng: Rng, max = 3): string {
  const root = JSON.parse(text) as Json;
  const count = rng.int(1, max);
  for (let n = 0; n < count; n++) {
    const all = slots(root);
    if (!all.length) break;
    const { parent, key } = rng.pick(all);
    const op = rng.int(0, 5);
    if (Array.isArray(parent)) {
      const index = key as number;
      if (op === 0) parent.splice(index, 1);
      else if (op === 1)
        parent.splice(index, 0, ...Array.from({ length: rng.int(2, 200) }, () => parent[index]!));
      else parent[index] = hostileValue(rng);
    } else {
      const name = key as string;
      if (op === 0) delete parent[name];
      else if (op === 1) {
        const renamed = rng.pick(RENAMES);
        Object.defineProperty(parent, renamed, {
          value: parent[name],
          enumerable: true,
          writable: true,
          configurable: true,
        });
        delete parent[name];
      } else if (op === 2) parent[name] = [parent[name]!];
      else parent[name] = hostileValue(rng);
    }
  }
  return JSON.stringify(root);
}

/** Byte-level damage to JSON text: truncation, invalid UTF-8, BOMs, NULs, other encodings. */
export function mutateJsonText(text: string, rng: Rng): Uint8Array {
  const bytes = Buffer.from(text, 'utf8');
  switch (rng.int(0, 9)) {
    case 0:
      return bytes.subarray(0, rng.int(0, bytes.length - 1));
    case 1: {
      const copy = Buffer.from(bytes);
      for (let n = rng.int(1, 8); n > 0; n--)
        copy[rng.int(0, copy.length - 1)] = rng.pick([0xff, 0xfe, 0xc0, 0x80, 0xed, 0xf8]);
      return copy;
    }
    case 2:
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    case 3:
      return Buffer.from(text, 'utf16le');
    case 4: {
      const at = rng.int(0, bytes.length);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([0]), bytes.subarray(at)]);
    }
    case 5: {
      // Lone surrogate escapes and invalid escapes inside strings.
      const escape = rng.pick(['\\ud800', '\\udfff', '\\u00', '\\x41', '\\q']);
      return Buffer.from(text.replace(/"([^"\\]{1,40})"/, `"$1${escape}"`), 'utf8');
    }
    case 6:
      return Buffer.from(
        text.replace(
          /:\s*(\d+)/,
          `: ${rng.pick(['1e999', '-0', '00012', '1.7976931348623157e309', '9'.repeat(400)])}`,
        ),
        'utf8',
      );
    case 7:
      // Duplicate keys: the last one wins in JSON.parse.
      return Buffer.from(text.replace(/"spanId"\s*:/, '"spanId":"00","spanId":'), 'utf8');
    case 8:
      return Buffer.from(`${text}${rng.pick(['}', ']', ',', ' garbage', '\u0000', '{}'])}`, 'utf8');
    default:
      return Buffer.from(
        text.replace(/\[/, `[${nestedArrayText(rng.pick([1000, 10_000, 100_000]))},`),
        'utf8',
      );
  }
}
