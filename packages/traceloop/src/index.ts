export {
  traceloopNormalizer,
  TRACELOOP_NORMALIZERS,
  normalizeTraceloop,
  isTraceloopSpan,
} from './normalize-traceloop';
export { unwrapEntityInput } from './map-entity';
export { PostHogSpanProcessor } from './span-processor';
export { PostHogTraceExporter } from './trace-exporter';
export { traceloopOptions } from './traceloop-options';
export { tagStreamedCalls } from './stream-tag';
export type {
  OpenAIClientLike,
  TraceloopExportOptions,
  TraceloopInitializeOptions,
  TraceloopSpanExporter,
} from './types';
export type { AiEvent, Normalizer, PostHogExportOptions } from '@llm-analytics/core';
