/**
 * Event property keys only the pricing stage reads or writes. The shared `$ai_*` keys come
 * from `semconv/posthog`; these stay here because nothing else in core uses them.
 */

/** Custom USD price per fresh input token, set by the user on the event. */
export const INPUT_TOKEN_PRICE = '$ai_input_token_price' as const;
/** Custom USD price per output token. */
export const OUTPUT_TOKEN_PRICE = '$ai_output_token_price' as const;
/** Custom USD price per cache-read input token (defaults to the input price). */
export const CACHE_READ_TOKEN_PRICE = '$ai_cache_read_token_price' as const;
/** Custom USD price per cache-write input token (defaults to the input price). */
export const CACHE_WRITE_TOKEN_PRICE = '$ai_cache_write_token_price' as const;
/** Provider id of the price-table entry that priced the event. */
export const COST_PROVIDER = '$ai_cost_provider' as const;
/** Model id of the price-table entry that priced the event. */
export const COST_MODEL = '$ai_cost_model' as const;
