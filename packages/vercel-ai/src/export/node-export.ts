import {
  PostHogSpanProcessor as CorePostHogSpanProcessor,
  PostHogTraceExporter as CorePostHogTraceExporter,
} from '@llm-analytics/core';
import { createPricer } from '@llm-analytics/core/pricing';
import { withVercelAiDefaults } from './resolve-options';
import type { VercelAiExportOptions } from './types';

// Node has no bundle-size concern, so the ~2 MB offline price table is worth loading here;
// the edge entry leaves it out.
const nodePricer = () => createPricer();

/**
 * Core's `PostHogSpanProcessor` with the AI SDK normalizer, events priced in-process
 * (`price: false` to opt out). `NodeSDK({ spanProcessors: [new PostHogSpanProcessor()] })`.
 */
export class PostHogSpanProcessor extends CorePostHogSpanProcessor {
  constructor(options: VercelAiExportOptions = {}) {
    super(withVercelAiDefaults(options, nodePricer));
  }
}

/**
 * Core's `PostHogTraceExporter` with the AI SDK normalizer, events priced in-process
 * (`price: false` to opt out). `registerOTel({ traceExporter: new PostHogTraceExporter() })`.
 */
export class PostHogTraceExporter extends CorePostHogTraceExporter {
  constructor(options: VercelAiExportOptions = {}) {
    super(withVercelAiDefaults(options, nodePricer));
  }
}
