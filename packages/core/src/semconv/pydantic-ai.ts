/**
 * Pydantic AI keys (`pydantic_ai/_instrumentation.py`, `models/instrumented.py`,
 * `capabilities/instrumentation.py` and `usage.py` in pydantic/pydantic-ai; docs: "Debugging and
 * Monitoring", "Instrumentation versions"). Spans keep the OTel GenAI keys for what the spec
 * covers; these are the keys it adds. Names carry a `PYDANTIC_AI_` prefix so they cannot
 * clash with another framework's constants.
 */

/** Instrumentation scope of every Pydantic AI span (`InstrumentationSettings`). */
export const PYDANTIC_AI_SCOPE = 'pydantic-ai' as const;
/** Prefix of Pydantic AI's own keys. */
export const PYDANTIC_AI_PREFIX = 'pydantic_ai.' as const;

// --- agent run span (`agent run` in version 2, `invoke_agent {agent}` from version 3) ---
/** Whole conversation of the run, OTel GenAI parts format, JSON string (version 2+). */
export const PYDANTIC_AI_ALL_MESSAGES = 'pydantic_ai.all_messages' as const;
/** Index in `pydantic_ai.all_messages` of the first message of this run (earlier ones were history). */
export const PYDANTIC_AI_NEW_MESSAGE_INDEX = 'pydantic_ai.new_message_index' as const;
/** Whether the instructions changed between the run's model requests. */
export const PYDANTIC_AI_VARIABLE_INSTRUCTIONS = 'pydantic_ai.variable_instructions' as const;
/** The whole conversation as a JSON list of GenAI event dicts (version 1, deprecated). */
export const PYDANTIC_AI_ALL_MESSAGES_EVENTS = 'all_messages_events' as const;
/** The run's output: the text, or its JSON (structured output). */
export const PYDANTIC_AI_FINAL_RESULT = 'final_result' as const;
/** Agent name (version 2; version 3+ uses `gen_ai.agent.name`). */
export const PYDANTIC_AI_AGENT_NAME = 'agent_name' as const;
/** Model of the run. */
export const PYDANTIC_AI_MODEL_NAME = 'model_name' as const;
/** Id of one agent run (also propagated as baggage to the run's spans). */
export const PYDANTIC_AI_AGENT_CALL_ID = 'gen_ai.agent.call.id' as const;
/** Run usage summed over the run's requests (`use_aggregated_usage_attribute_names`, default in 2.x). */
export const PYDANTIC_AI_AGGREGATED_USAGE_INPUT_TOKENS =
  'gen_ai.aggregated_usage.input_tokens' as const;
/** Run output tokens summed over the run's requests. */
export const PYDANTIC_AI_AGGREGATED_USAGE_OUTPUT_TOKENS =
  'gen_ai.aggregated_usage.output_tokens' as const;
/** Prefix of the run's summed usage details (`gen_ai.aggregated_usage.details.<name>`). */
export const PYDANTIC_AI_AGGREGATED_USAGE_DETAILS = 'gen_ai.aggregated_usage.details.' as const;

// --- model request span (`chat {model}`) ---
/** `ModelRequestParameters` as JSON: function_tools, output_tools, output_mode, allow_text_output, … */
export const PYDANTIC_AI_MODEL_REQUEST_PARAMETERS = 'model_request_parameters' as const;
/** Prefix of the usage details (`gen_ai.usage.details.<name>`), provider-specific names included. */
export const PYDANTIC_AI_USAGE_DETAILS = 'gen_ai.usage.details.' as const;
/** Detail name: input tokens read from the provider's cache (part of `input_tokens`). */
export const PYDANTIC_AI_DETAIL_CACHE_READ_TOKENS = 'cache_read_tokens' as const;
/** Detail name: input tokens written to the provider's cache (part of `input_tokens`). */
export const PYDANTIC_AI_DETAIL_CACHE_WRITE_TOKENS = 'cache_write_tokens' as const;
/** Detail name: reasoning tokens (OpenAI's name, passed through by Pydantic AI). */
export const PYDANTIC_AI_DETAIL_REASONING_TOKENS = 'reasoning_tokens' as const;
/** Total USD cost Pydantic AI computed with genai-prices (model request spans). */
export const PYDANTIC_AI_OPERATION_COST = 'operation.cost' as const;

// --- tool spans (`running tool` in version 2, `execute_tool {tool}` from version 3) ---
/** Tool arguments, JSON string (version 2; version 3+ uses `gen_ai.tool.call.arguments`). */
export const PYDANTIC_AI_TOOL_ARGUMENTS = 'tool_arguments' as const;
/** Tool result (version 2; version 3+ uses `gen_ai.tool.call.result`). */
export const PYDANTIC_AI_TOOL_RESPONSE = 'tool_response' as const;
/** Why a tool call was deferred (`CallDeferred`, `ApprovalRequired`). */
export const PYDANTIC_AI_TOOL_DEFERRAL_NAME = 'pydantic_ai.tool.deferral.name' as const;

/** Span names of the agent run, tool and output-function spans, by instrumentation version. */
export const PydanticAiSpanName = {
  agentRun: 'agent run',
  invokeAgent: 'invoke_agent',
  runningTool: 'running tool',
  runningOutputFunction: 'running output function',
  executeTool: 'execute_tool',
} as const;
