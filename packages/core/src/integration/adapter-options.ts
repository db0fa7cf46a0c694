import { diag } from '@opentelemetry/api';
import type { PostHogExportOptions } from '../export/types';
import type { EventStage } from '../pipeline/spans-to-events';
import type { Integration } from './define-integration';

const logger = diag.createComponentLogger({ namespace: '@llm-analytics/core/adapter' });

/**
 * Options of every adapter's `PostHogSpanProcessor`, `PostHogTraceExporter` and setup helper:
 * core's options, with `price: false` to send events unpriced (PostHog or the server price them).
 */
export interface AdapterExportOptions extends Omit<PostHogExportOptions, 'price'> {
  /**
   * Pricing stage. Node entries default to `createPricer()` from `@llm-analytics/core/pricing`
   * (the offline `@pydantic/genai-prices` table); edge and browser entries to none, so the
   * table stays out of the bundle. `false` sends events unpriced everywhere.
   */
  price?: EventStage | false;
}

/** What an adapter adds to the caller's options. */
export interface AdapterDefaults {
  /** The adapter's framework, mapped after the caller's integrations. */
  integration?: Integration;
  /** The pricer when the caller gives none (Node entries: `createPricer`). */
  defaultPrice?: () => EventStage;
}

function defaultPrice(defaults: AdapterDefaults): EventStage | undefined {
  try {
    return defaults.defaultPrice?.();
  } catch (error) {
    logger.error(`the price table could not be loaded; events are sent unpriced: ${String(error)}`);
    return undefined;
  }
}

/**
 * The caller's options with the adapter's integration and default pricing applied: the one
 * option resolution every adapter uses. Never throws: unreadable options fall back to the
 * defaults, so the core reports the missing token instead of the application crashing.
 */
export function resolveAdapterOptions(
  options: AdapterExportOptions | undefined,
  defaults: AdapterDefaults = {},
): PostHogExportOptions {
  const own = defaults.integration ? [defaults.integration] : [];
  try {
    const { price, integrations, ...rest } = options ?? {};
    if (integrations !== undefined && !Array.isArray(integrations))
      logger.error("`integrations` must be an array; only the adapter's own is used");
    const resolved: PostHogExportOptions = {
      ...rest,
      integrations: [...(Array.isArray(integrations) ? integrations : []), ...own],
    };
    if (typeof price === 'function') resolved.price = price;
    else if (price !== false && defaults.defaultPrice) resolved.price = defaultPrice(defaults);
    return resolved;
  } catch (error) {
    logger.error(`unreadable options; using the defaults: ${String(error)}`);
    return { integrations: own };
  }
}
