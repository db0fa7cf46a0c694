// Edge / browser entry: no price table (about 2 MB); events are priced by PostHog or the server.
export { vercelAiIntegration } from './integration';
export { vercelAiNormalizer } from './normalize-vercel-ai';
export { PostHogSpanProcessor } from './edge/span-processor';
export { PostHogTraceExporter } from './edge/trace-exporter';
export type { VercelAiExportOptions } from './types';
export {
  posthogTelemetry,
  type AiSdkTelemetrySettings,
  type PostHogTelemetryOptions,
} from './telemetry-settings';
export type * from '@llm-analytics/core/types';
