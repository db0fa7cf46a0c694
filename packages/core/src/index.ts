export type * from './types';
export * from './semconv';
export { isAISpan, isAIScope, isAIAttributeKey } from './filter/is-ai-span';
export { CORE_NORMALIZERS, buildNormalizerList, normalizeSpan } from './normalize/registry';
export { otelGenAiNormalizer, normalizeOtelGenAi } from './normalize/otel-genai';
export { commonNormalizer } from './normalize/common';
export {
  convertMessage,
  convertMessages,
  convertSystemInstructions,
  convertToolDefinitions,
  makeToolCall,
} from './normalize/messages';
export { groupIndexed, readIndexedMessages, subGroups } from './normalize/indexed';
export { normalizeProvider } from './normalize/provider';
export {
  toEvent,
  eventName,
  deterministicEventUuid,
  type EventOptions,
  type TraceContext,
} from './event/to-event';
export { redactEvent, type RedactOptions } from './redact/redact-event';
export {
  mapSpans,
  spansToEvents,
  type MapOptions,
  type MapResult,
  type EventStage,
} from './pipeline/spans-to-events';
export {
  dedupeModelCalls,
  MAX_MODEL_CALLS_PER_TRACE,
  type DedupeItem,
} from './pipeline/dedupe-model-calls';
export { AttributeReader } from './util/read';
export { deterministicUuid } from './util/uuid';
// OTLP decoding (protobufjs) lives in the `@llm-analytics/core/otlp` entry: browsers never need it.
export { anyValueToJson, attributesToJson, encodeTracesJson, spanToJson } from './otlp/encode-json';
export * from './span-record';
export * from './export';
export { isPlainObject, parseMaybeJson, safeStringify, tryParseJson } from './util/json';
// Which convention an event's input count follows (isomorphic, no price table): the read API
// and the UI show input with cache included for every provider.
export { inputIncludesCache } from './pricing/read-usage';
export { toPriceProviderId } from './pricing/provider-aliases';
