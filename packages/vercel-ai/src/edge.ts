// Edge / browser entry: no price table (about 2 MB); events are priced by PostHog or the server.
export { vercelAiNormalizer, VERCEL_AI_NORMALIZERS } from './normalize-vercel-ai';
export { PostHogSpanProcessor, PostHogTraceExporter } from './export/edge-export';
export type { VercelAiExportOptions } from './export/types';
export {
  posthogTelemetry,
  type AiSdkTelemetrySettings,
  type PostHogTelemetryOptions,
} from './telemetry-settings';
export type { EventStage, ExportResultLike, ProcessorSpan } from '@llm-analytics/core';
