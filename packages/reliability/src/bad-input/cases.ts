/* eslint-disable no-restricted-syntax -- hostile inputs spell raw attribute keys on purpose */
/** Every bad-input case, generated lazily from a seed: families, counts and request shapes. */
import { gzipSync } from 'node:zlib';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { Rng } from '../lib/rng';
import { SpanFactory, toJson, toProtobuf, withIds } from '../lib/spans';
import type { Bombs } from './bombs';
import { mutateJson, mutateJsonText, nestedArrayText } from './json-mutate';
import type { Material } from './material';
import { craftedTraces, flipBits, splice, truncate, wrongWireTypes } from './protobuf-cases';

export interface FuzzCase {
  family: string;
  path: string;
  method?: string;
  headers: Record<string, string>;
  body?: Uint8Array | string;
  /** The server may cut the connection instead of answering (it refused an upload mid-way). */
  resetOk?: boolean;
  /** Valid spans mixed with invalid ones: the valid ones must be stored under this distinct id. */
  mixed?: { distinctId: string; valid: number; invalid: number };
}

export interface CaseContext {
  rng: Rng;
  token: string;
  readKey: string;
  material: Material;
  bombs: Bombs;
  spans: SpanFactory;
  runId: string;
  /** Include the multi-megabyte cases (full form). */
  big: boolean;
}

const TRACES = '/i/v0/ai/otel';
const LOGS = '/i/v0/ai/otel/v1/logs';
const CAPTURE = ['/batch/', '/i/v0/e/', '/capture/', '/e/', '/batch'];
const MAX = 4 * 1024 * 1024;

const pbHeaders = (token: string) => ({
  'content-type': 'application/x-protobuf',
  authorization: `Bearer ${token}`,
});
const jsonHeaders = (token: string) => ({
  'content-type': 'application/json',
  authorization: `Bearer ${token}`,
});

const withToken = (batch: string, token: string) => batch.replace('__TOKEN__', token);

type Family = {
  name: string;
  count: number;
  make: (context: CaseContext, index: number) => FuzzCase;
};

const families: Family[] = [
  {
    name: 'otlp.pb.truncate',
    count: 800,
    make: ({ rng, token, material }) => ({
      family: 'otlp.pb.truncate',
      path: TRACES,
      headers: pbHeaders(token),
      body: truncate(rng.pick(material.protobuf), rng),
    }),
  },
  {
    name: 'otlp.pb.bitflip',
    count: 1500,
    make: ({ rng, token, material }) => ({
      family: 'otlp.pb.bitflip',
      path: TRACES,
      headers: pbHeaders(token),
      body: flipBits(rng.pick(material.protobuf), rng),
    }),
  },
  {
    name: 'otlp.pb.wire-type',
    count: 800,
    make: ({ rng, token, material }) => ({
      family: 'otlp.pb.wire-type',
      path: TRACES,
      headers: pbHeaders(token),
      body: wrongWireTypes(rng.pick(material.protobuf), rng),
    }),
  },
  {
    name: 'otlp.pb.splice',
    count: 400,
    make: ({ rng, token, material }) => ({
      family: 'otlp.pb.splice',
      path: TRACES,
      headers: pbHeaders(token),
      body: splice(rng.pick(material.protobuf), rng.pick(material.protobuf), rng),
    }),
  },
  {
    name: 'otlp.pb.crafted',
    count: 1200,
    make: ({ rng, token, big }) => ({
      family: 'otlp.pb.crafted',
      path: TRACES,
      headers: pbHeaders(token),
      body: craftedTraces(rng, big),
    }),
  },
  {
    name: 'otlp.json.mutate',
    count: 2000,
    make: ({ rng, token, material }) => ({
      family: 'otlp.json.mutate',
      path: TRACES,
      headers: jsonHeaders(token),
      body: mutateJson(rng.pick(material.json), rng),
    }),
  },
  {
    name: 'otlp.json.text',
    count: 500,
    make: ({ rng, token, material }) => ({
      family: 'otlp.json.text',
      path: TRACES,
      headers: jsonHeaders(token),
      body: mutateJsonText(rng.pick(material.json), rng),
    }),
  },
  {
    name: 'otlp.headers',
    count: 400,
    make: ({ rng, token, material }) => {
      const json = rng.chance(0.5);
      const body: Uint8Array = json
        ? Buffer.from(rng.pick(material.json))
        : rng.pick(material.protobuf);
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      const contentType = rng.pick([
        'text/plain',
        'application/xml',
        '',
        'multipart/form-data; boundary=x',
        'application/json; charset=utf-16',
        'application/x-protobuf; proto=opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
        'APPLICATION/JSON',
        'application/json, application/x-protobuf',
        json ? 'application/x-protobuf' : 'application/json',
        'application/octet-stream',
      ]);
      if (contentType) headers['content-type'] = contentType;
      let payload: Uint8Array = body;
      const encoding = rng.int(0, 7);
      if (encoding === 0)
        headers['content-encoding'] = rng.pick([
          'br',
          'compress',
          'zstd',
          'x-unknown',
          'gzip, gzip',
          'GZIP',
        ]);
      else if (encoding === 1)
        headers['content-encoding'] = 'gzip'; // but not compressed
      else if (encoding === 2) {
        headers['content-encoding'] = 'deflate';
        payload = gzipSync(body); // wrong container
      } else if (encoding === 3) {
        headers['content-encoding'] = 'gzip';
        const compressed = gzipSync(body);
        payload = compressed.subarray(0, rng.int(1, compressed.length - 1));
      } else if (encoding === 4) headers['content-encoding'] = 'identity';
      return {
        family: 'otlp.headers',
        path: rng.pick([TRACES, `${TRACES}/v1/traces`, LOGS]),
        headers,
        body: payload,
      };
    },
  },
  {
    name: 'bombs',
    count: 40,
    make: ({ rng, token, bombs }): FuzzCase => {
      const variant = rng.int(0, 6);
      if (variant === 0)
        return {
          family: 'bombs',
          path: TRACES,
          headers: { ...pbHeaders(token), 'content-encoding': 'gzip' },
          body: bombs.gzip,
          resetOk: true,
        };
      if (variant === 1)
        return {
          family: 'bombs',
          path: TRACES,
          headers: { ...jsonHeaders(token), 'content-encoding': 'deflate' },
          body: bombs.deflate,
          resetOk: true,
        };
      if (variant === 2)
        return {
          family: 'bombs',
          path: rng.pick(CAPTURE),
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
          body: bombs.gzip,
          resetOk: true,
        };
      if (variant === 3)
        return {
          family: 'bombs',
          path: rng.pick(CAPTURE),
          headers: { 'content-type': 'application/json' },
          body: bombs.gzip,
          resetOk: true,
        };
      if (variant === 4)
        return {
          family: 'bombs',
          path: `/batch/?compression=gzip-js`,
          headers: { 'content-type': 'text/plain' },
          body: bombs.nested,
          resetOk: true,
        };
      if (variant === 5)
        return {
          family: 'bombs',
          path: '/batch/',
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
          body: bombs.nested,
          resetOk: true,
        };
      return {
        family: 'bombs',
        path: '/i/v0/e/',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: bombs.jsonPadded,
        resetOk: true,
      };
    },
  },
  {
    name: 'oversized',
    count: 40,
    make: ({ rng, token }) => {
      const variant = rng.int(0, 4);
      const path = rng.chance(0.5) ? TRACES : '/batch/';
      const headers = path === TRACES ? pbHeaders(token) : { 'content-type': 'application/json' };
      if (variant === 0)
        // Declares more than the limit, sends little: refused on the header alone.
        return {
          family: 'oversized',
          path,
          headers: { ...headers, 'content-length': String(MAX + 1 + rng.int(0, 1e9)) },
          body: rng.bytes(100),
          resetOk: true,
        };
      if (variant === 1)
        // Sent whole: the server answers 413 and drains the rest (RFC 9112 §9.6), so the
        // client reads the answer; a reset (EPIPE, ECONNRESET) here is a server bug.
        return { family: 'oversized', path, headers, body: new Uint8Array(MAX + 1) };
      if (variant === 2)
        return {
          family: 'oversized',
          path,
          headers: { ...headers, 'transfer-encoding': 'chunked' },
          body: new Uint8Array(MAX + rng.int(1, 512 * 1024)),
          resetOk: true,
        };
      if (variant === 3)
        return {
          family: 'oversized',
          path,
          headers: { ...headers, 'content-encoding': 'gzip' },
          body: gzipSync(rng.bytes(MAX + 100_000), { level: 1 }),
          resetOk: true,
        };
      return {
        family: 'oversized',
        path,
        headers: { ...headers, 'content-length': 'abc' },
        body: rng.bytes(100),
        resetOk: true,
      };
    },
  },
  {
    name: 'capture.mutate',
    count: 1200,
    make: ({ rng, token, material }) => ({
      family: 'capture.mutate',
      path: rng.pick(CAPTURE),
      headers: {
        'content-type': rng.pick([
          'application/json',
          'text/plain',
          'text/plain;charset=UTF-8',
          '',
        ]),
      },
      body: mutateJson(withToken(rng.pick(material.captureBatches), token), rng),
    }),
  },
  {
    name: 'capture.crafted',
    count: 300,
    make: ({ rng, token, material }) => {
      const batch = withToken(rng.pick(material.captureBatches), token);
      const variant = rng.int(0, 11);
      const base = {
        family: 'capture.crafted',
        path: rng.pick(CAPTURE),
        headers: { 'content-type': 'application/json' } as Record<string, string>,
      };
      const event = (properties: unknown, extra: Record<string, unknown> = {}) =>
        JSON.stringify({
          api_key: token,
          batch: [{ event: '$ai_generation', distinct_id: 'fuzz', properties, ...extra }],
        });
      switch (variant) {
        case 0:
          return {
            ...base,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: `data=${rng.pick(['!!!notbase64', Buffer.from(rng.bytes(100)).toString('base64'), Buffer.from(batch).toString('base64').slice(0, 50), ''])}`,
          };
        case 1:
          return {
            ...base,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: `data=${encodeURIComponent(Buffer.from(batch).toString('base64'))}&compression=${rng.pick(['lz64', 'base64', 'gzip', 'x'])}`,
          };
        case 2:
          return {
            ...base,
            path: `/batch/?compression=${rng.pick(['gzip-js', 'gzip', 'lz64', 'lz-string', 'x'])}`,
            body: batch,
          };
        case 3:
          return {
            ...base,
            body: event(
              JSON.parse(
                `{"__proto__":{"polluted":1},"$ai_model":"m","constructor":{"prototype":{"x":1}}}`,
              ),
            ),
          };
        case 4:
          // Deep nesting inside properties (text, so the depth survives).
          return {
            ...base,
            body: `{"api_key":${JSON.stringify(token)},"batch":[{"event":"$ai_generation","distinct_id":"fuzz","properties":{"deep":${nestedArrayText(rng.pick([100, 1000, 10_000, 100_000]))}}}]}`,
          };
        case 5:
          return {
            ...base,
            body: event({
              $ai_input_tokens: 'lots',
              $ai_output_tokens: -1e308,
              $ai_latency: {},
              $ai_model: ['x'],
              $ai_trace_id: { id: 1 },
              $ai_total_cost_usd: 'NaN',
              $ai_is_error: 'yes',
              $ai_http_status: Number.MAX_VALUE,
            }),
          };
        case 6:
          return {
            ...base,
            body: event(
              {},
              {
                timestamp: rng.pick([
                  '9999-99-99',
                  1e20,
                  -1,
                  '',
                  'yesterday',
                  '+275760-09-13T00:00:00.001Z',
                  8.64e15 + 1,
                ]),
                uuid: rng.pick([
                  'x',
                  'a'.repeat(200),
                  '',
                  5,
                  '00000000-0000-0000-0000-000000000000',
                ]),
              },
            ),
          };
        case 7:
          return {
            ...base,
            body: JSON.stringify({
              api_key: token,
              batch: [
                {
                  event: rng.pick([
                    '$ai_generation\u0000',
                    '$ai_'.padEnd(20_000, 'x'),
                    '$ai_generation',
                    5,
                    '',
                  ]),
                  distinct_id: rng.pick<unknown>([
                    'x'.repeat(100_000),
                    { id: 1 },
                    0,
                    -0,
                    1e308,
                    'ok',
                  ]),
                  properties: { $ai_model: 'm' },
                },
              ],
            }),
          };
        case 8:
          return {
            ...base,
            body: JSON.stringify({
              api_key: token,
              batch: Array.from({ length: rng.int(1000, 20_000) }, (_, index) => ({
                event: index % 2 ? '$pageview' : '$ai_span',
                distinct_id: `d${index}`,
                properties: {},
              })),
            }),
          };
        case 9:
          return { ...base, body: event({ $ai_input: 'x'.repeat(rng.int(100_000, 3_900_000)) }) };
        case 10:
          return { ...base, body: JSON.stringify({ api_key: [token], batch: 'not a list' }) };
        default:
          return {
            ...base,
            body: JSON.stringify({
              api_key: token,
              batch: [
                {
                  event: '$ai_generation',
                  distinct_id: 'x',
                  properties: Object.fromEntries(
                    Array.from({ length: rng.int(1000, 100_000) }, (_, index) => [
                      `p${index}`,
                      index,
                    ]),
                  ),
                },
              ],
            }),
          };
      }
    },
  },
  {
    name: 'logs',
    count: 300,
    make: ({ rng, token, material }) =>
      rng.chance(0.7)
        ? {
            family: 'logs',
            path: LOGS,
            headers: jsonHeaders(token),
            body: mutateJson(rng.pick(material.logsJson), rng),
          }
        : {
            family: 'logs',
            path: LOGS,
            headers: pbHeaders(token),
            body: flipBits(rng.pick(material.protobuf), rng),
          },
  },
  {
    name: 'read-api',
    count: 500,
    make: ({ rng, readKey }) => {
      const endpoints: Record<string, string[]> = {
        '/api/events': ['event', 'trace_id', 'distinct_id', 'from', 'to', 'limit'],
        '/api/traces': [
          'from',
          'to',
          'distinct_id',
          'session_id',
          'search',
          'has_error',
          'limit',
          'cursor',
        ],
        '/api/generations': [
          'from',
          'to',
          'model',
          'provider',
          'distinct_id',
          'session_id',
          'trace_id',
          'is_error',
          'search',
          'sort',
          'order',
          'limit',
          'offset',
        ],
        '/api/sessions': ['from', 'to', 'distinct_id', 'search', 'limit', 'offset'],
        '/api/users': ['from', 'to', 'search', 'limit', 'offset'],
        '/api/dashboard': ['from', 'to', 'bucket', 'model', 'provider'],
      };
      const values = [
        '',
        '0',
        '-1',
        '1e3',
        '999999999999999999999',
        'NaN',
        '2025-13-45',
        '2025-01-01T00:00:00Z',
        '1700000000000',
        '99999999999999999',
        "'; DROP TABLE events; --",
        '%',
        '_',
        '\\',
        '"',
        '\u0000',
        'ä',
        '😀'.repeat(300),
        'a'.repeat(1200),
        'timestamp',
        'latency',
        'cost',
        'desc',
        'asc',
        'minute',
        'true',
        '8640000000000001',
        Buffer.from('99999999999999999999:x').toString('base64url'),
        Buffer.from('-99999999999999999999:x').toString('base64url'),
        Buffer.from('1:').toString('base64url'),
        '!!!',
      ];
      const paths = Object.keys(endpoints);
      if (rng.chance(0.15)) {
        const id = rng.pick([
          '..%2F..%2Fetc%2Fpasswd',
          '%00',
          'x'.repeat(5000),
          "'or'1'='1",
          '%zz',
          '😀',
          '%2F',
        ]);
        return {
          family: 'read-api',
          method: 'GET',
          path: `/api/traces/${id.replace(/[^\x21-\x7e]/gu, (char) => encodeURIComponent(char))}`,
          headers: { authorization: `Bearer ${readKey}` },
        };
      }
      const path = rng.pick(paths);
      const names = endpoints[path]!;
      const params = new URLSearchParams();
      for (let n = rng.int(1, 4); n > 0; n--)
        params.append(
          rng.chance(0.9) ? rng.pick(names) : rng.pick(['x', '__proto__', 'limit[]', '']),
          rng.pick(values),
        );
      return {
        family: 'read-api',
        method: 'GET',
        path: `${path}?${params}`,
        headers: { authorization: `Bearer ${readKey}` },
      };
    },
  },
  {
    name: 'http',
    count: 200,
    make: ({ rng, token, material }) => {
      const method = rng.pick([
        'PUT',
        'DELETE',
        'PATCH',
        'HEAD',
        'TRACE',
        'GET',
        'OPTIONS',
        'PROPFIND',
        'POST',
      ]);
      const path = rng.pick([
        TRACES,
        LOGS,
        '/batch/',
        '//batch//',
        '/%zz',
        `/${'a'.repeat(8000)}`,
        '/api/events/../events',
        '/i/v0/ai/otel?x=1&x=2',
        '/api',
        '/',
        '/healthz',
        '/v1/traces',
        '/i/v0/ai/otel/v1/traces/extra',
      ]);
      return {
        family: 'http',
        method,
        path,
        headers: pbHeaders(token),
        body: method === 'GET' || method === 'HEAD' ? undefined : rng.pick(material.protobuf),
      };
    },
  },
  {
    name: 'mixed',
    count: 300,
    make: (context, index) => mixedCase(context, index),
  },
];

/** AI spans with ids the server must reject (wrong length, all zeros, empty). */
export function spansWithBadIds(
  { rng, spans }: Pick<CaseContext, 'rng' | 'spans'>,
  count: number,
  distinctId: string,
): ReadableSpan[] {
  return spans
    .chats(count, { distinctId })
    .map((span) =>
      withIds(
        span,
        rng.pick([
          { spanId: '00000000000000' },
          { spanId: 'ffffffffffffffffff' },
          { spanId: '0000000000000000' },
          { traceId: '0'.repeat(32) },
          { traceId: 'abcd' },
          { spanId: '' },
        ]),
      ),
    );
}

/** Valid AI spans next to invalid ones in one request: only the invalid ones may be rejected. */
function mixedCase({ rng, token, spans, runId }: CaseContext, index: number): FuzzCase {
  const distinctId = `mixed-${runId}-${index}`;
  const valid = spans.chats(rng.int(1, 5), { distinctId, textBytes: 80 });
  const invalidCount = rng.int(1, 4);
  if (rng.chance(0.5)) {
    const invalid = spansWithBadIds({ rng, spans }, invalidCount, `${distinctId}-invalid`);
    const all = [...valid, ...invalid].sort(() => rng.next() - 0.5);
    return {
      family: 'mixed',
      path: TRACES,
      headers: pbHeaders(token),
      body: toProtobuf(all),
      mixed: { distinctId, valid: valid.length, invalid: invalidCount },
    };
  }
  const request = JSON.parse(Buffer.from(toJson(valid)).toString('utf8')) as {
    resourceSpans: Array<{ scopeSpans: Array<{ spans: unknown[] }> }>;
  };
  const list = request.resourceSpans[0]!.scopeSpans[0]!.spans;
  const template = list[0] as Record<string, unknown>;
  for (let n = 0; n < invalidCount; n++) {
    const broken: Record<string, unknown> = { ...template, spanId: rng.hex(8) };
    const variant = rng.int(0, 8);
    if (variant === 0) broken['spanId'] = 'zz';
    else if (variant === 1) broken['traceId'] = '0'.repeat(32);
    else if (variant === 2) broken['attributes'] = 'not a list';
    else if (variant === 3)
      broken['attributes'] = [{ key: 'gen_ai.request.model', value: { intValue: 'abc' } }];
    else if (variant === 4) broken['events'] = 5;
    else if (variant === 5) broken['startTimeUnixNano'] = 'yesterday';
    else if (variant === 6) broken['kind'] = 'SPAN_KIND_NOPE';
    else if (variant === 7) broken['status'] = 'ok';
    else list.splice(rng.int(0, list.length), 0, rng.pick([5, 'span', null, []]));
    if (variant !== 8) list.splice(rng.int(0, list.length), 0, broken);
  }
  return {
    family: 'mixed',
    path: TRACES,
    headers: jsonHeaders(token),
    body: JSON.stringify(request),
    mixed: { distinctId, valid: valid.length, invalid: invalidCount },
  };
}

/** The full family list with counts scaled (at least 2 of each). */
export function plannedCounts(scale: number): Array<{ name: string; count: number }> {
  return families.map((family) => ({
    name: family.name,
    count: Math.max(2, Math.round(family.count * scale)),
  }));
}

/** Cases in a seeded random order, generated one at a time (some are megabytes). */
export function generateCases(context: CaseContext, scale: number): Generator<FuzzCase> {
  return scheduleFamilies(families, context, scale);
}

/** Each family's cases (scaled, at least 2) shuffled with the seed, made one at a time. */
export function* scheduleFamilies<T>(
  list: ReadonlyArray<{
    name: string;
    count: number;
    make: (context: CaseContext, index: number) => T;
  }>,
  context: CaseContext,
  scale: number,
): Generator<T> {
  const schedule: Array<(typeof list)[number]> = [];
  for (const family of list) {
    const count = Math.max(2, Math.round(family.count * scale));
    for (let n = 0; n < count; n++) schedule.push(family);
  }
  for (let index = schedule.length - 1; index > 0; index--) {
    const other = context.rng.int(0, index);
    [schedule[index], schedule[other]] = [schedule[other]!, schedule[index]!];
  }
  const seen = new Map<string, number>();
  for (const family of schedule) {
    const index = seen.get(family.name) ?? 0;
    seen.set(family.name, index + 1);
    yield family.make(context, index);
  }
}
