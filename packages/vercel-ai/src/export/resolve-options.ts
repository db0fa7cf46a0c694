import { diag } from '@opentelemetry/api';
import type { EventStage, PostHogExportOptions } from '@llm-analytics/core';
import { VERCEL_AI_NORMALIZERS } from '../normalize-vercel-ai';
import type { VercelAiExportOptions } from './types';

const logger = diag.createComponentLogger({ namespace: '@llm-analytics/vercel-ai' });

/**
 * Core options with the AI SDK normalizer registered after the caller's own normalizers
 * (theirs run first; the core drops duplicates by name), and the pricing stage resolved:
 * the caller's stage, none for `price: false`, else `defaultPrice` (the Node entry's pricer).
 * Never throws: unreadable options fall back to the defaults, so the core reports the
 * missing token instead of the application crashing.
 */
export function withVercelAiDefaults(
  options: VercelAiExportOptions | undefined,
  defaultPrice?: () => EventStage,
): PostHogExportOptions {
  try {
    const { price, normalizers, ...rest } = options ?? {};
    const resolved: PostHogExportOptions = {
      ...rest,
      normalizers: [...(Array.isArray(normalizers) ? normalizers : []), ...VERCEL_AI_NORMALIZERS],
    };
    if (typeof price === 'function') resolved.price = price;
    else if (price !== false && defaultPrice) resolved.price = defaultPrice();
    return resolved;
  } catch (error) {
    logger.error(`unreadable options; using the defaults: ${String(error)}`);
    return { normalizers: VERCEL_AI_NORMALIZERS };
  }
}
