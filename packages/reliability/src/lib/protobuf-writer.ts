/**
 * A minimal protobuf writer for hand-crafted hostile bodies: wrong wire types, invalid UTF-8,
 * overlong varints, deep nesting. The real serializers can't produce these on purpose.
 */
export const WIRE = { varint: 0, fixed64: 1, bytes: 2, startGroup: 3, endGroup: 4, fixed32: 5 };

export class PbWriter {
  private buffer = new Uint8Array(256);
  private length = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  raw(bytes: Uint8Array | number[]): this {
    this.ensure(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }

  varint(value: number | bigint): this {
    let v = BigInt.asUintN(64, BigInt(value));
    const out: number[] = [];
    while (v > 0x7fn) {
      out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(Number(v));
    return this.raw(out);
  }

  tag(field: number, wire: number): this {
    return this.varint((BigInt(field) << 3n) | BigInt(wire));
  }

  bytes(field: number, bytes: Uint8Array): this {
    return this.tag(field, WIRE.bytes).varint(bytes.length).raw(bytes);
  }

  string(field: number, text: string): this {
    return this.bytes(field, new TextEncoder().encode(text));
  }

  uint(field: number, value: number | bigint): this {
    return this.tag(field, WIRE.varint).varint(value);
  }

  fixed64(field: number, value: bigint): this {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setBigUint64(0, BigInt.asUintN(64, value), true);
    return this.tag(field, WIRE.fixed64).raw(bytes);
  }

  double(field: number, value: number): this {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setFloat64(0, value, true);
    return this.tag(field, WIRE.fixed64).raw(bytes);
  }

  message(field: number, build: (writer: PbWriter) => void): this {
    const inner = new PbWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

/** OTLP field numbers used by the crafted bodies. */
export const OTLP = {
  request: { resourceSpans: 1 },
  resourceSpans: { resource: 1, scopeSpans: 2 },
  resource: { attributes: 1 },
  scopeSpans: { scope: 1, spans: 2 },
  scope: { name: 1, version: 2 },
  span: {
    traceId: 1,
    spanId: 2,
    parentSpanId: 4,
    name: 5,
    kind: 6,
    start: 7,
    end: 8,
    attributes: 9,
    events: 11,
    status: 15,
  },
  keyValue: { key: 1, value: 2 },
  anyValue: { string: 1, bool: 2, int: 3, double: 4, array: 5, kvlist: 6, bytes: 7 },
  arrayValue: { values: 1 },
} as const;

export type AnyValueSpec =
  | { string: string | Uint8Array }
  | { int: number | bigint }
  | { double: number }
  | { bool: boolean }
  | { bytes: Uint8Array }
  | { array: AnyValueSpec[] };

export function writeAnyValue(writer: PbWriter, value: AnyValueSpec): void {
  if ('string' in value) {
    if (typeof value.string === 'string') writer.string(OTLP.anyValue.string, value.string);
    else writer.bytes(OTLP.anyValue.string, value.string);
  } else if ('int' in value) writer.uint(OTLP.anyValue.int, value.int);
  else if ('double' in value) writer.double(OTLP.anyValue.double, value.double);
  else if ('bool' in value) writer.uint(OTLP.anyValue.bool, value.bool ? 1 : 0);
  else if ('bytes' in value) writer.bytes(OTLP.anyValue.bytes, value.bytes);
  else
    writer.message(OTLP.anyValue.array, (array) => {
      for (const item of value.array)
        array.message(OTLP.arrayValue.values, (inner) => writeAnyValue(inner, item));
    });
}

export interface CraftedSpan {
  traceId?: Uint8Array;
  spanId?: Uint8Array;
  name?: string | Uint8Array;
  attributes?: Array<[string | Uint8Array, AnyValueSpec]>;
  /** Raw bytes appended inside the span message (wrong wire types, unknown fields). */
  extra?: Uint8Array;
  start?: bigint;
  end?: bigint;
}

/** An ExportTraceServiceRequest with one resource, one scope and the given spans. */
export function craftTraces(
  spans: CraftedSpan[],
  options: { scope?: string; resourceExtra?: Uint8Array } = {},
): Uint8Array {
  const writer = new PbWriter();
  writer.message(OTLP.request.resourceSpans, (resourceSpans) => {
    resourceSpans.message(OTLP.resourceSpans.resource, (resource) => {
      resource.message(OTLP.resource.attributes, (kv) => {
        kv.string(OTLP.keyValue.key, 'service.name');
        kv.message(OTLP.keyValue.value, (value) => writeAnyValue(value, { string: 'crafted' }));
      });
      if (options.resourceExtra) resource.raw(options.resourceExtra);
    });
    resourceSpans.message(OTLP.resourceSpans.scopeSpans, (scopeSpans) => {
      scopeSpans.message(OTLP.scopeSpans.scope, (scope) =>
        scope.string(OTLP.scope.name, options.scope ?? 'crafted-genai'),
      );
      for (const span of spans)
        scopeSpans.message(OTLP.scopeSpans.spans, (out) => {
          if (span.traceId) out.bytes(OTLP.span.traceId, span.traceId);
          if (span.spanId) out.bytes(OTLP.span.spanId, span.spanId);
          if (span.name !== undefined) {
            if (typeof span.name === 'string') out.string(OTLP.span.name, span.name);
            else out.bytes(OTLP.span.name, span.name);
          }
          out.uint(OTLP.span.kind, 3);
          out.fixed64(OTLP.span.start, span.start ?? 1_700_000_000_000_000_000n);
          out.fixed64(OTLP.span.end, span.end ?? 1_700_000_001_000_000_000n);
          for (const [key, value] of span.attributes ?? [])
            out.message(OTLP.span.attributes, (kv) => {
              if (typeof key === 'string') kv.string(OTLP.keyValue.key, key);
              else kv.bytes(OTLP.keyValue.key, key);
              kv.message(OTLP.keyValue.value, (inner) => writeAnyValue(inner, value));
            });
          if (span.extra) out.raw(span.extra);
        });
    });
  });
  return writer.finish();
}

/**
 * An AnyValue nested `depth` arrays deep, written forward with precomputed lengths (building
 * it by nesting writers would copy the body once per level).
 */
export function deepArrayAnyValue(depth: number): Uint8Array {
  // Level k (from the inside): AnyValue{5: ArrayValue{1: AnyValue(level k-1)}}.
  const leaf = new PbWriter().string(OTLP.anyValue.string, 'deep').finish();
  const varintLength = (n: number) =>
    n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5;
  const anyLengths: number[] = [leaf.length];
  for (let level = 1; level <= depth; level++) {
    const inner = anyLengths[level - 1]!;
    const arrayLength = 1 + varintLength(inner) + inner;
    anyLengths.push(1 + varintLength(arrayLength) + arrayLength);
  }
  const writer = new PbWriter();
  for (let level = depth; level >= 1; level--) {
    const inner = anyLengths[level - 1]!;
    const arrayLength = 1 + varintLength(inner) + inner;
    writer.tag(OTLP.anyValue.array, WIRE.bytes).varint(arrayLength);
    writer.tag(OTLP.arrayValue.values, WIRE.bytes).varint(inner);
  }
  writer.raw(leaf);
  return writer.finish();
}
