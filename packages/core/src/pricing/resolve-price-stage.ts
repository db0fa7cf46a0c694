import type { EventStage } from '../pipeline/spans-to-events';
import { createPricer } from './create-pricer';

/**
 * The pricing stage Node adapters default to: the caller's stage, none for `false`, else
 * the offline price table (Node has no bundle-size concern, so the table is worth loading).
 */
export function resolvePriceStage(price: EventStage | false | undefined): EventStage | undefined {
  if (price === false) return undefined;
  return price ?? createPricer();
}
