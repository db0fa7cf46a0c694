export { PostHogSpanProcessor, type ProcessorSpan } from './span-processor';
export { PostHogTraceExporter, type ExportResultLike } from './trace-exporter';
export type {
  GzipFunction,
  PostHogExportOptions,
  SyncFlushRequest,
  SyncFlushResult,
  SyncFlushSender,
} from './types';
export { resolveConfig, DEFAULT_HOST, MAX_EVENTS_PER_REQUEST, MAX_REQUEST_BYTES } from './config';
export { backoffDelay, parseRetryAfter, RETRIABLE_STATUSES } from './backoff';
export { PostHogLogRecordProcessor, type EmittedLogRecord } from './log-record-processor';
export {
  WARNING_CODES,
  /** @internal For the adapters' own warnings (same once-a-minute limit, same silencing). */
  warnLoudly,
  type WarningCode,
} from './warnings';
export type {
  Spool,
  SpoolAppendResult,
  SpoolEntry,
  SpoolReadResult,
  SpooledRequest,
} from './spool';
