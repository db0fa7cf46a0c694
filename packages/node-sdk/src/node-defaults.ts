import type { PostHogExportOptions } from '@llm-analytics/core';
import { withFileSpool } from '@llm-analytics/core/node-spool';
import { resolvePriceStage } from '@llm-analytics/core/pricing';
import type { NodeSdkExportOptions } from './types';

/** Core options with the Node defaults applied: priced in-process unless `price: false`, a file spool with `spoolDir`. */
export function withNodeDefaults(options: NodeSdkExportOptions | undefined): PostHogExportOptions {
  const { price, warnOnUninstrumentedCalls: _warn, ...rest } = options ?? {};
  // Node has no bundle-size concern, so the 2 MB price table is worth loading here.
  return withFileSpool({ ...rest, price: resolvePriceStage(price) });
}
