import type { EventStage, PostHogExportOptions } from '@llm-analytics/core';
import type { NodeSpoolOptions } from '@llm-analytics/core/node-spool';

/** Options of this package's `PostHogSpanProcessor` and `PostHogTraceExporter`. */
export interface OpenInferenceExportOptions
  extends Omit<PostHogExportOptions, 'price'>, NodeSpoolOptions {
  /**
   * Pricing stage. Defaults to `createPricer()` from `@llm-analytics/core/pricing` (the offline
   * `@pydantic/genai-prices` table); `false` sends events unpriced (PostHog or our server
   * price them). Costs the instrumentation recorded (`llm.cost.*`) always win.
   */
  price?: EventStage | false;
}
