// Checks every captured OTLP protobuf fixture against its JSON twin: same spans (ids,
// parents, names, kinds) and same log records (span ids, event names). Decodes the protobuf
// wire format directly so the check shares no code with the exporters that wrote it.
//
//   node scripts/verify-otel-fixtures.mjs
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixturesDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../core/test/fixtures/otel-openai',
);

/** Decodes one protobuf message into { fieldNumber: [values] } (bytes stay Buffers). */
function decode(buffer) {
  const fields = {};
  let offset = 0;
  const varint = () => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = buffer[offset++];
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  };
  while (offset < buffer.length) {
    const key = Number(varint());
    const field = key >> 3;
    let value;
    switch (key & 7) {
      case 0:
        value = varint();
        break;
      case 1:
        value = buffer.readBigUInt64LE(offset);
        offset += 8;
        break;
      case 2: {
        const length = Number(varint());
        value = buffer.subarray(offset, offset + length);
        offset += length;
        break;
      }
      case 5:
        value = buffer.readUInt32LE(offset);
        offset += 4;
        break;
      default:
        throw new Error(`unsupported wire type ${key & 7} at ${offset}`);
    }
    (fields[field] ??= []).push(value);
  }
  return fields;
}

const hex = (bytes) => (bytes ? Buffer.from(bytes).toString('hex') : '');
const text = (bytes) => (bytes ? Buffer.from(bytes).toString('utf8') : '');

function spansFromProto(buffer) {
  return decode(buffer)[1].flatMap((resourceSpans) =>
    (decode(resourceSpans)[2] ?? []).flatMap((scopeSpans) =>
      (decode(scopeSpans)[2] ?? []).map((spanBytes) => {
        const span = decode(spanBytes);
        return {
          traceId: hex(span[1]?.[0]),
          spanId: hex(span[2]?.[0]),
          parentSpanId: hex(span[4]?.[0]),
          name: text(span[5]?.[0]),
          kind: Number(span[6]?.[0] ?? 0),
          attributeCount: span[9]?.length ?? 0,
        };
      }),
    ),
  );
}

function spansFromJson(json) {
  return json.resourceSpans.flatMap((resourceSpans) =>
    resourceSpans.scopeSpans.flatMap((scopeSpans) =>
      scopeSpans.spans.map((span) => ({
        traceId: span.traceId,
        spanId: span.spanId,
        parentSpanId: span.parentSpanId ?? '',
        name: span.name,
        kind: span.kind,
        attributeCount: span.attributes?.length ?? 0,
      })),
    ),
  );
}

function logsFromProto(buffer) {
  return decode(buffer)[1].flatMap((resourceLogs) =>
    (decode(resourceLogs)[2] ?? []).flatMap((scopeLogs) =>
      (decode(scopeLogs)[2] ?? []).map((recordBytes) => {
        const record = decode(recordBytes);
        return {
          spanId: hex(record[10]?.[0]),
          eventName: text(record[12]?.[0]),
          attributeCount: record[6]?.length ?? 0,
          hasBody: record[5] !== undefined,
        };
      }),
    ),
  );
}

function logsFromJson(json) {
  return json.resourceLogs.flatMap((resourceLogs) =>
    resourceLogs.scopeLogs.flatMap((scopeLogs) =>
      scopeLogs.logRecords.map((record) => ({
        spanId: record.spanId ?? '',
        eventName: record.eventName ?? '',
        attributeCount: record.attributes?.length ?? 0,
        // The JSON exporter writes an absent body as an empty AnyValue `{}`; protobuf omits it.
        hasBody: record.body !== undefined && Object.keys(record.body).length > 0,
      })),
    ),
  );
}

const files = (await readdir(fixturesDir)).filter((file) => file.endsWith('.pb')).sort();
let failures = 0;
for (const file of files) {
  const protoBytes = await readFile(join(fixturesDir, file));
  const json = JSON.parse(
    await readFile(join(fixturesDir, file.replace(/\.pb$/, '.json')), 'utf8'),
  );
  const isTraces = file.endsWith('.traces.pb');
  const fromProto = isTraces ? spansFromProto(protoBytes) : logsFromProto(protoBytes);
  const fromJson = isTraces ? spansFromJson(json) : logsFromJson(json);
  const same = JSON.stringify(fromProto) === JSON.stringify(fromJson);
  // The two exporters ran side by side, so ids and names must match exactly.
  const summary = isTraces
    ? fromProto.map((span) => span.name).join(', ')
    : `${fromProto.length} log records`;
  console.log(`${same ? 'ok  ' : 'FAIL'} ${file}: ${summary}`);
  if (!same) {
    failures += 1;
    console.log({ fromProto, fromJson });
  }
}
if (failures > 0) process.exitCode = 1;
