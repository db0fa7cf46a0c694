// The public API: what applications and integration authors write against (listed in the
// README). Attribute keys are in `@llm-analytics/core/semconv`, OTLP decoding in `/otlp`,
// pricing in `/pricing`; everything else is internal.
export type * from './types';
export {
  defineIntegration,
  isIntegration,
  type Integration,
  type IntegrationDefinition,
} from './integration/define-integration';
export {
  createMapper,
  mapSpans,
  spansToEvents,
  type MapCallOptions,
  type Mapper,
  type MapperOptions,
} from './integration/create-mapper';
export type { EventStage, MapOptions, MapResult } from './pipeline/spans-to-events';
export {
  resolveAdapterOptions,
  type AdapterDefaults,
  type AdapterExportOptions,
} from './integration/adapter-options';
export {
  PostHogSpanProcessor,
  PostHogTraceExporter,
  PostHogLogRecordProcessor,
  type EmittedLogRecord,
  type ExportResultLike,
  type GzipFunction,
  type PostHogExportOptions,
  type ProcessorSpan,
  type SyncFlushRequest,
  type SyncFlushResult,
  type SyncFlushSender,
  WARNING_CODES,
  /** @internal For the adapters' own warnings (same once-a-minute limit, same silencing). */
  warnLoudly,
  type WarningCode,
} from './export';
export { isAISpan, isAIScope, isAIAttributeKey } from './filter/is-ai-span';
export {
  spanRecordFromReadableSpan,
  logRecordFromSdk,
  joinLogsToSpans,
  type JoinedLogs,
  type ReadableLogRecordLike,
  type ReadableSpanLike,
} from './span-record';
export { deterministicEventUuid } from './event/to-event';
export { MAX_DEPTH_MARKER } from './span-record/attributes';
// Building blocks for normalizers (an integration's code).
export { CORE_NORMALIZERS } from './normalize/registry';
export { otelGenAiNormalizer, normalizeOtelGenAi } from './normalize/otel-genai';
export {
  convertMessage,
  convertMessages,
  convertSystemInstructions,
  convertToolDefinitions,
  makeToolCall,
} from './normalize/messages';
export { groupIndexed, readIndexedMessages, subGroups } from './normalize/indexed';
export { normalizeProvider } from './normalize/provider';
export { compactUsage } from './normalize/compact-usage';
export { AttributeReader } from './util/read';
export {
  isPlainObject,
  parseJsonValue,
  parseMaybeJson,
  safeStringify,
  tryParseJson,
} from './util/json';
export { hasOwn, setOwn } from './util/own';
// Which convention an event's input count follows (isomorphic, no price table): the read API
// and the UI show input with cache included for every provider.
export { inputIncludesCache } from './pricing/read-usage';
export { toPriceProviderId } from './pricing/provider-aliases';
