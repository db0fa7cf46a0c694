import { PostHogTraceExporter as CorePostHogTraceExporter } from '@llm-analytics/core';
import { resolveNodeAdapterOptions } from '@llm-analytics/core/node-spool';
import { createPricer } from '@llm-analytics/core/pricing';
import type { NodeSdkExportOptions } from './types';

/**
 * Core's `PostHogTraceExporter` (for setups that take an exporter) with events priced
 * in-process by default (`price: false` to opt out).
 */
export class PostHogTraceExporter extends CorePostHogTraceExporter {
  constructor(options: NodeSdkExportOptions = {}) {
    super(resolveNodeAdapterOptions(options, { defaultPrice: createPricer }));
  }
}
