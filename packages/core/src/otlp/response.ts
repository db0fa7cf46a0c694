/** OTLP export responses, with the partial success that names rejected spans or log records. */
import { ExportLogsServiceResponseType, ExportTraceServiceResponseType } from './proto';
import type { RejectedItem } from './errors';

/** The `error_message` of a partial success: the first few rejections, with their reasons. */
export function partialSuccessMessage(
  rejected: readonly RejectedItem[],
  label = 'span',
  limit = 10,
): string {
  const listed = rejected.slice(0, limit).map((item) => `${label} ${item.index}: ${item.reason}`);
  const more = rejected.length > limit ? `; and ${rejected.length - limit} more` : '';
  return `${rejected.length} ${label}${rejected.length === 1 ? '' : 's'} rejected: ${listed.join('; ')}${more}`;
}

/** Protobuf `ExportTraceServiceResponse`; empty (full success) when nothing was rejected. */
export function encodeTraceServiceResponse(rejected: readonly RejectedItem[] = []): Uint8Array {
  if (rejected.length === 0) return ExportTraceServiceResponseType.encode({}).finish();
  return ExportTraceServiceResponseType.encode({
    partialSuccess: {
      rejectedSpans: rejected.length,
      errorMessage: partialSuccessMessage(rejected, 'span'),
    },
  }).finish();
}

/** OTLP/JSON `ExportTraceServiceResponse` (int64 as a string, per the proto3 JSON mapping). */
export function traceServiceResponseJson(
  rejected: readonly RejectedItem[] = [],
): Record<string, unknown> {
  if (rejected.length === 0) return {};
  return {
    partialSuccess: {
      rejectedSpans: String(rejected.length),
      errorMessage: partialSuccessMessage(rejected, 'span'),
    },
  };
}

/** Protobuf `ExportLogsServiceResponse`; empty (full success) when nothing was rejected. */
export function encodeLogsServiceResponse(rejected: readonly RejectedItem[] = []): Uint8Array {
  if (rejected.length === 0) return ExportLogsServiceResponseType.encode({}).finish();
  return ExportLogsServiceResponseType.encode({
    partialSuccess: {
      rejectedLogRecords: rejected.length,
      errorMessage: partialSuccessMessage(rejected, 'log record'),
    },
  }).finish();
}

/** OTLP/JSON `ExportLogsServiceResponse`. */
export function logsServiceResponseJson(
  rejected: readonly RejectedItem[] = [],
): Record<string, unknown> {
  if (rejected.length === 0) return {};
  return {
    partialSuccess: {
      rejectedLogRecords: String(rejected.length),
      errorMessage: partialSuccessMessage(rejected, 'log record'),
    },
  };
}
