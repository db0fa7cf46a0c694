import {
  PostHogSpanProcessor as CorePostHogSpanProcessor,
  PostHogTraceExporter as CorePostHogTraceExporter,
} from '@llm-analytics/core';
import { withVercelAiDefaults } from './resolve-options';
import type { VercelAiExportOptions } from './types';

/**
 * Core's `PostHogSpanProcessor` with the AI SDK normalizer, unpriced unless `price` is given
 * (no price table in edge bundles). `NodeSDK({ spanProcessors: [...] })`, any tracer provider.
 */
export class PostHogSpanProcessor extends CorePostHogSpanProcessor {
  constructor(options: VercelAiExportOptions = {}) {
    super(withVercelAiDefaults(options));
  }
}

/**
 * Core's `PostHogTraceExporter` with the AI SDK normalizer, unpriced unless `price` is given.
 * `registerOTel({ serviceName, traceExporter: new PostHogTraceExporter() })` from `@vercel/otel`.
 */
export class PostHogTraceExporter extends CorePostHogTraceExporter {
  constructor(options: VercelAiExportOptions = {}) {
    super(withVercelAiDefaults(options));
  }
}
