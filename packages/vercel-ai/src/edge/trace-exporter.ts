import {
  PostHogTraceExporter as CorePostHogTraceExporter,
  resolveAdapterOptions,
} from '@llm-analytics/core';
import { vercelAiIntegration } from '../integration';
import type { VercelAiExportOptions } from '../types';

/**
 * Core's `PostHogTraceExporter` with the AI SDK integration, unpriced unless `price` is given.
 * `registerOTel({ serviceName, traceExporter: new PostHogTraceExporter() })` from `@vercel/otel`.
 */
export class PostHogTraceExporter extends CorePostHogTraceExporter {
  constructor(options: VercelAiExportOptions = {}) {
    super(resolveAdapterOptions(options, { integration: vercelAiIntegration }));
  }
}
