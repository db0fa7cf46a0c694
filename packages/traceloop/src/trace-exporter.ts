import { PostHogTraceExporter as CorePostHogTraceExporter } from '@llm-analytics/core';
import { resolveNodeAdapterOptions } from '@llm-analytics/core/node-spool';
import { createPricer } from '@llm-analytics/core/pricing';
import { traceloopIntegration } from './integration';
import type { TraceloopExportOptions } from './types';

/**
 * The core `PostHogTraceExporter` with the Traceloop integration and events priced
 * offline, for setups that take an exporter (`createSpanProcessor({ exporter })`, a
 * `BatchSpanProcessor` of your own).
 */
export class PostHogTraceExporter extends CorePostHogTraceExporter {
  constructor(options: TraceloopExportOptions = {}) {
    super(
      resolveNodeAdapterOptions(options, {
        integration: traceloopIntegration,
        defaultPrice: createPricer,
      }),
    );
  }
}
