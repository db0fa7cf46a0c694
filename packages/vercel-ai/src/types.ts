import type { AdapterExportOptions } from '@llm-analytics/core';

/**
 * Options of this package's `PostHogSpanProcessor` and `PostHogTraceExporter`: every adapter's
 * options (see the core README). Node entry: priced in-process by default; edge entry
 * (`@llm-analytics/vercel-ai/edge`, also picked by the `edge-light`, `workerd`, `worker` and
 * `browser` conditions): unpriced by default, so the price table stays out of the bundle.
 */
export type VercelAiExportOptions = AdapterExportOptions;
