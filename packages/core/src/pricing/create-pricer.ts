import type { AiEvent } from '../types';
import { withInPlaceVariant } from '../pipeline/in-place-stage';
import { priceEventInPlace, priceEventWithCache } from './price-event';
import { TableMatchCache } from './price-table';
import type { PricingOptions } from './types';

/** A pricing stage with its own memo of price-table lookups: `(event) => pricedEvent`. */
export function createPricer(options: PricingOptions = {}): (event: AiEvent) => AiEvent {
  const cache = new TableMatchCache();
  // The mapping pipeline owns the events it builds: it prices them without a copy.
  return withInPlaceVariant(
    (event: AiEvent) => priceEventWithCache(event, options, cache),
    (event) => priceEventInPlace(event, options, cache),
  );
}
