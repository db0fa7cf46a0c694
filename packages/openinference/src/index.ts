export { openInferenceIntegration } from './integration';
export { normalizeOpenInference, openInferenceNormalizer } from './normalize-openinference';
export { PostHogSpanProcessor } from './span-processor';
export { PostHogTraceExporter } from './trace-exporter';
export type { OpenInferenceExportOptions } from './types';
export { TAGS_PROPERTY } from './context';
export type * from '@llm-analytics/core/types';
export {
  createPricer,
  type ModelPriceOverride,
  type PricingOptions,
} from '@llm-analytics/core/pricing';
