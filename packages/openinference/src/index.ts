export {
  normalizeOpenInference,
  openInferenceNormalizer,
  OPENINFERENCE_NORMALIZERS,
} from './normalize-openinference';
export { TAGS_PROPERTY } from './context';
export { PostHogSpanProcessor } from './span-processor';
export { PostHogTraceExporter } from './trace-exporter';
export type { OpenInferenceExportOptions } from './types';
export type { AiEvent, Normalizer, PostHogExportOptions } from '@llm-analytics/core';
