import { OPENINFERENCE_NORMALIZERS } from '@llm-analytics/openinference';
import { TRACELOOP_NORMALIZERS } from '@llm-analytics/traceloop';
import { VERCEL_AI_NORMALIZERS } from '@llm-analytics/vercel-ai';
import type { Normalizer } from '@llm-analytics/core';

/**
 * Every adapter's normalizer, so what the server stores from OTLP is exactly what each SDK
 * would have sent. Each one claims only its own framework's spans (by scope or namespace),
 * so their order only matters for spans two frameworks both touched.
 */
export const DEFAULT_NORMALIZERS: readonly Normalizer[] = [
  ...VERCEL_AI_NORMALIZERS,
  ...TRACELOOP_NORMALIZERS,
  ...OPENINFERENCE_NORMALIZERS,
];
