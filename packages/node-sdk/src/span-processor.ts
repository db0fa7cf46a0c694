import {
  isAISpan,
  PostHogSpanProcessor as CorePostHogSpanProcessor,
  resolveAdapterOptions,
  type ProcessorSpan,
} from '@llm-analytics/core';
import { createPricer } from '@llm-analytics/core/pricing';
import type { NodeSdkExportOptions } from './types';
import { uninstrumentedCallMonitor } from './uninstrumented-calls';

/**
 * Core's `PostHogSpanProcessor` with the Node defaults: events priced in-process
 * (`price: false` to opt out), and one warning when LLM calls go uninstrumented.
 * Use it in `NodeSDK({ spanProcessors })`, or get it from `createPostHogProcessors()`.
 */
export class PostHogSpanProcessor extends CorePostHogSpanProcessor {
  private monitored: boolean;

  constructor(options: NodeSdkExportOptions = {}) {
    // Node has no bundle-size concern, so the 2 MB price table is worth loading here.
    super(resolveAdapterOptions(options, { defaultPrice: createPricer }));
    this.monitored = this.enabled && options?.warnOnUninstrumentedCalls !== false;
    if (this.monitored) uninstrumentedCallMonitor.attach();
  }

  /** The warning check at a flush point; it never throws into `forceFlush` or `shutdown`. */
  private checkForUninstrumentedCalls(detach: boolean): void {
    if (!this.monitored) return;
    try {
      uninstrumentedCallMonitor.check();
      if (detach) {
        // shutdown() is idempotent: detach once.
        this.monitored = false;
        uninstrumentedCallMonitor.detach();
      }
    } catch {
      // Only the warning is lost.
    }
  }

  override onEnd(span: ProcessorSpan): void {
    if (this.monitored && uninstrumentedCallMonitor.watching) {
      try {
        const scope = span.instrumentationScope?.name ?? span.instrumentationLibrary?.name;
        if (isAISpan(scope, span.attributes)) uninstrumentedCallMonitor.noteAiSpan();
      } catch {
        // Only the warning depends on it; core's onEnd reports unreadable spans.
      }
    }
    super.onEnd(span);
  }

  override forceFlush(): Promise<void> {
    this.checkForUninstrumentedCalls(false);
    return super.forceFlush();
  }

  override shutdown(): Promise<void> {
    this.checkForUninstrumentedCalls(true);
    return super.shutdown();
  }
}
