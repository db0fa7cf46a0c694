// OTLP/protobuf export requests of real spans: the Vercel AI SDK 6 tool-loop fixture (as the
// real exporter wrote it), copied 25 times with fresh ids into requests of 100 spans.
import { readFileSync } from 'node:fs';
import { ExportTraceServiceRequestType } from '@llm-analytics/core/otlp';

const FIXTURE = new URL(
  '../../../packages/vercel-ai/test/fixtures/v6/tool-loop.traces.pb',
  import.meta.url,
);

function idBytes(length, seed) {
  const bytes = new Uint8Array(length);
  let value = seed;
  for (let i = length - 1; i >= 0; i--) {
    bytes[i] = value & 0xff;
    value = Math.floor(value / 256);
  }
  bytes[0] = 0xbe;
  return bytes;
}

/**
 * `count` request bodies, each with `spansPerRequest` spans (whole traces of the fixture),
 * every trace with its own trace id and span ids.
 */
export function toolLoopRequests(count, spansPerRequest = 100) {
  const template = ExportTraceServiceRequestType.toObject(
    ExportTraceServiceRequestType.decode(readFileSync(FIXTURE)),
    { longs: String, bytes: Array, defaults: false },
  );
  const resourceSpans = template.resourceSpans[0];
  const scopeSpans = resourceSpans.scopeSpans[0];
  const spans = scopeSpans.spans;
  const tracesPerRequest = Math.max(1, Math.floor(spansPerRequest / spans.length));
  const bodies = [];
  let trace = 0;
  for (let request = 0; request < count; request++) {
    const out = [];
    for (let copy = 0; copy < tracesPerRequest; copy++, trace++) {
      const traceId = idBytes(16, trace + 1);
      const spanIds = new Map(
        spans.map((span, index) => [
          Buffer.from(span.spanId).toString('hex'),
          idBytes(8, trace * 16 + index + 1),
        ]),
      );
      for (const span of spans) {
        const parent = span.parentSpanId?.length
          ? spanIds.get(Buffer.from(span.parentSpanId).toString('hex'))
          : undefined;
        out.push({
          ...span,
          traceId,
          spanId: spanIds.get(Buffer.from(span.spanId).toString('hex')),
          ...(parent ? { parentSpanId: parent } : { parentSpanId: [] }),
        });
      }
    }
    const message = ExportTraceServiceRequestType.fromObject({
      resourceSpans: [{ ...resourceSpans, scopeSpans: [{ ...scopeSpans, spans: out }] }],
    });
    bodies.push(ExportTraceServiceRequestType.encode(message).finish());
  }
  return { bodies, spansPerRequest: tracesPerRequest * spans.length };
}
