import {
  PostHogSpanProcessor as CorePostHogSpanProcessor,
  resolveAdapterOptions,
} from '@llm-analytics/core';
import { createPricer } from '@llm-analytics/core/pricing';
import { vercelAiIntegration } from './integration';
import type { VercelAiExportOptions } from './types';

/**
 * Core's `PostHogSpanProcessor` with the AI SDK integration, events priced in-process
 * (`price: false` to opt out). `NodeSDK({ spanProcessors: [new PostHogSpanProcessor()] })`.
 */
export class PostHogSpanProcessor extends CorePostHogSpanProcessor {
  constructor(options: VercelAiExportOptions = {}) {
    // Node has no bundle-size concern, so the ~2 MB offline price table is worth loading here.
    super(
      resolveAdapterOptions(options, {
        integration: vercelAiIntegration,
        defaultPrice: createPricer,
      }),
    );
  }
}
