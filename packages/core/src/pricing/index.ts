export { priceEvent } from './price-event';
export { createPricer } from './create-pricer';
export { toPriceProviderId } from './provider-aliases';
export { inputIncludesCache } from './read-usage';
export type { ModelPriceOverride, PricingOptions } from './types';
export { resolvePriceStage } from './resolve-price-stage';
