import { type Normalizer, type SpanRecord } from '@llm-analytics/core';
import { VERCEL_OPERATION_ID } from '@llm-analytics/core/semconv';
import { normalizeVercelV6 } from './v6/normalize-v6';
import { isVercelV7Span, normalizeVercelV7 } from './v7/normalize-v7';

function isVercelV6Span(span: SpanRecord): boolean {
  return typeof span.attributes[VERCEL_OPERATION_ID] === 'string';
}

/**
 * The Vercel AI SDK normalizer: AI SDK 6 `ai.*` spans (and AI SDK 7's
 * `LegacyOpenTelemetry`) by their `ai.operationId`, AI SDK 7 `@ai-sdk/otel` spans by their
 * `gen_ai` scope. Runs before the core's OTel GenAI normalizer, whose `gen_ai.*` reading
 * fills what this one leaves out, field by field (usage counts included).
 */
export const vercelAiNormalizer: Normalizer = {
  name: 'vercel-ai',
  matches: (span) => isVercelV6Span(span) || isVercelV7Span(span),
  normalize: (span) => (isVercelV6Span(span) ? normalizeVercelV6(span) : normalizeVercelV7(span)),
};
