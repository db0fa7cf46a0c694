/**
 * OpenLIT keys beyond the OTel GenAI spec (`sdk/python/src/openlit/semcov/__init__.py` and the
 * TypeScript SDK's `semantic-convention.ts` in openlit/openlit). OpenLIT writes `gen_ai.*`
 * names for its own extras too, so they are listed here with an `OPENLIT_` prefix.
 */

/** Prefix of OpenLIT's instrumentation scopes (Python: `openlit…`). */
export const OPENLIT_SCOPE_PREFIX = 'openlit' as const;
/** Prefix of the TypeScript SDK's scopes (`@openlit/instrumentation-openai`, …). */
export const OPENLIT_NPM_SCOPE_PREFIX = '@openlit/' as const;
/** The TypeScript SDK's hash of the prompt and tools (`openlit.agent.version_hash`). */
export const OPENLIT_AGENT_VERSION_HASH = 'openlit.agent.version_hash' as const;

/** Whether the request streamed. */
export const OPENLIT_REQUEST_IS_STREAM = 'gen_ai.request.is_stream' as const;
/** End-user id passed to the provider (`user`). */
export const OPENLIT_REQUEST_USER = 'gen_ai.request.user' as const;
/** Tool choice of the request. */
export const OPENLIT_REQUEST_TOOL_CHOICE = 'gen_ai.request.tool_choice' as const;
/** Requested embedding dimensions. */
export const OPENLIT_REQUEST_EMBEDDING_DIMENSION = 'gen_ai.request.embedding_dimension' as const;
/** Time to first token in seconds (set to the whole duration when the call did not stream). */
export const OPENLIT_SERVER_TTFT = 'gen_ai.server.time_to_first_token' as const;
/** Older spelling of the time to first token. */
export const OPENLIT_SERVER_TTFT_LEGACY = 'gen_ai.server.ttft' as const;
/** Mean seconds between output tokens (streaming). */
export const OPENLIT_SERVER_TBT = 'gen_ai.server.time_per_output_token' as const;
/** Older spelling of the time between tokens. */
export const OPENLIT_SERVER_TBT_LEGACY = 'gen_ai.server.tbt' as const;
/** Tool calls of the response (string). */
export const OPENLIT_RESPONSE_TOOL_CALLS = 'gen_ai.response.tool_calls' as const;
/** Tool call arguments of a tool span. */
export const OPENLIT_TOOL_ARGS = 'gen_ai.tool.args' as const;
/** The instrumented endpoint (`openai.chat.completions`). */
export const OPENLIT_ENDPOINT = 'gen_ai.endpoint' as const;
/** `environment` given to `openlit.init`. */
export const OPENLIT_ENVIRONMENT = 'gen_ai.environment' as const;
/** `application_name` given to `openlit.init`. */
export const OPENLIT_APPLICATION_NAME = 'gen_ai.application_name' as const;
/** Version of the instrumented SDK. */
export const OPENLIT_SDK_VERSION = 'gen_ai.sdk.version' as const;
/** Prompt as one string (attribute of the `gen_ai.content.prompt` event, or of the span). */
export const OPENLIT_CONTENT_PROMPT = 'gen_ai.prompt' as const;
/** Completion as one string (attribute of the `gen_ai.content.completion` event, or of the span). */
export const OPENLIT_CONTENT_COMPLETION = 'gen_ai.completion' as const;

/** OpenLIT's own values of `gen_ai.operation.name`, beyond the spec's. */
export const OpenlitOperation = {
  /** Older releases: embeddings. */
  embedding: 'embedding',
  framework: 'framework',
  vectordb: 'vectordb',
  agent: 'agent',
  executeTask: 'execute_task',
  image: 'image',
  audio: 'audio',
} as const;
