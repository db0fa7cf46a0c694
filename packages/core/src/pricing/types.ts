/** Public option types of the pricing entry point (`@llm-analytics/core/pricing`). */

/** Prices of one model in USD per million tokens. */
export interface ModelPriceOverride {
  /** Fresh (uncached) input tokens. */
  input: number;
  /** Output tokens, reasoning included. */
  output: number;
  /** Cache-read input tokens; defaults to `input`. */
  cacheRead?: number;
  /** Cache-write (cache creation) input tokens; defaults to `input`. */
  cacheWrite?: number;
}

export interface PricingOptions {
  /**
   * Per-model prices in USD per million tokens, keyed by `$ai_model` (exact, then
   * case-insensitive). They win over the bundled price table, and lose to per-token prices
   * carried by the event itself.
   */
  modelPrices?: Record<string, ModelPriceOverride>;
}
