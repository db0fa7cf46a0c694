// Node entry: events priced in-process. Edge runtimes and browsers resolve `./edge.ts` instead.
export { vercelAiNormalizer, VERCEL_AI_NORMALIZERS } from './normalize-vercel-ai';
export {
  PostHogSpanProcessor,
  PostHogTraceExporter,
  type VercelAiNodeExportOptions,
} from './export/node-export';
export type { VercelAiExportOptions } from './export/types';
export {
  posthogTelemetry,
  type AiSdkTelemetrySettings,
  type PostHogTelemetryOptions,
} from './telemetry-settings';
export type { EventStage, ExportResultLike, ProcessorSpan } from '@llm-analytics/core';
export {
  createPricer,
  type ModelPriceOverride,
  type PricingOptions,
} from '@llm-analytics/core/pricing';
