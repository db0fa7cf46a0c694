/**
 * Vercel AI SDK attribute keys: the `ai.*` keys of AI SDK 6 (`experimental_telemetry`, and
 * `LegacyOpenTelemetry` in AI SDK 7) and what AI SDK 7's `@ai-sdk/otel` adds to `gen_ai.*`.
 * Every name carries the `VERCEL_` prefix so it cannot collide with the PostHog names
 * (`AI_EMBEDDING` is `$ai_embedding`) or another framework's constants.
 */

// --- scopes ---
/** Instrumentation scope of AI SDK 6 spans (the global tracer `ai`). */
export const VERCEL_AI_V6_SCOPE = 'ai' as const;
/** Instrumentation scope of AI SDK 7 spans (`@ai-sdk/otel`). */
export const VERCEL_AI_V7_SCOPE = 'gen_ai' as const;

// --- operation and naming (every v6 span) ---
/** Operation id: `ai.generateText`, `ai.generateText.doGenerate`, `ai.toolCall`, … */
export const VERCEL_OPERATION_ID = 'ai.operationId' as const;
/** `telemetry.functionId` given by the application. */
export const VERCEL_TELEMETRY_FUNCTION_ID = 'ai.telemetry.functionId' as const;
/** Prefix of `telemetry.metadata` entries: `ai.telemetry.metadata.<key>`. */
export const VERCEL_TELEMETRY_METADATA_PREFIX = 'ai.telemetry.metadata.' as const;
/** Operation id plus function id (`ai.generateText my-function`), a copy for APM tools. */
export const VERCEL_OPERATION_NAME = 'operation.name' as const;
/** The function id again, for APM tools. */
export const VERCEL_RESOURCE_NAME = 'resource.name' as const;

// --- model and settings ---
/** Provider id of the model: `openai.chat`, `openai.responses`, `openai.embedding`, … */
export const VERCEL_MODEL_PROVIDER = 'ai.model.provider' as const;
/** Model id requested. */
export const VERCEL_MODEL_ID = 'ai.model.id' as const;
/** Prefix of call settings: `ai.settings.<name>` (maxOutputTokens, temperature, topP, …). */
export const VERCEL_SETTINGS_PREFIX = 'ai.settings.' as const;
/** Output strategy of generateObject / streamObject: object, array, enum, no-schema. */
export const VERCEL_SETTINGS_OUTPUT = 'ai.settings.output' as const;
/** Prefix of request headers: `ai.request.headers.<name>` (user-agent `ai/<version>`). */
export const VERCEL_REQUEST_HEADERS_PREFIX = 'ai.request.headers.' as const;
/** User agent header, `ai/<version>` plus provider parts. */
export const VERCEL_REQUEST_HEADER_USER_AGENT = 'ai.request.headers.user-agent' as const;
/** AI SDK 7 runtime context (`runtimeContext: true`): `ai.settings.context.<key>`. */
export const VERCEL_SETTINGS_CONTEXT_PREFIX = 'ai.settings.context.' as const;

// --- prompt (input) ---
/** Outer span input, JSON `{system?, prompt?, messages?}`. */
export const VERCEL_PROMPT = 'ai.prompt' as const;
/** Inner (provider call) span input, JSON array of the provider-level prompt messages. */
export const VERCEL_PROMPT_MESSAGES = 'ai.prompt.messages' as const;
/** Tool definitions offered to the model, an array of JSON strings. */
export const VERCEL_PROMPT_TOOLS = 'ai.prompt.tools' as const;
/** Tool choice, JSON `{type: 'auto' | 'none' | 'required' | 'tool', toolName?}`. */
export const VERCEL_PROMPT_TOOL_CHOICE = 'ai.prompt.toolChoice' as const;
/** generateObject / streamObject JSON schema. */
export const VERCEL_SCHEMA = 'ai.schema' as const;
/** generateObject / streamObject schema name. */
export const VERCEL_SCHEMA_NAME = 'ai.schema.name' as const;
/** generateObject / streamObject schema description. */
export const VERCEL_SCHEMA_DESCRIPTION = 'ai.schema.description' as const;

// --- response (output) ---
/** Generated text. */
export const VERCEL_RESPONSE_TEXT = 'ai.response.text' as const;
/** Reasoning text. */
export const VERCEL_RESPONSE_REASONING = 'ai.response.reasoning' as const;
/** Tool calls, JSON array of `{toolCallId, toolName, input}` (input a string or an object). */
export const VERCEL_RESPONSE_TOOL_CALLS = 'ai.response.toolCalls' as const;
/** Generated object, JSON. */
export const VERCEL_RESPONSE_OBJECT = 'ai.response.object' as const;
/** Generated files. */
export const VERCEL_RESPONSE_FILES = 'ai.response.files' as const;
/** Finish reason: stop, length, tool-calls, content-filter, error, other. */
export const VERCEL_RESPONSE_FINISH_REASON = 'ai.response.finishReason' as const;
/** Response id. */
export const VERCEL_RESPONSE_ID = 'ai.response.id' as const;
/** Model that answered. */
export const VERCEL_RESPONSE_MODEL = 'ai.response.model' as const;
/** Response timestamp (ISO 8601). */
export const VERCEL_RESPONSE_TIMESTAMP = 'ai.response.timestamp' as const;
/** Provider metadata, JSON. */
export const VERCEL_RESPONSE_PROVIDER_METADATA = 'ai.response.providerMetadata' as const;
/** Time to first chunk of streamText, milliseconds. */
export const VERCEL_RESPONSE_MS_TO_FIRST_CHUNK = 'ai.response.msToFirstChunk' as const;
/** Time to the finish chunk of streamText, milliseconds. */
export const VERCEL_RESPONSE_MS_TO_FINISH = 'ai.response.msToFinish' as const;
/** Output tokens per second of streamText. */
export const VERCEL_RESPONSE_AVG_OUTPUT_TOKENS_PER_SECOND =
  'ai.response.avgOutputTokensPerSecond' as const;
/** Time to first chunk of streamObject, milliseconds (also on its firstChunk event). */
export const VERCEL_STREAM_MS_TO_FIRST_CHUNK = 'ai.stream.msToFirstChunk' as const;
/** Span event at the first streamed chunk. */
export const VERCEL_STREAM_FIRST_CHUNK_EVENT = 'ai.stream.firstChunk' as const;
/** Span event at the end of a stream. */
export const VERCEL_STREAM_FINISH_EVENT = 'ai.stream.finish' as const;

// --- usage ---
/** Input tokens (includes cached tokens). */
export const VERCEL_USAGE_INPUT_TOKENS = 'ai.usage.inputTokens' as const;
/** Output tokens (includes reasoning tokens). */
export const VERCEL_USAGE_OUTPUT_TOKENS = 'ai.usage.outputTokens' as const;
/** Total tokens. */
export const VERCEL_USAGE_TOTAL_TOKENS = 'ai.usage.totalTokens' as const;
/** Input tokens, older name (AI SDK 4; generateObject in AI SDK 6). */
export const VERCEL_USAGE_PROMPT_TOKENS = 'ai.usage.promptTokens' as const;
/** Output tokens, older name (AI SDK 4; generateObject in AI SDK 6). */
export const VERCEL_USAGE_COMPLETION_TOKENS = 'ai.usage.completionTokens' as const;
/** Cached input tokens (AI SDK 5 name, still set by 6). */
export const VERCEL_USAGE_CACHED_INPUT_TOKENS = 'ai.usage.cachedInputTokens' as const;
/** Reasoning tokens (AI SDK 5 name, still set by 6). */
export const VERCEL_USAGE_REASONING_TOKENS = 'ai.usage.reasoningTokens' as const;
/** Input tokens not served from the cache. */
export const VERCEL_USAGE_INPUT_NO_CACHE_TOKENS =
  'ai.usage.inputTokenDetails.noCacheTokens' as const;
/** Input tokens read from the cache. */
export const VERCEL_USAGE_INPUT_CACHE_READ_TOKENS =
  'ai.usage.inputTokenDetails.cacheReadTokens' as const;
/** Input tokens written to the cache. */
export const VERCEL_USAGE_INPUT_CACHE_WRITE_TOKENS =
  'ai.usage.inputTokenDetails.cacheWriteTokens' as const;
/** Output tokens that are text. */
export const VERCEL_USAGE_OUTPUT_TEXT_TOKENS = 'ai.usage.outputTokenDetails.textTokens' as const;
/** Output tokens that are reasoning. */
export const VERCEL_USAGE_OUTPUT_REASONING_TOKENS =
  'ai.usage.outputTokenDetails.reasoningTokens' as const;
/** Embedding tokens. */
export const VERCEL_USAGE_TOKENS = 'ai.usage.tokens' as const;

// --- tools ---
/** Name of the executed tool. */
export const VERCEL_TOOL_CALL_NAME = 'ai.toolCall.name' as const;
/** Tool call id. */
export const VERCEL_TOOL_CALL_ID = 'ai.toolCall.id' as const;
/** Tool arguments, JSON. */
export const VERCEL_TOOL_CALL_ARGS = 'ai.toolCall.args' as const;
/** Tool result, JSON. */
export const VERCEL_TOOL_CALL_RESULT = 'ai.toolCall.result' as const;

// --- embeddings ---
/** embed input value, JSON. */
export const VERCEL_VALUE = 'ai.value' as const;
/** embedMany / doEmbed input values, an array of JSON strings. */
export const VERCEL_VALUES = 'ai.values' as const;
/** embed output vector, JSON. */
export const VERCEL_EMBEDDING = 'ai.embedding' as const;
/** embedMany / doEmbed output vectors, an array of JSON strings. */
export const VERCEL_EMBEDDINGS = 'ai.embeddings' as const;

// --- AI SDK 7 (`@ai-sdk/otel`) additions to gen_ai.* ---
/** Operation name of the `step N` spans. */
export const VERCEL_AGENT_STEP_OPERATION = 'agent_step' as const;
/** Duration of a model call in seconds (the span's own latency). */
export const VERCEL_GEN_AI_CLIENT_OPERATION_DURATION = 'gen_ai.client.operation.duration' as const;
/** Mean time between streamed chunks in seconds. */
export const VERCEL_GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK =
  'gen_ai.client.operation.time_per_output_chunk' as const;
/** Duration of the inference in seconds. */
export const VERCEL_GEN_AI_CLIENT_INFERENCE_DURATION = 'gen_ai.client.inference.duration' as const;
/** Duration of a tool execution in seconds. */
export const VERCEL_GEN_AI_EXECUTE_TOOL_DURATION = 'gen_ai.execute_tool.duration' as const;

/** AI SDK 6 operation ids (`ai.operationId`, also the span names). */
export const VercelAiOperation = {
  generateText: 'ai.generateText',
  streamText: 'ai.streamText',
  generateObject: 'ai.generateObject',
  streamObject: 'ai.streamObject',
  embed: 'ai.embed',
  embedMany: 'ai.embedMany',
  toolCall: 'ai.toolCall',
  /** Suffix of the provider calls of text and object generation (`ai.generateText.doGenerate`). */
  doGenerateSuffix: '.doGenerate',
  /** Suffix of the streamed provider calls (`ai.streamText.doStream`). */
  doStreamSuffix: '.doStream',
  /** Suffix of the embedding provider calls (`ai.embed.doEmbed`, `ai.embedMany.doEmbed`). */
  doEmbedSuffix: '.doEmbed',
} as const;

/** Identity keys looked for in `ai.telemetry.metadata.*` and `ai.settings.context.*`. */
export const VercelAiIdentityKey = {
  posthogDistinctId: 'posthog_distinct_id',
  userId: ['userId', 'user_id'],
  sessionId: ['sessionId', 'session_id'],
  conversationId: ['conversationId', 'conversation_id'],
} as const;
