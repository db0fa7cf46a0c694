import { PostHogTraceExporter as CorePostHogTraceExporter } from '@llm-analytics/core';
import { resolveNodeAdapterOptions } from '@llm-analytics/core/node-spool';
import { createPricer } from '@llm-analytics/core/pricing';
import { vercelAiIntegration } from './integration';
import type { VercelAiNodeExportOptions } from './node-types';

/**
 * Core's `PostHogTraceExporter` with the AI SDK integration, events priced in-process
 * (`price: false` to opt out). `registerOTel({ traceExporter: new PostHogTraceExporter() })`.
 */
export class PostHogTraceExporter extends CorePostHogTraceExporter {
  constructor(options: VercelAiNodeExportOptions = {}) {
    super(
      resolveNodeAdapterOptions(options, {
        integration: vercelAiIntegration,
        defaultPrice: createPricer,
      }),
    );
  }
}
