/**
 * OpenTelemetry GenAI semantic convention keys (current and deprecated). Copied here rather
 * than imported from `@opentelemetry/semantic-conventions/incubating`, whose unstable keys
 * may move between releases.
 */

// --- operation and identity ---
/** Operation: chat, text_completion, generate_content, embeddings, execute_tool, invoke_agent, … */
export const GEN_AI_OPERATION_NAME = 'gen_ai.operation.name' as const;
/** Provider name (current). */
export const GEN_AI_PROVIDER_NAME = 'gen_ai.provider.name' as const;
/** Provider name (deprecated in favour of gen_ai.provider.name). */
export const GEN_AI_SYSTEM = 'gen_ai.system' as const;
/** Conversation (session) id. */
export const GEN_AI_CONVERSATION_ID = 'gen_ai.conversation.id' as const;
/** Data source (retrieval) id. */
export const GEN_AI_DATA_SOURCE_ID = 'gen_ai.data_source.id' as const;
/** Requested output type: text, json, image, speech. */
export const GEN_AI_OUTPUT_TYPE = 'gen_ai.output.type' as const;

// --- request ---
/** Requested model. */
export const GEN_AI_REQUEST_MODEL = 'gen_ai.request.model' as const;
/** Sampling temperature. */
export const GEN_AI_REQUEST_TEMPERATURE = 'gen_ai.request.temperature' as const;
/** Maximum output tokens. */
export const GEN_AI_REQUEST_MAX_TOKENS = 'gen_ai.request.max_tokens' as const;
/** Nucleus sampling. */
export const GEN_AI_REQUEST_TOP_P = 'gen_ai.request.top_p' as const;
/** Top-k sampling. */
export const GEN_AI_REQUEST_TOP_K = 'gen_ai.request.top_k' as const;
/** Frequency penalty. */
export const GEN_AI_REQUEST_FREQUENCY_PENALTY = 'gen_ai.request.frequency_penalty' as const;
/** Presence penalty. */
export const GEN_AI_REQUEST_PRESENCE_PENALTY = 'gen_ai.request.presence_penalty' as const;
/** Stop sequences. */
export const GEN_AI_REQUEST_STOP_SEQUENCES = 'gen_ai.request.stop_sequences' as const;
/** Seed. */
export const GEN_AI_REQUEST_SEED = 'gen_ai.request.seed' as const;
/** Number of choices requested. */
export const GEN_AI_REQUEST_CHOICE_COUNT = 'gen_ai.request.choice.count' as const;
/** Embedding encoding formats requested. */
export const GEN_AI_REQUEST_ENCODING_FORMATS = 'gen_ai.request.encoding_formats' as const;
/** Whether the request streamed (not in the spec; emitted by some instrumentations). */
export const GEN_AI_REQUEST_STREAM = 'gen_ai.request.stream' as const;
/** Requested embedding dimensions. */
export const GEN_AI_EMBEDDINGS_DIMENSION_COUNT = 'gen_ai.embeddings.dimension.count' as const;

// --- response ---
/** Model that answered. */
export const GEN_AI_RESPONSE_MODEL = 'gen_ai.response.model' as const;
/** Response id. */
export const GEN_AI_RESPONSE_ID = 'gen_ai.response.id' as const;
/** Finish reasons, one per choice. */
export const GEN_AI_RESPONSE_FINISH_REASONS = 'gen_ai.response.finish_reasons' as const;
/** Time to first chunk in seconds (spec). */
export const GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK = 'gen_ai.response.time_to_first_chunk' as const;
/** Time to first chunk in seconds (AI SDK 7). */
export const GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK =
  'gen_ai.client.operation.time_to_first_chunk' as const;

// --- usage ---
/** Input tokens (OTel: includes cached tokens). */
export const GEN_AI_USAGE_INPUT_TOKENS = 'gen_ai.usage.input_tokens' as const;
/** Output tokens (includes reasoning tokens). */
export const GEN_AI_USAGE_OUTPUT_TOKENS = 'gen_ai.usage.output_tokens' as const;
/** Input tokens served from the provider's cache. */
export const GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS = 'gen_ai.usage.cache_read.input_tokens' as const;
/** Input tokens written to the provider's cache. */
export const GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS =
  'gen_ai.usage.cache_creation.input_tokens' as const;
/** Reasoning tokens. */
export const GEN_AI_USAGE_REASONING_OUTPUT_TOKENS = 'gen_ai.usage.reasoning.output_tokens' as const;
/** Reasoning tokens (alternative spelling seen in the wild). */
export const GEN_AI_USAGE_REASONING_TOKENS = 'gen_ai.usage.reasoning_tokens' as const;
/** Total tokens (not in the spec; emitted by some instrumentations). */
export const GEN_AI_USAGE_TOTAL_TOKENS = 'gen_ai.usage.total_tokens' as const;
/** Deprecated: input tokens. */
export const GEN_AI_USAGE_PROMPT_TOKENS = 'gen_ai.usage.prompt_tokens' as const;
/** Deprecated: output tokens. */
export const GEN_AI_USAGE_COMPLETION_TOKENS = 'gen_ai.usage.completion_tokens' as const;
/** Deprecated spelling of cache read tokens (OpenLLMetry). */
export const GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS_LEGACY =
  'gen_ai.usage.cache_read_input_tokens' as const;
/** Deprecated spelling of cache creation tokens (OpenLLMetry). */
export const GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS_LEGACY =
  'gen_ai.usage.cache_creation_input_tokens' as const;
/** Cost computed by the instrumentation (OpenLIT). */
export const GEN_AI_USAGE_COST = 'gen_ai.usage.cost' as const;

// --- content (current) ---
/** Input messages, JSON string or structured, parts format. */
export const GEN_AI_INPUT_MESSAGES = 'gen_ai.input.messages' as const;
/** Output messages, JSON string or structured, parts format. */
export const GEN_AI_OUTPUT_MESSAGES = 'gen_ai.output.messages' as const;
/** System instructions, parts. */
export const GEN_AI_SYSTEM_INSTRUCTIONS = 'gen_ai.system_instructions' as const;
/** Tool definitions offered to the model. */
export const GEN_AI_TOOL_DEFINITIONS = 'gen_ai.tool.definitions' as const;

// --- content (deprecated) ---
/** Prefix of the indexed prompt form: gen_ai.prompt.{i}.role / .content / .tool_calls.{j}.* */
export const GEN_AI_PROMPT = 'gen_ai.prompt' as const;
/** Prefix of the indexed completion form: gen_ai.completion.{i}.* */
export const GEN_AI_COMPLETION = 'gen_ai.completion' as const;

// --- agents and tools ---
/** Agent name. */
export const GEN_AI_AGENT_NAME = 'gen_ai.agent.name' as const;
/** Agent id. */
export const GEN_AI_AGENT_ID = 'gen_ai.agent.id' as const;
/** Agent description. */
export const GEN_AI_AGENT_DESCRIPTION = 'gen_ai.agent.description' as const;
/** Tool name. */
export const GEN_AI_TOOL_NAME = 'gen_ai.tool.name' as const;
/** Tool call id. */
export const GEN_AI_TOOL_CALL_ID = 'gen_ai.tool.call.id' as const;
/** Tool type: function, extension, datastore. */
export const GEN_AI_TOOL_TYPE = 'gen_ai.tool.type' as const;
/** Tool description. */
export const GEN_AI_TOOL_DESCRIPTION = 'gen_ai.tool.description' as const;
/** Tool call arguments. */
export const GEN_AI_TOOL_CALL_ARGUMENTS = 'gen_ai.tool.call.arguments' as const;
/** Tool call result. */
export const GEN_AI_TOOL_CALL_RESULT = 'gen_ai.tool.call.result' as const;

// --- OpenAI specific ---
/** Requested service tier. */
export const GEN_AI_OPENAI_REQUEST_SERVICE_TIER = 'gen_ai.openai.request.service_tier' as const;
/** Service tier that answered. */
export const GEN_AI_OPENAI_RESPONSE_SERVICE_TIER = 'gen_ai.openai.response.service_tier' as const;
/** System fingerprint. */
export const GEN_AI_OPENAI_RESPONSE_SYSTEM_FINGERPRINT =
  'gen_ai.openai.response.system_fingerprint' as const;
/** Requested response format. */
export const GEN_AI_OPENAI_REQUEST_RESPONSE_FORMAT =
  'gen_ai.openai.request.response_format' as const;

// --- content events (span events and log records) ---
/** System message event. */
export const GEN_AI_SYSTEM_MESSAGE_EVENT = 'gen_ai.system.message' as const;
/** User message event. */
export const GEN_AI_USER_MESSAGE_EVENT = 'gen_ai.user.message' as const;
/** Assistant message event. */
export const GEN_AI_ASSISTANT_MESSAGE_EVENT = 'gen_ai.assistant.message' as const;
/** Tool message event. */
export const GEN_AI_TOOL_MESSAGE_EVENT = 'gen_ai.tool.message' as const;
/** Choice (output) event. */
export const GEN_AI_CHOICE_EVENT = 'gen_ai.choice' as const;
/** One event carrying the whole inference's structured content. */
export const GEN_AI_INFERENCE_DETAILS_EVENT = 'gen_ai.client.inference.operation.details' as const;
/** Old span event with the prompt as attribute gen_ai.prompt. */
export const GEN_AI_CONTENT_PROMPT_EVENT = 'gen_ai.content.prompt' as const;
/** Old span event with the completion as attribute gen_ai.completion. */
export const GEN_AI_CONTENT_COMPLETION_EVENT = 'gen_ai.content.completion' as const;

/** Prefix shared by every GenAI key. */
export const GEN_AI_PREFIX = 'gen_ai.' as const;

/** Well-known values of gen_ai.operation.name. */
export const GenAiOperation = {
  chat: 'chat',
  textCompletion: 'text_completion',
  generateContent: 'generate_content',
  embeddings: 'embeddings',
  executeTool: 'execute_tool',
  invokeAgent: 'invoke_agent',
  createAgent: 'create_agent',
  retrieval: 'retrieval',
} as const;
