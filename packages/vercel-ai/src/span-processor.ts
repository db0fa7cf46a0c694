import { PostHogSpanProcessor as CorePostHogSpanProcessor } from '@llm-analytics/core';
import { resolveNodeAdapterOptions } from '@llm-analytics/core/node-spool';
import { createPricer } from '@llm-analytics/core/pricing';
import { vercelAiIntegration } from './integration';
import type { VercelAiNodeExportOptions } from './node-types';

/**
 * Core's `PostHogSpanProcessor` with the AI SDK integration, events priced in-process
 * (`price: false` to opt out). `NodeSDK({ spanProcessors: [new PostHogSpanProcessor()] })`.
 */
export class PostHogSpanProcessor extends CorePostHogSpanProcessor {
  constructor(options: VercelAiNodeExportOptions = {}) {
    // Node has no bundle-size concern, so the ~2 MB offline price table is worth loading here.
    super(
      resolveNodeAdapterOptions(options, {
        integration: vercelAiIntegration,
        defaultPrice: createPricer,
      }),
    );
  }
}
