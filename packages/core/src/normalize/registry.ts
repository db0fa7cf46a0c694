import { diag } from '@opentelemetry/api';
import type { NormalizedCall, Normalizer, PartialCall, SpanRecord } from '../types';
import { anthropicSdkNormalizer } from './anthropic-sdk';
import { commonNormalizer } from './common';
import { logfireNormalizer } from './logfire';
import { mergePartialCall } from './merge-call';
import { mlflowNormalizer } from './mlflow';
import { openlitNormalizer } from './openlit';
import { otelGenAiNormalizer } from './otel-genai';
import { pydanticAiNormalizer } from './pydantic-ai';

/**
 * The normalizers the core always runs, after any framework normalizers: those of the
 * frameworks that only reach us over OTLP (Python), then OTel GenAI, then the common keys.
 */
export const CORE_NORMALIZERS: readonly Normalizer[] = [
  pydanticAiNormalizer,
  logfireNormalizer,
  mlflowNormalizer,
  openlitNormalizer,
  anthropicSdkNormalizer,
  otelGenAiNormalizer,
  commonNormalizer,
];

const logger = diag.createComponentLogger({ namespace: '@llm-analytics/core/normalize' });

/**
 * The one normalizer order: the user's, then the integrations' (frameworks), then the core's.
 * A normalizer named twice runs once, at its first place.
 */
export function orderNormalizers(
  user: readonly Normalizer[] = [],
  frameworks: readonly Normalizer[] = [],
): Normalizer[] {
  const seen = new Set<string>();
  const out: Normalizer[] = [];
  for (const normalizer of [...user, ...frameworks, ...CORE_NORMALIZERS]) {
    if (seen.has(normalizer.name)) continue;
    seen.add(normalizer.name);
    out.push(normalizer);
  }
  return out;
}

export interface NormalizeResult {
  call: NormalizedCall;
  /** Name of the normalizer that decided the kind (the framework). */
  normalizer: string;
}

/**
 * Run every matching normalizer over a span and merge what they found. A normalizer that
 * throws is skipped and reported; the span still maps with what the others found.
 */
export function normalizeSpan(
  span: SpanRecord,
  normalizers: readonly Normalizer[],
): NormalizeResult {
  const call = { kind: undefined, consumedKeys: new Set<string>() } as unknown as NormalizedCall;
  const framework: { name?: string } = {};
  for (const normalizer of normalizers) {
    let partial: PartialCall | undefined;
    try {
      if (!normalizer.matches(span)) continue;
      partial = normalizer.normalize(span);
    } catch (error) {
      logger.warn(
        `normalizer "${normalizer.name}" failed on span ${span.spanId}: ${String(error)}`,
      );
      continue;
    }
    if (partial && mergePartialCall(call, partial)) framework.name ??= normalizer.name;
  }
  call.kind ??= 'span';
  return { call, normalizer: framework.name ?? 'generic' };
}
