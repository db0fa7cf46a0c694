import { PostHogTraceExporter as CorePostHogTraceExporter } from '@llm-analytics/core';
import { withOpenInferenceDefaults } from './export-options';
import type { OpenInferenceExportOptions } from './types';

/**
 * The core `PostHogTraceExporter` with the OpenInference normalizer registered and events
 * priced offline, for setups that take an exporter (a `BatchSpanProcessor` of your own,
 * `registerOTel`).
 */
export class PostHogTraceExporter extends CorePostHogTraceExporter {
  constructor(options: OpenInferenceExportOptions = {}) {
    super(withOpenInferenceDefaults(options));
  }
}
