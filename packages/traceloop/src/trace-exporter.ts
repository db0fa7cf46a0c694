import { PostHogTraceExporter as CorePostHogTraceExporter } from '@llm-analytics/core';
import { withTraceloopDefaults } from './export-options';
import type { TraceloopExportOptions } from './types';

/**
 * The core `PostHogTraceExporter` with the Traceloop normalizer registered and events priced
 * offline, for setups that take an exporter (`createSpanProcessor({ exporter })`, a
 * `BatchSpanProcessor` of your own).
 */
export class PostHogTraceExporter extends CorePostHogTraceExporter {
  constructor(options: TraceloopExportOptions = {}) {
    super(withTraceloopDefaults(options));
  }
}
