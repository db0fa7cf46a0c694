import type { NodeAdapterExportOptions } from '@llm-analytics/core/node-spool';

/**
 * Options of this package's `PostHogSpanProcessor` and `PostHogTraceExporter`: every adapter's
 * options, priced offline by default (`price: false` to opt out), with a file spool when
 * `spoolDir` is set. Costs the instrumentation
 * recorded (`llm.cost.*`) always win.
 */
export type OpenInferenceExportOptions = NodeAdapterExportOptions;
