/**
 * Pydantic Logfire keys (pydantic/logfire: `logfire/_internal/constants.py`,
 * `integrations/llm_providers/{openai,anthropic,llm_provider}.py`; the JS SDK `logfire` writes
 * the same `logfire.*` keys). Logfire is an OpenTelemetry distribution: its manual spans carry
 * only these keys, its LLM integrations add `gen_ai.*` plus raw request/response data.
 */

/** Instrumentation scope of Logfire's manual spans and logs (`otel_scope`). */
export const LOGFIRE_SCOPE = 'logfire' as const;
/** Scope of Logfire's OpenAI integration (`logfire.instrument_openai`). */
export const LOGFIRE_OPENAI_SCOPE = 'logfire.openai' as const;
/** Scope of Logfire's Anthropic integration (`logfire.instrument_anthropic`). */
export const LOGFIRE_ANTHROPIC_SCOPE = 'logfire.anthropic' as const;
/** Prefix of every Logfire key. */
export const LOGFIRE_PREFIX = 'logfire.' as const;

/** The span's message, its template with the attributes filled in. */
export const LOGFIRE_MSG = 'logfire.msg' as const;
/** The message template (`Chat Completion with {request_data[model]!r}`). */
export const LOGFIRE_MSG_TEMPLATE = 'logfire.msg_template' as const;
/** `span`, `log` (a zero-duration span), `pending_span`. */
export const LOGFIRE_SPAN_TYPE = 'logfire.span_type' as const;
/** JSON schema of the attributes Logfire serialised to JSON strings. */
export const LOGFIRE_JSON_SCHEMA = 'logfire.json_schema' as const;
/** Tags (`['LLM']` on the LLM integrations). */
export const LOGFIRE_TAGS = 'logfire.tags' as const;
/** Numeric log level. */
export const LOGFIRE_LEVEL_NUM = 'logfire.level_num' as const;

/** GenAI events as one attribute: a JSON array of `{event.name, role, content, tool_calls, …}`. */
export const LOGFIRE_EVENTS = 'events' as const;
/** The provider request body as sent (LLM integrations, semconv version 1). */
export const LOGFIRE_REQUEST_DATA = 'request_data' as const;
/** `{message, usage}` of the response; `{combined_chunk_content, chunk_count}` after a stream. */
export const LOGFIRE_RESPONSE_DATA = 'response_data' as const;
/** Whether the instrumented client was async. */
export const LOGFIRE_ASYNC = 'async' as const;
/** Seconds a stream took (on the `streaming response from …` log). */
export const LOGFIRE_DURATION = 'duration' as const;

/** Values of `logfire.span_type`. */
export const LogfireSpanType = { span: 'span', log: 'log', pendingSpan: 'pending_span' } as const;
