import type { NodeAdapterExportOptions } from '@llm-analytics/core/node-spool';

/**
 * Options of the Node entry's `PostHogSpanProcessor` and `PostHogTraceExporter`: the edge
 * entry's, plus `spoolDir` (files need Node). Kept out of `types.ts`, which the edge entry reads.
 */
export type VercelAiNodeExportOptions = NodeAdapterExportOptions;
