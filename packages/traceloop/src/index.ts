export { traceloopIntegration } from './integration';
export { traceloopNormalizer, normalizeTraceloop, isTraceloopSpan } from './normalize-traceloop';
export { PostHogSpanProcessor } from './span-processor';
export { PostHogTraceExporter } from './trace-exporter';
export { traceloopOptions } from './setup';
export type {
  OpenAIClientLike,
  TraceloopExportOptions,
  TraceloopInitializeOptions,
  TraceloopSpanExporter,
} from './types';
export { tagStreamedCalls } from './stream-tag';
export { unwrapEntityInput } from './map-entity';
export type * from '@llm-analytics/core/types';
export {
  createPricer,
  type ModelPriceOverride,
  type PricingOptions,
} from '@llm-analytics/core/pricing';
