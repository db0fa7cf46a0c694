export { setupLLMAnalytics } from './setup';
export { PostHogSpanProcessor } from './span-processor';
export { KEEPALIVE_BUDGET_BYTES } from './keepalive-budget';
export type { BrowserExportOptions, LLMAnalytics, SetupLLMAnalyticsOptions } from './types';
// Every adapter re-exports the same core types (options, events, normalizers, integrations).
export type * from '@llm-analytics/core/types';
