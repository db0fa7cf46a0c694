import {
  PostHogSpanProcessor as CorePostHogSpanProcessor,
  PostHogTraceExporter as CorePostHogTraceExporter,
} from '@llm-analytics/core';
import { withFileSpool, type NodeSpoolOptions } from '@llm-analytics/core/node-spool';
import { createPricer } from '@llm-analytics/core/pricing';
import { withVercelAiDefaults } from './resolve-options';
import type { VercelAiExportOptions } from './types';

// Node has no bundle-size concern, so the ~2 MB offline price table is worth loading here;
// the edge entry leaves it out.
const nodePricer = () => createPricer();

/** The AI SDK defaults, and a file spool when `spoolDir` is set. */
function withNodeSpool(options: VercelAiNodeExportOptions | undefined) {
  return withFileSpool({
    ...withVercelAiDefaults(options, nodePricer),
    spoolDir: options?.spoolDir,
    spoolMaxBytes: options?.spoolMaxBytes,
  });
}

/** The Node entry's options: the edge entry's, plus `spoolDir` (files need Node). */
export type VercelAiNodeExportOptions = VercelAiExportOptions & NodeSpoolOptions;

/**
 * Core's `PostHogSpanProcessor` with the AI SDK normalizer, events priced in-process
 * (`price: false` to opt out). `NodeSDK({ spanProcessors: [new PostHogSpanProcessor()] })`.
 */
export class PostHogSpanProcessor extends CorePostHogSpanProcessor {
  constructor(options: VercelAiNodeExportOptions = {}) {
    super(withNodeSpool(options));
  }
}

/**
 * Core's `PostHogTraceExporter` with the AI SDK normalizer, events priced in-process
 * (`price: false` to opt out). `registerOTel({ traceExporter: new PostHogTraceExporter() })`.
 */
export class PostHogTraceExporter extends CorePostHogTraceExporter {
  constructor(options: VercelAiNodeExportOptions = {}) {
    super(withNodeSpool(options));
  }
}
