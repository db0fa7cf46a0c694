export { setupLLMAnalytics } from './setup';
export { PostHogSpanProcessor } from './span-processor';
export { KEEPALIVE_BUDGET_BYTES } from './keepalive-budget';
export type { BrowserExportOptions, LLMAnalytics, SetupLLMAnalyticsOptions } from './types';
export type {
  AdapterExportOptions,
  AiEvent,
  EventStage,
  ExportResultLike,
  Integration,
  Normalizer,
  PostHogExportOptions,
  ProcessorSpan,
  SyncFlushResult,
} from '@llm-analytics/core';
