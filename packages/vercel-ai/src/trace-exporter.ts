import {
  PostHogTraceExporter as CorePostHogTraceExporter,
  resolveAdapterOptions,
} from '@llm-analytics/core';
import { createPricer } from '@llm-analytics/core/pricing';
import { vercelAiIntegration } from './integration';
import type { VercelAiExportOptions } from './types';

/**
 * Core's `PostHogTraceExporter` with the AI SDK integration, events priced in-process
 * (`price: false` to opt out). `registerOTel({ traceExporter: new PostHogTraceExporter() })`.
 */
export class PostHogTraceExporter extends CorePostHogTraceExporter {
  constructor(options: VercelAiExportOptions = {}) {
    super(
      resolveAdapterOptions(options, {
        integration: vercelAiIntegration,
        defaultPrice: createPricer,
      }),
    );
  }
}
