/**
 * Traceloop / OpenLLMetry attribute keys (`@traceloop/ai-semantic-conventions` 0.5 to 0.27
 * and the Python OpenLLMetry keys that reach the same endpoint). Every name carries the
 * `TRACELOOP_` prefix so it cannot collide with another framework's `llm.*` constants
 * (OpenInference uses the same namespace for different keys).
 */

// --- workflows, tasks, agents, tools (decorators and `withWorkflow` / `withTask` / …) ---
/** Kind of a decorated span: workflow, task, agent, tool, session, unknown. */
export const TRACELOOP_SPAN_KIND = 'traceloop.span.kind' as const;
/** Name of the workflow (or agent) the span runs in; set on every span beneath it. */
export const TRACELOOP_WORKFLOW_NAME = 'traceloop.workflow.name' as const;
/** Name given to `withWorkflow` / `withTask` / `withAgent` / `withTool`. */
export const TRACELOOP_ENTITY_NAME = 'traceloop.entity.name' as const;
/** Dotted path of the enclosing tasks and tools. */
export const TRACELOOP_ENTITY_PATH = 'traceloop.entity.path' as const;
/** Version given to the decorator. */
export const TRACELOOP_ENTITY_VERSION = 'traceloop.entity.version' as const;
/** Entity input, a JSON string `{"args":[…],"kwargs":{…}}`. */
export const TRACELOOP_ENTITY_INPUT = 'traceloop.entity.input' as const;
/** Entity output, the JSON-serialized return value. */
export const TRACELOOP_ENTITY_OUTPUT = 'traceloop.entity.output' as const;
/** Prefix of `withAssociationProperties` keys: `traceloop.association.properties.<name>`. */
export const TRACELOOP_ASSOCIATION_PROPERTIES = 'traceloop.association.properties' as const;
/** Prefix of every Traceloop workflow key. */
export const TRACELOOP_PREFIX = 'traceloop.' as const;

// --- standard association property names (`AssociationProperty`) ---
/** Association property that names the end user. */
export const TRACELOOP_ASSOCIATION_USER_ID = 'user_id' as const;
/** Association property that names the session. */
export const TRACELOOP_ASSOCIATION_SESSION_ID = 'session_id' as const;
/** Association property that names the customer. */
export const TRACELOOP_ASSOCIATION_CUSTOMER_ID = 'customer_id' as const;

// --- span kind values ---
export const TraceloopSpanKind = {
  /** `withWorkflow`: the root of a unit of work. */
  workflow: 'workflow',
  /** `withTask`: a step of a workflow. */
  task: 'task',
  /** `withAgent`. */
  agent: 'agent',
  /** `withTool`, MCP tools. */
  tool: 'tool',
  /** Session span (not emitted by the Node SDK). */
  session: 'session',
  /** Unknown kind. */
  unknown: 'unknown',
} as const;

// --- LLM spans, indexed form (0.16 and older; Python OpenLLMetry) ---
/** Request type of an LLM span: chat, completion, rerank, embedding, unknown. */
export const TRACELOOP_LLM_REQUEST_TYPE = 'llm.request.type' as const;
/** Prefix of the offered functions/tools: `llm.request.functions.{i}.name|description|arguments|parameters`. */
export const TRACELOOP_LLM_REQUEST_FUNCTIONS = 'llm.request.functions' as const;
/** Total tokens (0.5 to 0.27). */
export const TRACELOOP_LLM_USAGE_TOTAL_TOKENS = 'llm.usage.total_tokens' as const;
/** Input tokens (0.5 and older). */
export const TRACELOOP_LLM_USAGE_PROMPT_TOKENS = 'llm.usage.prompt_tokens' as const;
/** Output tokens (0.5 and older). */
export const TRACELOOP_LLM_USAGE_COMPLETION_TOKENS = 'llm.usage.completion_tokens' as const;
/** Top-k sampling. */
export const TRACELOOP_LLM_TOP_K = 'llm.top_k' as const;
/** Frequency penalty. */
export const TRACELOOP_LLM_FREQUENCY_PENALTY = 'llm.frequency_penalty' as const;
/** Presence penalty. */
export const TRACELOOP_LLM_PRESENCE_PENALTY = 'llm.presence_penalty' as const;
/** Stop sequences. */
export const TRACELOOP_LLM_CHAT_STOP_SEQUENCES = 'llm.chat.stop_sequences' as const;
/** Whether the call streamed (Python OpenLLMetry; the Node SDK sets no stream flag). */
export const TRACELOOP_LLM_IS_STREAMING = 'llm.is_streaming' as const;

// --- LLM spans, oldest form (0.5 and older) ---
/** Provider (vendor) of the model. */
export const TRACELOOP_LLM_VENDOR = 'llm.vendor' as const;
/** Requested model. */
export const TRACELOOP_LLM_REQUEST_MODEL = 'llm.request.model' as const;
/** Model that answered. */
export const TRACELOOP_LLM_RESPONSE_MODEL = 'llm.response.model' as const;
/** Maximum output tokens. */
export const TRACELOOP_LLM_REQUEST_MAX_TOKENS = 'llm.request.max_tokens' as const;
/** Sampling temperature. */
export const TRACELOOP_LLM_TEMPERATURE = 'llm.temperature' as const;
/** Nucleus sampling. */
export const TRACELOOP_LLM_TOP_P = 'llm.top_p' as const;
/** Prefix of the indexed prompt: `llm.prompts.{i}.role|content`. */
export const TRACELOOP_LLM_PROMPTS = 'llm.prompts' as const;
/** Prefix of the indexed completion: `llm.completions.{i}.role|content|finish_reason`. */
export const TRACELOOP_LLM_COMPLETIONS = 'llm.completions' as const;

// --- request type values ---
export const TraceloopRequestType = {
  /** Chat completion: a generation. */
  chat: 'chat',
  /** Text completion: a generation. */
  completion: 'completion',
  /** Embedding (Python OpenLLMetry). */
  embedding: 'embedding',
  /** Rerank (Cohere). */
  rerank: 'rerank',
  /** Unknown. */
  unknown: 'unknown',
} as const;

// --- instrumentation scopes ---
/** Scope of the Node SDK's own spans (workflows, tasks, agents, tools). */
export const TRACELOOP_SDK_SCOPE = '@traceloop/node-server-sdk' as const;
/** Scope name prefix of every Traceloop Node instrumentation. */
export const TRACELOOP_SCOPE_PREFIX = '@traceloop/' as const;
/** Scope of the Node OpenAI instrumentation (counts streamed usage itself with tiktoken). */
export const TRACELOOP_OPENAI_SCOPE = '@traceloop/instrumentation-openai' as const;
/** Scope of the Node Anthropic instrumentation (input tokens exclude cached tokens). */
export const TRACELOOP_ANTHROPIC_SCOPE = '@traceloop/instrumentation-anthropic' as const;
/** Scope of the Node LangChain instrumentation (tool spans are `task`s named after the class). */
export const TRACELOOP_LANGCHAIN_SCOPE = '@traceloop/instrumentation-langchain' as const;
/** Scope of the Node MCP instrumentation (`<tool>.tool`, `<method>.mcp`, `mcp.client.session`). */
export const TRACELOOP_MCP_SCOPE = '@traceloop/instrumentation-mcp' as const;
