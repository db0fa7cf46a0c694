export { createPostHogProcessors, type PostHogProcessors } from './setup';
export { PostHogSpanProcessor } from './span-processor';
export { PostHogTraceExporter } from './trace-exporter';
export type { NodeSdkExportOptions, PostHogProcessorsOptions } from './types';
export {
  globalLoggerProviderBridge,
  type InstrumentationLike,
  type LoggerProviderLike,
} from './logger-provider-bridge';
export { registerLoaderHook, resolveLoaderHook, type LoaderHookResult } from './esm-hook';
export { NO_LLM_SPANS_WARNING_CODE } from './uninstrumented-calls';
export { PostHogLogRecordProcessor, WARNING_CODES } from '@llm-analytics/core';
export type * from '@llm-analytics/core/types';
export {
  createPricer,
  type ModelPriceOverride,
  type PricingOptions,
} from '@llm-analytics/core/pricing';
