import { PostHogTraceExporter as CorePostHogTraceExporter } from '@llm-analytics/core';
import { resolveNodeAdapterOptions } from '@llm-analytics/core/node-spool';
import { createPricer } from '@llm-analytics/core/pricing';
import { openInferenceIntegration } from './integration';
import type { OpenInferenceExportOptions } from './types';

/**
 * The core `PostHogTraceExporter` with the OpenInference integration and events
 * priced offline, for setups that take an exporter (a `BatchSpanProcessor` of your own,
 * `registerOTel`).
 */
export class PostHogTraceExporter extends CorePostHogTraceExporter {
  constructor(options: OpenInferenceExportOptions = {}) {
    super(
      resolveNodeAdapterOptions(options, {
        integration: openInferenceIntegration,
        defaultPrice: createPricer,
      }),
    );
  }
}
