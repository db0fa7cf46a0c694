/**
 * The `$ai_*` event names and property keys the UI reads: core's semconv, the one place they
 * are spelled (lint rejects them elsewhere). Constants only, so the bundle keeps just these.
 */
export {
  AI_EMBEDDING,
  AI_EVALUATION,
  AI_FEEDBACK,
  AI_GENERATION,
  AI_METRIC,
  AI_SPAN,
  AI_TRACE,
  P,
} from '@llm-analytics/core/semconv';
