import {
  createMapper,
  type EventStage,
  type Integration,
  type Mapper,
  type Normalizer,
} from '@llm-analytics/core';
import { createPricer, type PricingOptions } from '@llm-analytics/core/pricing';
import { DEFAULT_INTEGRATIONS } from './integrations';

/** How `serve` and `convert` map: the same options give the same events. */
export interface ServerMapperOptions {
  /** Default: every integration (`DEFAULT_INTEGRATIONS`). */
  integrations?: readonly Integration[];
  /** The user's own normalizers, run before the integrations'. */
  normalizers?: readonly Normalizer[];
  /** Per-model price overrides. */
  pricing?: PricingOptions;
  /** A ready pricing stage (the server shares one with its capture endpoints); wins over `pricing`. */
  price?: EventStage;
  privacyMode?: boolean;
}

/** The mapper of `serve` and `convert`: every integration, priced with the offline table. */
export function createServerMapper(options: ServerMapperOptions = {}): Mapper {
  return createMapper({
    integrations: options.integrations ?? DEFAULT_INTEGRATIONS,
    normalizers: options.normalizers,
    price: options.price ?? createPricer(options.pricing),
    ...(options.privacyMode ? { privacyMode: true } : {}),
  });
}
