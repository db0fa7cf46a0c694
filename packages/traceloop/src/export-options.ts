import type { PostHogExportOptions } from '@llm-analytics/core';
import { withFileSpool } from '@llm-analytics/core/node-spool';
import { resolvePriceStage } from '@llm-analytics/core/pricing';
import { TRACELOOP_NORMALIZERS } from './normalize-traceloop';
import type { TraceloopExportOptions } from './types';

/**
 * Core export options with the Traceloop normalizer first (then the caller's, then the core's)
 * and the offline pricer unless `price` is given or `false`; a file spool with `spoolDir`.
 */
export function withTraceloopDefaults(options: TraceloopExportOptions = {}): PostHogExportOptions {
  const { price, normalizers, ...rest } = options ?? {};
  return withFileSpool({
    ...rest,
    normalizers: [...TRACELOOP_NORMALIZERS, ...(normalizers ?? [])],
    price: resolvePriceStage(price),
  });
}
