import type { Context } from '@opentelemetry/api';
import {
  PostHogSpanProcessor as CorePostHogSpanProcessor,
  type ProcessorSpan,
} from '@llm-analytics/core';
import { resolveNodeAdapterOptions } from '@llm-analytics/core/node-spool';
import { createPricer } from '@llm-analytics/core/pricing';
import { traceloopIntegration } from './integration';
import { logger } from './logger';
import { flagStreamedSpan } from './stream-tag';
import type { TraceloopExportOptions } from './types';

/**
 * The core `PostHogSpanProcessor` with the Traceloop integration and events priced
 * offline. Also flags the streamed calls of clients passed to `tagStreamedCalls`.
 * Works in `initialize({ processor })`, `traceloopOptions()` and `NodeSDK({ spanProcessors })`.
 */
export class PostHogSpanProcessor extends CorePostHogSpanProcessor {
  constructor(options: TraceloopExportOptions = {}) {
    super(
      resolveNodeAdapterOptions(options, {
        integration: traceloopIntegration,
        defaultPrice: createPricer,
      }),
    );
  }

  override onStart(span: ProcessorSpan, parentContext?: Context): void {
    if (this.enabled) {
      try {
        flagStreamedSpan(span, parentContext);
      } catch (error) {
        // Only the stream flag is lost; the span is still exported.
        logger.debug(`could not flag a streamed span: ${String(error)}`);
      }
    }
    super.onStart(span, parentContext);
  }
}
