import { PostHogTraceExporter as CorePostHogTraceExporter } from '@llm-analytics/core';
import { withNodeDefaults } from './node-defaults';
import type { NodeSdkExportOptions } from './types';

/**
 * Core's `PostHogTraceExporter` (for setups that take an exporter) with events priced
 * in-process by default (`price: false` to opt out).
 */
export class PostHogTraceExporter extends CorePostHogTraceExporter {
  constructor(options: NodeSdkExportOptions = {}) {
    super(withNodeDefaults(options));
  }
}
