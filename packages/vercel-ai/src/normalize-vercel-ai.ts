import { VERCEL_OPERATION_ID, type Normalizer, type SpanRecord } from '@llm-analytics/core';
import { normalizeVercelV6 } from './v6/normalize-v6';
import { isVercelV7Span, normalizeVercelV7 } from './v7/normalize-v7';

function isVercelV6Span(span: SpanRecord): boolean {
  return typeof span.attributes[VERCEL_OPERATION_ID] === 'string';
}

/**
 * The Vercel AI SDK normalizer: AI SDK 6 `ai.*` spans (and AI SDK 7's
 * `LegacyOpenTelemetry`) by their `ai.operationId`, AI SDK 7 `@ai-sdk/otel` spans by their
 * `gen_ai` scope. Runs before the core's OTel GenAI normalizer, whose `gen_ai.*` reading
 * fills what this one leaves out.
 */
export const vercelAiNormalizer: Normalizer = {
  name: 'vercel-ai',
  matches: (span) => isVercelV6Span(span) || isVercelV7Span(span),
  normalize: (span) => (isVercelV6Span(span) ? normalizeVercelV6(span) : normalizeVercelV7(span)),
};

/** Every normalizer of this package, for `mapSpans` / the processor's `normalizers` option. */
export const VERCEL_AI_NORMALIZERS: readonly Normalizer[] = [vercelAiNormalizer];
