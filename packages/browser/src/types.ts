import type { AdapterExportOptions } from '@llm-analytics/core';
import type {
  SDKRegistrationConfig,
  WebTracerConfig,
  WebTracerProvider,
} from '@opentelemetry/sdk-trace-web';
import type { PostHogSpanProcessor } from './span-processor';

/**
 * Options of the browser `PostHogSpanProcessor`: every adapter's (unpriced by default: the
 * price table stays out of the bundle), plus the page-unload flush.
 */
export interface BrowserExportOptions extends AdapterExportOptions {
  /**
   * Flush the queue with `fetch(..., { keepalive: true })`, falling back to
   * `navigator.sendBeacon`, on `pagehide` and when the page turns hidden (default true).
   */
  flushOnPageHide?: boolean;
}

/** Options of `setupLLMAnalytics`. */
export interface SetupLLMAnalyticsOptions extends BrowserExportOptions {
  /** Passed to `WebTracerProvider` (resource, sampler, span limits, more span processors). */
  tracerConfig?: WebTracerConfig;
  /**
   * Register the provider as the global one (default true). An object is passed to
   * `provider.register()` (context manager, propagator); false leaves registration to you.
   */
  register?: boolean | SDKRegistrationConfig;
}

/** What `setupLLMAnalytics` built. */
export interface LLMAnalytics {
  provider: WebTracerProvider;
  processor: PostHogSpanProcessor;
  /** Flush and stop: the provider's shutdown, which shuts the processor down too. */
  shutdown(): Promise<void>;
}
