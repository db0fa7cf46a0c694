import type { PostHogExportOptions } from '@llm-analytics/core';
import { withFileSpool } from '@llm-analytics/core/node-spool';
import { resolvePriceStage } from '@llm-analytics/core/pricing';
import { OPENINFERENCE_NORMALIZERS } from './normalize-openinference';
import type { OpenInferenceExportOptions } from './types';

/**
 * Core export options with the OpenInference normalizer first (then the caller's, then the
 * core's) and the offline pricer unless `price` is given or `false`; a file spool with `spoolDir`.
 */
export function withOpenInferenceDefaults(
  options: OpenInferenceExportOptions = {},
): PostHogExportOptions {
  const { price, normalizers, ...rest } = options ?? {};
  return withFileSpool({
    ...rest,
    normalizers: [...OPENINFERENCE_NORMALIZERS, ...(normalizers ?? [])],
    price: resolvePriceStage(price),
  });
}
