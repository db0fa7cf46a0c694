import type { AdapterExportOptions } from '@llm-analytics/core';

/**
 * Options of this package's `PostHogSpanProcessor` and `PostHogTraceExporter`: every adapter's
 * options, priced offline by default (`price: false` to opt out). Costs the instrumentation
 * recorded (`llm.cost.*`) always win.
 */
export type OpenInferenceExportOptions = AdapterExportOptions;
