export { priceEvent } from './price-event';
export { createPricer } from './create-pricer';
export { toPriceProviderId } from './provider-aliases';
export type { ModelPriceOverride, PricingOptions } from './types';
export { resolvePriceStage } from './resolve-price-stage';
