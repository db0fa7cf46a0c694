import { PostHogSpanProcessor as CorePostHogSpanProcessor } from '@llm-analytics/core';
import { resolveNodeAdapterOptions } from '@llm-analytics/core/node-spool';
import { createPricer } from '@llm-analytics/core/pricing';
import { openInferenceIntegration } from './integration';
import type { OpenInferenceExportOptions } from './types';

/**
 * The core `PostHogSpanProcessor` with the OpenInference integration and events
 * priced offline: add it to `NodeSDK({ spanProcessors })` or a `NodeTracerProvider` next to
 * any `@arizeai/openinference-instrumentation-*`.
 */
export class PostHogSpanProcessor extends CorePostHogSpanProcessor {
  constructor(options: OpenInferenceExportOptions = {}) {
    super(
      resolveNodeAdapterOptions(options, {
        integration: openInferenceIntegration,
        defaultPrice: createPricer,
      }),
    );
  }
}
