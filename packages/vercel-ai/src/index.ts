// Node entry: events priced in-process. Edge runtimes and browsers resolve `./edge.ts` instead.
export { vercelAiIntegration } from './integration';
export { vercelAiNormalizer } from './normalize-vercel-ai';
export { PostHogSpanProcessor } from './span-processor';
export { PostHogTraceExporter } from './trace-exporter';
export type { VercelAiExportOptions } from './types';
export type { VercelAiNodeExportOptions } from './node-types';
export {
  posthogTelemetry,
  type AiSdkTelemetrySettings,
  type PostHogTelemetryOptions,
} from './telemetry-settings';
export type * from '@llm-analytics/core/types';
export {
  createPricer,
  type ModelPriceOverride,
  type PricingOptions,
} from '@llm-analytics/core/pricing';
