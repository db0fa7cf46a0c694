import {
  PostHogSpanProcessor as CorePostHogSpanProcessor,
  resolveAdapterOptions,
} from '@llm-analytics/core';
import { vercelAiIntegration } from '../integration';
import type { VercelAiExportOptions } from '../types';

/**
 * Core's `PostHogSpanProcessor` with the AI SDK integration, unpriced unless `price` is given
 * (no price table in edge bundles). `NodeSDK({ spanProcessors: [...] })`, any tracer provider.
 */
export class PostHogSpanProcessor extends CorePostHogSpanProcessor {
  constructor(options: VercelAiExportOptions = {}) {
    super(resolveAdapterOptions(options, { integration: vercelAiIntegration }));
  }
}
