export { setupLLMAnalytics } from './setup';
export { PostHogSpanProcessor } from './span-processor';
export { KEEPALIVE_BUDGET_BYTES } from './keepalive-budget';
export type { BrowserExportOptions, LLMAnalytics, SetupLLMAnalyticsOptions } from './types';
export type * from '@llm-analytics/core/types';
