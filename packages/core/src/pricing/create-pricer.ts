import type { AiEvent } from '../types';
import { priceEventWithCache } from './price-event';
import { TableMatchCache } from './price-table';
import type { PricingOptions } from './types';

/** A pricing stage with its own memo of price-table lookups: `(event) => pricedEvent`. */
export function createPricer(options: PricingOptions = {}): (event: AiEvent) => AiEvent {
  const cache = new TableMatchCache();
  return (event) => priceEventWithCache(event, options, cache);
}
