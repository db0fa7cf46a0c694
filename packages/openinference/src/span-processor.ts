import { PostHogSpanProcessor as CorePostHogSpanProcessor } from '@llm-analytics/core';
import { withOpenInferenceDefaults } from './export-options';
import type { OpenInferenceExportOptions } from './types';

/**
 * The core `PostHogSpanProcessor` with the OpenInference normalizer registered and events
 * priced offline: add it to `NodeSDK({ spanProcessors })` or a `NodeTracerProvider` next to
 * any `@arizeai/openinference-instrumentation-*`.
 */
export class PostHogSpanProcessor extends CorePostHogSpanProcessor {
  constructor(options: OpenInferenceExportOptions = {}) {
    super(withOpenInferenceDefaults(options));
  }
}
