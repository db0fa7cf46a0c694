import {
  GEN_AI_AGENT_NAME,
  GEN_AI_OPERATION_NAME,
  GEN_AI_TOOL_DEFINITIONS,
  GEN_AI_TOOL_NAME,
  GenAiOperation,
} from '../semconv/gen-ai';
import {
  LOGFIRE_EVENTS,
  LOGFIRE_JSON_SCHEMA,
  LOGFIRE_LEVEL_NUM,
  LOGFIRE_MSG,
  LOGFIRE_MSG_TEMPLATE,
  LOGFIRE_SPAN_TYPE,
  LOGFIRE_TAGS,
} from '../semconv/logfire';
import {
  PYDANTIC_AI_AGENT_CALL_ID,
  PYDANTIC_AI_AGENT_NAME,
  PYDANTIC_AI_AGGREGATED_USAGE_DETAILS,
  PYDANTIC_AI_AGGREGATED_USAGE_INPUT_TOKENS,
  PYDANTIC_AI_AGGREGATED_USAGE_OUTPUT_TOKENS,
  PYDANTIC_AI_ALL_MESSAGES,
  PYDANTIC_AI_ALL_MESSAGES_EVENTS,
  PYDANTIC_AI_DETAIL_CACHE_READ_TOKENS,
  PYDANTIC_AI_DETAIL_CACHE_WRITE_TOKENS,
  PYDANTIC_AI_DETAIL_REASONING_TOKENS,
  PYDANTIC_AI_FINAL_RESULT,
  PYDANTIC_AI_MODEL_NAME,
  PYDANTIC_AI_MODEL_REQUEST_PARAMETERS,
  PYDANTIC_AI_NEW_MESSAGE_INDEX,
  PYDANTIC_AI_SCOPE,
  PYDANTIC_AI_TOOL_ARGUMENTS,
  PYDANTIC_AI_TOOL_RESPONSE,
  PYDANTIC_AI_USAGE_DETAILS,
  PYDANTIC_AI_VARIABLE_INSTRUCTIONS,
  PydanticAiSpanName,
} from '../semconv/pydantic-ai';
import type { Message, Normalizer, PartialCall, SpanRecord, Usage } from '../types';
import { isPlainObject, parseMaybeJson } from '../util/json';
import { AttributeReader } from '../util/read';
import { contentFromEventsAttribute } from './events-attribute';
import { convertMessages } from './messages';

/**
 * Pydantic AI (Python; reaches us over OTLP only). Instrumentation versions 1 to 5 differ in
 * names, not in shape: the agent run span is `agent run` (v1, v2) or `invoke_agent {agent}`,
 * tools are `running tool` (v2) or `execute_tool {tool}`, content is the `events` attribute
 * (v1) or OTel GenAI messages plus `pydantic_ai.all_messages` on the run span (v2+). The OTel
 * GenAI normalizer after this one maps the `gen_ai.*` keys these spans share with the spec.
 */

type Role = 'agent' | 'tool' | 'model';

const LOGFIRE_NOISE = [
  LOGFIRE_JSON_SCHEMA,
  LOGFIRE_MSG_TEMPLATE,
  LOGFIRE_SPAN_TYPE,
  LOGFIRE_LEVEL_NUM,
  LOGFIRE_TAGS,
  LOGFIRE_MSG,
];

function has(span: SpanRecord, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(span.attributes, key);
}

function isPydanticAiSpan(span: SpanRecord): boolean {
  if (span.scope.name === PYDANTIC_AI_SCOPE) return true;
  return (
    has(span, PYDANTIC_AI_ALL_MESSAGES) ||
    has(span, PYDANTIC_AI_ALL_MESSAGES_EVENTS) ||
    has(span, PYDANTIC_AI_MODEL_REQUEST_PARAMETERS) ||
    (has(span, PYDANTIC_AI_FINAL_RESULT) && has(span, PYDANTIC_AI_MODEL_NAME))
  );
}

function roleOf(span: SpanRecord, operation: string | undefined): Role | undefined {
  const name = span.name;
  if (
    operation === GenAiOperation.invokeAgent ||
    name === PydanticAiSpanName.agentRun ||
    name.startsWith(PydanticAiSpanName.invokeAgent) ||
    has(span, PYDANTIC_AI_ALL_MESSAGES) ||
    has(span, PYDANTIC_AI_ALL_MESSAGES_EVENTS) ||
    has(span, PYDANTIC_AI_FINAL_RESULT)
  )
    return 'agent';
  if (
    operation === GenAiOperation.executeTool ||
    name === PydanticAiSpanName.runningTool ||
    name === PydanticAiSpanName.runningOutputFunction ||
    name.startsWith(PydanticAiSpanName.executeTool) ||
    has(span, PYDANTIC_AI_TOOL_ARGUMENTS) ||
    has(span, PYDANTIC_AI_TOOL_RESPONSE)
  )
    return 'tool';
  if (operation === GenAiOperation.chat || has(span, PYDANTIC_AI_MODEL_REQUEST_PARAMETERS))
    return 'model';
  return undefined;
}

/**
 * Model request usage: what Pydantic AI adds to the `gen_ai.usage.*` counts the OTel GenAI
 * normalizer reads (the mapper merges both): the cache and reasoning details, and that its
 * input count includes cache reads and writes (`usage.py`).
 */
function modelUsage(reader: AttributeReader): Usage {
  const usage: Usage = { inputIncludesCache: true };
  const detail = (name: string) => reader.number(`${PYDANTIC_AI_USAGE_DETAILS}${name}`);
  const cacheRead = detail(PYDANTIC_AI_DETAIL_CACHE_READ_TOKENS);
  const cacheWrite = detail(PYDANTIC_AI_DETAIL_CACHE_WRITE_TOKENS);
  const reasoning = detail(PYDANTIC_AI_DETAIL_REASONING_TOKENS);
  if (cacheRead !== undefined) usage.cacheReadTokens = cacheRead;
  if (cacheWrite !== undefined) usage.cacheWriteTokens = cacheWrite;
  if (reasoning !== undefined) usage.reasoningTokens = reasoning;
  return usage;
}

/** The run's summed usage (`gen_ai.aggregated_usage.*`), shown on the run but never costed. */
function aggregatedUsage(reader: AttributeReader): Usage | undefined {
  const input = reader.number(PYDANTIC_AI_AGGREGATED_USAGE_INPUT_TOKENS);
  const output = reader.number(PYDANTIC_AI_AGGREGATED_USAGE_OUTPUT_TOKENS);
  const detail = (name: string) => reader.number(`${PYDANTIC_AI_AGGREGATED_USAGE_DETAILS}${name}`);
  const usage: Usage = {};
  if (input !== undefined) usage.inputTokens = input;
  if (output !== undefined) usage.outputTokens = output;
  const cacheRead = detail(PYDANTIC_AI_DETAIL_CACHE_READ_TOKENS);
  const cacheWrite = detail(PYDANTIC_AI_DETAIL_CACHE_WRITE_TOKENS);
  if (cacheRead !== undefined) usage.cacheReadTokens = cacheRead;
  if (cacheWrite !== undefined) usage.cacheWriteTokens = cacheWrite;
  if (!Object.keys(usage).length) return undefined;
  usage.inputIncludesCache = true;
  return usage;
}

/** Tool definitions from `model_request_parameters` (function and output tools). */
function toolsFromRequestParameters(value: unknown): unknown[] | undefined {
  const parameters = parseMaybeJson(value);
  if (!isPlainObject(parameters)) return undefined;
  const tools: unknown[] = [];
  for (const list of [parameters.function_tools, parameters.output_tools]) {
    if (!Array.isArray(list)) continue;
    for (const tool of list) {
      if (!isPlainObject(tool) || typeof tool.name !== 'string') continue;
      const definition: Record<string, unknown> = { type: 'function', name: tool.name };
      if (typeof tool.description === 'string') definition.description = tool.description;
      if (tool.parameters_json_schema !== undefined)
        definition.parameters = tool.parameters_json_schema;
      tools.push(definition);
    }
  }
  return tools.length ? tools : undefined;
}

/** The run's conversation: what led to the answer as input, the answer as output. */
function runStates(
  messages: Message[] | undefined,
  finalResult: unknown,
): Pick<PartialCall, 'inputState' | 'outputState'> {
  const states: Pick<PartialCall, 'inputState' | 'outputState'> = {};
  let end = messages?.length ?? 0;
  while (end > 0 && messages![end - 1]!.role === 'assistant') end--;
  if (messages && end > 0) states.inputState = messages.slice(0, end);
  if (finalResult !== undefined) states.outputState = parseMaybeJson(finalResult);
  else if (messages && end < messages.length) states.outputState = messages.at(-1)!.content;
  return states;
}

function normalizeAgent(span: SpanRecord, reader: AttributeReader, call: PartialCall): void {
  call.kind = 'agent';
  call.aggregate = true;
  const agentName = reader.string(GEN_AI_AGENT_NAME, PYDANTIC_AI_AGENT_NAME);
  if (agentName) {
    call.spanName = agentName;
    call.properties = { $ai_agent_name: agentName };
  }
  call.requestModel = reader.string(PYDANTIC_AI_MODEL_NAME);
  // Older releases (and `use_aggregated_usage_attribute_names=False`) sum into gen_ai.usage.*.
  call.usage = aggregatedUsage(reader) ?? modelUsage(reader);
  let messages = convertMessages(reader.raw(PYDANTIC_AI_ALL_MESSAGES));
  const fromEvents = contentFromEventsAttribute(span, reader.raw(PYDANTIC_AI_ALL_MESSAGES_EVENTS));
  if (!messages && fromEvents)
    messages = [...(fromEvents.input ?? []), ...(fromEvents.output ?? [])];
  Object.assign(call, runStates(messages, reader.raw(PYDANTIC_AI_FINAL_RESULT)));
  reader.consume(
    PYDANTIC_AI_NEW_MESSAGE_INDEX,
    PYDANTIC_AI_VARIABLE_INSTRUCTIONS,
    PYDANTIC_AI_AGENT_CALL_ID,
  );
}

function normalizeTool(reader: AttributeReader, call: PartialCall): void {
  call.kind = 'tool';
  call.spanName = reader.string(GEN_AI_TOOL_NAME);
  const args = reader.raw(PYDANTIC_AI_TOOL_ARGUMENTS);
  const result = reader.raw(PYDANTIC_AI_TOOL_RESPONSE);
  if (args !== undefined) call.inputState = parseMaybeJson(args);
  if (result !== undefined) call.outputState = parseMaybeJson(result);
  reader.consume(PYDANTIC_AI_AGENT_CALL_ID);
}

function normalizeModel(span: SpanRecord, reader: AttributeReader, call: PartialCall): void {
  call.kind = 'generation';
  call.usage = modelUsage(reader);
  const parameters = reader.raw(PYDANTIC_AI_MODEL_REQUEST_PARAMETERS);
  if (!reader.has(GEN_AI_TOOL_DEFINITIONS)) call.tools = toolsFromRequestParameters(parameters);
  const content = contentFromEventsAttribute(span, reader.raw(LOGFIRE_EVENTS));
  if (content) {
    call.input = content.input;
    call.output = content.output;
    call.systemInstructions = content.systemInstructions;
  }
  reader.consume(PYDANTIC_AI_AGENT_CALL_ID);
}

/** Map one Pydantic AI span: agent run, model request or tool call. */
export function normalizePydanticAi(span: SpanRecord): PartialCall | undefined {
  const reader = new AttributeReader(span.attributes);
  const role = roleOf(span, reader.string(GEN_AI_OPERATION_NAME));
  const call: PartialCall = {};
  if (role === 'agent') normalizeAgent(span, reader, call);
  else if (role === 'tool') normalizeTool(reader, call);
  else if (role === 'model') normalizeModel(span, reader, call);
  reader.consume(...LOGFIRE_NOISE);
  call.consumedKeys = reader.consumed;
  return call;
}

export const pydanticAiNormalizer: Normalizer = {
  name: 'pydantic-ai',
  matches: isPydanticAiSpan,
  normalize: normalizePydanticAi,
};
