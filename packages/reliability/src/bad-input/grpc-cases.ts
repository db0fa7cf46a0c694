/**
 * Hostile OTLP/gRPC calls for the receiver on `--grpc-port`: mutated and crafted messages,
 * wrong metadata, malformed gRPC framing, raw HTTP/2 and TCP garbage, and calls that mix
 * valid AI spans with invalid ones. Generated lazily from a seed, like the HTTP cases.
 */
import { gzipSync } from 'node:zlib';
import { grpcFrame } from '../lib/grpc-raw';
import { toProtobuf } from '../lib/spans';
import { scheduleFamilies, spansWithBadIds, type CaseContext } from './cases';
import { craftedTraces, flipBits, truncate, wrongWireTypes } from './protobuf-cases';

export const GRPC_TRACES = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
export const GRPC_LOGS = '/opentelemetry.proto.collector.logs.v1.LogsService/Export';
const MAX = 4 * 1024 * 1024;
const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

export type GrpcCase =
  | {
      kind: 'call';
      family: string;
      path: string;
      method?: string;
      headers: Record<string, string | string[]>;
      /** The HTTP/2 request body: gRPC-framed, or not. */
      body: Uint8Array;
      /** The server may reset the stream instead of answering. */
      resetOk?: boolean;
      mixed?: { distinctId: string; valid: number; invalid: number };
    }
  | { kind: 'socket'; family: string; bytes: Uint8Array };

const grpcHeaders = (token: string): Record<string, string> => ({
  'content-type': 'application/grpc',
  te: 'trailers',
  authorization: `Bearer ${token}`,
});

/** One HTTP/2 frame: 24-bit length, type, flags, stream id, payload. */
function http2Frame(type: number, flags: number, stream: number, payload: Uint8Array): Buffer {
  const header = Buffer.alloc(9);
  header.writeUIntBE(payload.byteLength, 0, 3);
  header[3] = type;
  header[4] = flags;
  header.writeUInt32BE(stream & 0x7fffffff, 5);
  return Buffer.concat([header, payload]);
}

type Family = {
  name: string;
  count: number;
  make: (context: CaseContext, index: number) => GrpcCase;
};

const message = (
  name: string,
  count: number,
  mutate: (context: CaseContext) => Uint8Array,
  path = GRPC_TRACES,
): Family => ({
  name,
  count,
  make: (context) => ({
    kind: 'call',
    family: name,
    path,
    headers: grpcHeaders(context.token),
    body: grpcFrame(mutate(context)),
  }),
});

function metadataCase({ rng, token, readKey, material }: CaseContext): GrpcCase {
  const headers = grpcHeaders(token);
  const variant = rng.int(0, 16);
  if (variant === 0) delete headers['authorization'];
  else if (variant === 1) headers['authorization'] = `Basic ${token}`;
  else if (variant === 2) headers['authorization'] = 'Bearer';
  else if (variant === 3) headers['authorization'] = 'Bearer two tokens';
  else if (variant === 4) headers['authorization'] = `Bearer phc_${rng.hex(12)}`;
  else if (variant === 5) headers['authorization'] = `Bearer ${readKey}`;
  else if (variant === 6) headers['authorization'] = `Bearer ${'x'.repeat(rng.int(1000, 7000))}`;
  else if (variant === 7) headers['content-type'] = 'application/json';
  else if (variant === 8) delete headers['content-type'];
  else if (variant === 9) headers['content-type'] = 'application/grpc+json';
  else if (variant === 10) headers['grpc-encoding'] = rng.pick(['br', 'snappy', 'zstd']);
  else if (variant === 11)
    headers['grpc-timeout'] = rng.pick(['1n', 'garbage', '99999999H', '-5S']);
  else if (variant === 12)
    headers['authorization-bin'] = Buffer.from(rng.bytes(32)).toString('base64');
  else if (variant === 13) delete headers['te'];
  else if (variant === 14) headers[`x-${rng.hex(4)}`] = rng.hex(rng.int(1, 2000));
  else if (variant === 15) headers['grpc-accept-encoding'] = 'gzip,identity,nonsense';
  // The valid token in any case spelling with extra blanks: accepted.
  else headers['authorization'] = `  bEaReR   ${token}  `;
  return {
    kind: 'call',
    family: 'grpc.metadata',
    path: GRPC_TRACES,
    headers,
    body: grpcFrame(rng.pick(material.protobuf)),
  };
}

function framingCase({ rng, token, material, bombs }: CaseContext): GrpcCase {
  const valid = rng.pick(material.protobuf);
  const headers = grpcHeaders(token);
  let path = GRPC_TRACES;
  let method: string | undefined;
  let body: Uint8Array;
  const variant = rng.int(0, 15);
  if (variant === 0)
    body = grpcFrame(valid, { declaredLength: valid.byteLength + rng.int(1, 1000) });
  else if (variant === 1)
    body = grpcFrame(valid, { declaredLength: rng.int(0, Math.max(0, valid.byteLength - 1)) });
  else if (variant === 2) body = grpcFrame(valid, { declaredLength: MAX + 1 });
  else if (variant === 3) body = grpcFrame(valid, { declaredLength: 0xffffffff });
  else if (variant === 4) body = grpcFrame(valid, { flag: 1 });
  else if (variant === 5) {
    headers['grpc-encoding'] = 'gzip';
    body = grpcFrame(rng.bytes(rng.int(1, 512)), { flag: 1 });
  } else if (variant === 6) {
    headers['grpc-encoding'] = 'gzip';
    body = grpcFrame(bombs.gzip, { flag: 1 });
  } else if (variant === 7) {
    headers['grpc-encoding'] = 'deflate';
    body = grpcFrame(bombs.deflate, { flag: 1 });
  } else if (variant === 8) {
    headers['grpc-encoding'] = 'gzip';
    body = grpcFrame(bombs.nested, { flag: 1 });
  } else if (variant === 9) body = grpcFrame(valid, { flag: rng.int(2, 255) });
  else if (variant === 10) body = Buffer.concat([grpcFrame(valid), grpcFrame(valid)]);
  else if (variant === 11) body = rng.pick([new Uint8Array(0), Uint8Array.from([0, 0, 0])]);
  else if (variant === 12) {
    path = rng.pick([
      `${GRPC_TRACES.slice(0, -'Export'.length)}Nope`,
      '/',
      '/i/v0/ai/otel',
      `/${'a'.repeat(2000)}`,
    ]);
    body = grpcFrame(valid);
  } else if (variant === 13) {
    method = rng.pick(['GET', 'PUT', 'DELETE', 'OPTIONS']);
    body = grpcFrame(valid);
  } else if (variant === 14) {
    // A valid gzip-compressed message: accepted.
    headers['grpc-encoding'] = 'gzip';
    body = grpcFrame(gzipSync(valid), { flag: 1 });
  } else body = rng.bytes(rng.int(1, 2048));
  return {
    kind: 'call',
    family: 'grpc.framing',
    path,
    ...(method ? { method } : {}),
    headers,
    body,
    resetOk: true,
  };
}

function socketCase({ rng }: CaseContext): GrpcCase {
  const settings = http2Frame(4, 0, 0, new Uint8Array(0));
  const variant = rng.int(0, 8);
  let bytes: Uint8Array;
  if (variant === 0) bytes = rng.bytes(rng.int(1, 4096));
  else if (variant === 1)
    bytes = Buffer.from('POST /i/v0/ai/otel HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\n\r\n{}');
  else if (variant === 2) bytes = PREFACE.subarray(0, rng.int(1, PREFACE.byteLength - 1));
  else if (variant === 3) bytes = Buffer.concat([PREFACE, rng.bytes(rng.int(1, 2048))]);
  // SETTINGS whose payload is not a multiple of 6, or on a stream.
  else if (variant === 4)
    bytes = Buffer.concat([PREFACE, http2Frame(4, 0, rng.int(0, 3), rng.bytes(rng.int(1, 11)))]);
  // HEADERS with an HPACK block of noise.
  else if (variant === 5)
    bytes = Buffer.concat([PREFACE, settings, http2Frame(1, 4 | 1, 1, rng.bytes(rng.int(1, 300)))]);
  // DATA on stream 0, or on a stream never opened.
  else if (variant === 6)
    bytes = Buffer.concat([PREFACE, settings, http2Frame(0, 0, rng.int(0, 9), rng.bytes(64))]);
  // WINDOW_UPDATE with a zero increment.
  else if (variant === 7)
    bytes = Buffer.concat([PREFACE, settings, http2Frame(8, 0, 0, new Uint8Array(4))]);
  else bytes = Buffer.concat([Uint8Array.from([0x16, 0x03, 0x01]), rng.bytes(rng.int(16, 512))]);
  return { kind: 'socket', family: 'grpc.socket', bytes };
}

/** Valid AI spans next to invalid ones in one Export call: only the invalid ones may go. */
function mixedCase({ rng, token, spans, runId }: CaseContext, index: number): GrpcCase {
  const distinctId = `grpc-mixed-${runId}-${index}`;
  const valid = spans.chats(rng.int(1, 5), { distinctId, textBytes: 80 });
  const invalidCount = rng.int(1, 4);
  const invalid = spansWithBadIds({ rng, spans }, invalidCount, `${distinctId}-invalid`);
  const all = [...valid, ...invalid].sort(() => rng.next() - 0.5);
  return {
    kind: 'call',
    family: 'grpc.mixed',
    path: GRPC_TRACES,
    headers: grpcHeaders(token),
    body: grpcFrame(toProtobuf(all)),
    mixed: { distinctId, valid: valid.length, invalid: invalidCount },
  };
}

const families: Family[] = [
  message('grpc.message.truncate', 200, ({ rng, material }) =>
    truncate(rng.pick(material.protobuf), rng),
  ),
  message('grpc.message.bitflip', 300, ({ rng, material }) =>
    flipBits(rng.pick(material.protobuf), rng),
  ),
  message('grpc.message.wire-type', 150, ({ rng, material }) =>
    wrongWireTypes(rng.pick(material.protobuf), rng),
  ),
  message('grpc.message.crafted', 200, ({ rng, big }) => craftedTraces(rng, big)),
  // Trace requests, whole or mutated, sent to the logs method.
  message(
    'grpc.message.logs',
    100,
    ({ rng, material }) => {
      const body = rng.pick(material.protobuf);
      return rng.chance(0.5) ? body : flipBits(body, rng);
    },
    GRPC_LOGS,
  ),
  { name: 'grpc.metadata', count: 250, make: metadataCase },
  { name: 'grpc.framing', count: 250, make: framingCase },
  { name: 'grpc.socket', count: 60, make: socketCase },
  { name: 'grpc.mixed', count: 60, make: mixedCase },
];

/** gRPC cases in a seeded random order (at least 2 of each family). */
export function generateGrpcCases(context: CaseContext, scale: number): Generator<GrpcCase> {
  return scheduleFamilies(families, context, scale);
}
