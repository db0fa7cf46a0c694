/**
 * MLflow Tracing keys (`mlflow/tracing/constant.py`, `SpanAttributeKey`, and the
 * `SpanAttributeKey` / `SpanType` constants of the `mlflow-tracing` npm package). MLflow
 * writes its values as JSON: even a string attribute arrives quoted (`"\"LLM\""`).
 */

/** Prefix of MLflow's instrumentation scopes (`mlflow.tracing.fluent`, …). */
export const MLFLOW_SCOPE_PREFIX = 'mlflow' as const;
/** Prefix of every MLflow key. */
export const MLFLOW_PREFIX = 'mlflow.' as const;

/** Span type: LLM, CHAT_MODEL, EMBEDDING, TOOL, AGENT, CHAIN, RETRIEVER, RERANKER, PARSER, … */
export const MLFLOW_SPAN_TYPE = 'mlflow.spanType' as const;
/** Span inputs, JSON (for LLM spans the provider request: messages, model, tools, …). */
export const MLFLOW_SPAN_INPUTS = 'mlflow.spanInputs' as const;
/** Span outputs, JSON (for LLM spans the provider response: choices or content, usage, …). */
export const MLFLOW_SPAN_OUTPUTS = 'mlflow.spanOutputs' as const;
/** MLflow trace id (`tr-…`), JSON string. */
export const MLFLOW_TRACE_REQUEST_ID = 'mlflow.traceRequestId' as const;
/** Experiment the trace is logged to. */
export const MLFLOW_EXPERIMENT_ID = 'mlflow.experimentId' as const;
/** Name of the traced function (`@mlflow.trace`). */
export const MLFLOW_SPAN_FUNCTION_NAME = 'mlflow.spanFunctionName' as const;
/** Span start in nanoseconds (a copy of the span's own start). */
export const MLFLOW_SPAN_START_TIME_NS = 'mlflow.spanStartTimeNs' as const;
/** Tool definitions offered to the model, OpenAI shape, JSON. */
export const MLFLOW_CHAT_TOOLS = 'mlflow.chat.tools' as const;
/** Chat messages of an LLM span, OpenAI shape, JSON (MLflow 2.x; 3.x keeps them in spanInputs). */
export const MLFLOW_CHAT_MESSAGES = 'mlflow.chat.messages' as const;
/** `{input_tokens, output_tokens, total_tokens, cache_read_input_tokens?, cache_creation_input_tokens?}`. */
export const MLFLOW_CHAT_TOKEN_USAGE = 'mlflow.chat.tokenUsage' as const;
/** `{input_cost, output_cost, total_cost}` in USD, computed by MLflow. */
export const MLFLOW_LLM_COST = 'mlflow.llm.cost' as const;
/** Model of an LLM span. */
export const MLFLOW_LLM_MODEL = 'mlflow.llm.model' as const;
/** Provider of an LLM span. */
export const MLFLOW_LLM_PROVIDER = 'mlflow.llm.provider' as const;
/** Flavor that produced the LLM span (`openai`, `anthropic`, `langchain`, …). */
export const MLFLOW_MESSAGE_FORMAT = 'mlflow.message.format' as const;
/** Prefix of trace tags copied to the root span: `mlflow.traceTag.<key>`. */
export const MLFLOW_TRACE_TAG_PREFIX = 'mlflow.traceTag.' as const;

/** Keys of `mlflow.chat.tokenUsage` (`TokenUsageKey`). */
export const MlflowTokenUsageKey = {
  input: 'input_tokens',
  output: 'output_tokens',
  total: 'total_tokens',
  cacheRead: 'cache_read_input_tokens',
  cacheCreation: 'cache_creation_input_tokens',
} as const;

/** Keys of `mlflow.llm.cost` (`CostKey`). */
export const MlflowCostKey = {
  input: 'input_cost',
  output: 'output_cost',
  total: 'total_cost',
} as const;

/** Values of `mlflow.spanType` (`SpanType`). */
export const MlflowSpanType = {
  llm: 'LLM',
  chatModel: 'CHAT_MODEL',
  embedding: 'EMBEDDING',
  tool: 'TOOL',
  agent: 'AGENT',
  chain: 'CHAIN',
  retriever: 'RETRIEVER',
  reranker: 'RERANKER',
  parser: 'PARSER',
  memory: 'MEMORY',
  unknown: 'UNKNOWN',
} as const;
