export { createPostHogProcessors, type PostHogProcessors } from './create-processors';
export { PostHogSpanProcessor } from './span-processor';
export { PostHogTraceExporter } from './trace-exporter';
export type { NodeSdkExportOptions } from './types';
export { registerLoaderHook, resolveLoaderHook, type LoaderHookResult } from './esm-hook';
export { NO_LLM_SPANS_WARNING_CODE } from './uninstrumented-calls';
export { PostHogLogRecordProcessor, type EmittedLogRecord } from '@llm-analytics/core';
export type {
  AdapterExportOptions,
  AiEvent,
  EventStage,
  ExportResultLike,
  Integration,
  Normalizer,
  PostHogExportOptions,
  ProcessorSpan,
} from '@llm-analytics/core';
export {
  createPricer,
  type ModelPriceOverride,
  type PricingOptions,
} from '@llm-analytics/core/pricing';
