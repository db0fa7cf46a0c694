import type { HrTime } from '@opentelemetry/api';
import { EVENT_NAME } from '../semconv/common';
import type { LogRecordRecord } from '../types';
import { toAttributeValue, toAttributes } from './attributes';
import { isAllZeroHex } from './encoding';
import { hrTimeToNanos } from './time';

/**
 * The parts of an `@opentelemetry/sdk-logs` `ReadableLogRecord` / `SdkLogRecord` we read,
 * structurally typed so any 0.2xx release (with or without `eventName`) fits.
 */
export interface ReadableLogRecordLike {
  readonly hrTime: HrTime;
  readonly hrTimeObserved?: HrTime | undefined;
  readonly spanContext?: { readonly traceId: string; readonly spanId: string } | undefined;
  readonly severityText?: string | undefined;
  readonly body?: unknown;
  readonly eventName?: string | undefined;
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** Convert an SDK log record to a {@link LogRecordRecord}. */
export function logRecordFromSdk(record: ReadableLogRecordLike): LogRecordRecord {
  const attributes = toAttributes(record.attributes);
  const time = hrTimeToNanos(record.hrTime);
  const result: LogRecordRecord = {
    timeUnixNano: time === '0' ? hrTimeToNanos(record.hrTimeObserved) : time,
    attributes,
  };
  const eventNameAttribute = attributes[EVENT_NAME];
  const eventName =
    record.eventName || (typeof eventNameAttribute === 'string' ? eventNameAttribute : undefined);
  if (eventName) result.eventName = eventName;
  if (record.severityText) result.severityText = record.severityText;
  // An absent and an empty body are the same on the wire (the JSON serializer writes `{}`).
  const body = record.body === undefined ? null : toAttributeValue(record.body);
  if (body !== null) result.body = body;
  const traceId = record.spanContext?.traceId;
  const spanId = record.spanContext?.spanId;
  if (traceId && !isAllZeroHex(traceId)) result.traceId = traceId.toLowerCase();
  if (spanId && !isAllZeroHex(spanId)) result.spanId = spanId.toLowerCase();
  return result;
}
