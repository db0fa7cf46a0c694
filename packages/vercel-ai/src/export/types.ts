import type { EventStage, PostHogExportOptions } from '@llm-analytics/core';

/**
 * Options of this package's `PostHogSpanProcessor` and `PostHogTraceExporter`: core's
 * options (see the core README) with the AI SDK normalizer always registered.
 */
export interface VercelAiExportOptions extends Omit<PostHogExportOptions, 'price'> {
  /**
   * Pricing stage. Node entry: default `createPricer()` from `@llm-analytics/core/pricing`
   * (the bundled `@pydantic/genai-prices` table, offline). Edge entry
   * (`@llm-analytics/vercel-ai/edge`, also picked by the `edge-light`, `workerd`, `worker` and
   * `browser` conditions): default none, so the price table stays out of the bundle. `false`
   * sends events unpriced everywhere; PostHog or the llm-analytics server prices them.
   */
  price?: EventStage | false;
}
