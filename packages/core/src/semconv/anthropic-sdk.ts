/**
 * Keys of the spans `@anthropic-ai/sdk` emits itself (scope `com.anthropic.sdk.typescript`,
 * `src/internal/tracing.ts`; seen in 0.137 against the mock server): `gen_ai.*` plus these.
 */

/** Instrumentation scope of the SDK's own spans. */
export const ANTHROPIC_SDK_SCOPE = 'com.anthropic.sdk.typescript' as const;
/** Cache writes: the SDK's spelling (the spec says `gen_ai.usage.cache_creation.input_tokens`). */
export const ANTHROPIC_SDK_USAGE_CACHE_WRITE_INPUT_TOKENS =
  'gen_ai.usage.cache_write.input_tokens' as const;
/** Cache writes with a 5-minute lifetime. */
export const ANTHROPIC_SDK_CACHE_CREATION_5M =
  'anthropic.usage.cache_creation.ephemeral_5m_input_tokens' as const;
/** Cache writes with a 1-hour lifetime. */
export const ANTHROPIC_SDK_CACHE_CREATION_1H =
  'anthropic.usage.cache_creation.ephemeral_1h_input_tokens' as const;
/** `stop_reason` of the message. */
export const ANTHROPIC_SDK_STOP_REASON = 'anthropic.message.stop_reason' as const;
/** `request-id` response header. */
export const ANTHROPIC_SDK_REQUEST_ID = 'anthropic.request.id' as const;
/** Service tier that answered. */
export const ANTHROPIC_SDK_SERVICE_TIER = 'anthropic.response.service_tier' as const;
