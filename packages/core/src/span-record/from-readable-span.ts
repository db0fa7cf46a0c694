import type { HrTime } from '@opentelemetry/api';
import type { SpanEventRecord, SpanRecord } from '../types';
import { toAttributes } from './attributes';
import { isAllZeroHex } from './encoding';
import { API_SPAN_KIND_NAMES, statusCodeName } from './kinds';
import { hrTimeToNanos } from './time';

interface ScopeLike {
  readonly name: string;
  readonly version?: string | undefined;
}

/**
 * The parts of an SDK `ReadableSpan` we read, structurally typed so spans from
 * `@opentelemetry/sdk-trace-base` 1.x (`parentSpanId`, `instrumentationLibrary`) and 2.x
 * (`parentSpanContext`, `instrumentationScope`) are both accepted without a type dependency.
 */
export interface ReadableSpanLike {
  readonly name: string;
  readonly kind: number;
  spanContext(): { readonly traceId: string; readonly spanId: string };
  /** sdk-trace-base 2.x. */
  readonly parentSpanContext?: { readonly spanId: string } | undefined;
  /** sdk-trace-base 1.x. */
  readonly parentSpanId?: string | undefined;
  readonly startTime: HrTime;
  readonly endTime: HrTime;
  readonly status: { readonly code: number; readonly message?: string | undefined };
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly events: ReadonlyArray<{
    readonly name: string;
    readonly time: HrTime;
    readonly attributes?: Readonly<Record<string, unknown>> | undefined;
  }>;
  readonly resource?: { readonly attributes: Readonly<Record<string, unknown>> } | undefined;
  /** sdk-trace-base 2.x. */
  readonly instrumentationScope?: ScopeLike | undefined;
  /** sdk-trace-base 1.x. */
  readonly instrumentationLibrary?: ScopeLike | undefined;
}

/** Convert an SDK span (sdk-trace-base 1.x or 2.x) to a {@link SpanRecord}; no JSON round trip. */
export function spanRecordFromReadableSpan(span: ReadableSpanLike): SpanRecord {
  const context = span.spanContext();
  const scope = span.instrumentationScope ?? span.instrumentationLibrary;
  const parentSpanId = span.parentSpanContext?.spanId ?? span.parentSpanId;
  const status = span.status;
  const events: SpanEventRecord[] = new Array<SpanEventRecord>(span.events.length);
  for (let index = 0; index < span.events.length; index++) {
    const event = span.events[index]!;
    events[index] = {
      name: event.name,
      timeUnixNano: hrTimeToNanos(event.time),
      attributes: toAttributes(event.attributes),
    };
  }
  const record: SpanRecord = {
    traceId: context.traceId.toLowerCase(),
    spanId: context.spanId.toLowerCase(),
    name: span.name,
    kind: API_SPAN_KIND_NAMES[span.kind] ?? 'unspecified',
    startTimeUnixNano: hrTimeToNanos(span.startTime),
    endTimeUnixNano: hrTimeToNanos(span.endTime),
    status: status.message
      ? { code: statusCodeName(status.code), message: status.message }
      : { code: statusCodeName(status.code) },
    scope: scope?.version
      ? { name: scope.name, version: scope.version }
      : { name: scope?.name ?? '' },
    resource: toAttributes(span.resource?.attributes),
    attributes: toAttributes(span.attributes),
    events,
    logs: [],
  };
  if (parentSpanId && !isAllZeroHex(parentSpanId)) record.parentSpanId = parentSpanId.toLowerCase();
  return record;
}
