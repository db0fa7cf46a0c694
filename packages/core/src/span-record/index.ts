export {
  MAX_ATTRIBUTE_DEPTH,
  MAX_DEPTH_MARKER,
  normalizeNumber,
  setAttribute,
  toAttributeValue,
  toAttributes,
} from './attributes';
export { base64ToBytes, bytesToBase64, bytesToHex } from './encoding';
export { hrTimeToNanos, compareNanos, type HrTimeTuple } from './time';
export { spanKindFromOtlp, statusCodeName } from './kinds';
export { spanRecordFromReadableSpan, type ReadableSpanLike } from './from-readable-span';
export { logRecordFromSdk, type ReadableLogRecordLike } from './from-log-record';
export { joinLogsToSpans, type JoinedLogs } from './join-logs';
