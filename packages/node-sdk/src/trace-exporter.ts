import {
  PostHogTraceExporter as CorePostHogTraceExporter,
  resolveAdapterOptions,
} from '@llm-analytics/core';
import { createPricer } from '@llm-analytics/core/pricing';
import type { NodeSdkExportOptions } from './types';

/**
 * Core's `PostHogTraceExporter` (for setups that take an exporter) with events priced
 * in-process by default (`price: false` to opt out).
 */
export class PostHogTraceExporter extends CorePostHogTraceExporter {
  constructor(options: NodeSdkExportOptions = {}) {
    super(resolveAdapterOptions(options, { defaultPrice: createPricer }));
  }
}
