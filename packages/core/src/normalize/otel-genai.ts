import {
  GEN_AI_AGENT_DESCRIPTION,
  GEN_AI_AGENT_ID,
  GEN_AI_AGENT_NAME,
  GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  GEN_AI_COMPLETION,
  GEN_AI_CONVERSATION_ID,
  GEN_AI_EMBEDDINGS_DIMENSION_COUNT,
  GEN_AI_INPUT_MESSAGES,
  GEN_AI_OPENAI_REQUEST_RESPONSE_FORMAT,
  GEN_AI_OPENAI_REQUEST_SERVICE_TIER,
  GEN_AI_OPERATION_NAME,
  GEN_AI_OUTPUT_MESSAGES,
  GEN_AI_PREFIX,
  GEN_AI_PROMPT,
  GEN_AI_PROVIDER_NAME,
  GEN_AI_REQUEST_CHOICE_COUNT,
  GEN_AI_REQUEST_ENCODING_FORMATS,
  GEN_AI_REQUEST_FREQUENCY_PENALTY,
  GEN_AI_REQUEST_MAX_TOKENS,
  GEN_AI_REQUEST_MODEL,
  GEN_AI_REQUEST_PRESENCE_PENALTY,
  GEN_AI_REQUEST_SEED,
  GEN_AI_REQUEST_STOP_SEQUENCES,
  GEN_AI_REQUEST_STREAM,
  GEN_AI_REQUEST_TEMPERATURE,
  GEN_AI_REQUEST_TOP_K,
  GEN_AI_REQUEST_TOP_P,
  GEN_AI_RESPONSE_FINISH_REASONS,
  GEN_AI_RESPONSE_ID,
  GEN_AI_RESPONSE_MODEL,
  GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  GEN_AI_SYSTEM,
  GEN_AI_SYSTEM_INSTRUCTIONS,
  GEN_AI_TOOL_CALL_ARGUMENTS,
  GEN_AI_TOOL_CALL_ID,
  GEN_AI_TOOL_CALL_RESULT,
  GEN_AI_TOOL_DEFINITIONS,
  GEN_AI_TOOL_DESCRIPTION,
  GEN_AI_TOOL_NAME,
  GEN_AI_TOOL_TYPE,
  GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS_LEGACY,
  GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS_LEGACY,
  GEN_AI_USAGE_COMPLETION_TOKENS,
  GEN_AI_USAGE_COST,
  GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
  GEN_AI_USAGE_PROMPT_TOKENS,
  GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  GEN_AI_USAGE_REASONING_TOKENS,
  GEN_AI_USAGE_TOTAL_TOKENS,
  GenAiOperation,
} from '../semconv/gen-ai';
import type {
  CallKind,
  ModelParameters,
  Normalizer,
  PartialCall,
  SpanRecord,
  Usage,
} from '../types';
import { parseMaybeJson } from '../util/json';
import { AttributeReader } from '../util/read';
import { contentFromEvents } from './content-events';
import { readIndexedMessages } from './indexed';
import { convertMessages, convertSystemInstructions, convertToolDefinitions } from './messages';
import { normalizeProvider } from './provider';
import { compactUsage } from './compact-usage';

const KIND_BY_OPERATION: Record<string, CallKind> = {
  [GenAiOperation.chat]: 'generation',
  [GenAiOperation.textCompletion]: 'generation',
  [GenAiOperation.generateContent]: 'generation',
  [GenAiOperation.embeddings]: 'embedding',
  [GenAiOperation.executeTool]: 'tool',
  [GenAiOperation.invokeAgent]: 'agent',
  [GenAiOperation.createAgent]: 'agent',
  [GenAiOperation.retrieval]: 'retriever',
};

/** Operations whose span sums the usage of the calls beneath it. */
const AGGREGATE_OPERATIONS = new Set<string>([GenAiOperation.invokeAgent]);

/** Request parameters: attribute key → OpenAI-style parameter name. */
const PARAMETER_KEYS: Array<[string, string]> = [
  [GEN_AI_REQUEST_TEMPERATURE, 'temperature'],
  [GEN_AI_REQUEST_MAX_TOKENS, 'max_tokens'],
  [GEN_AI_REQUEST_TOP_P, 'top_p'],
  [GEN_AI_REQUEST_TOP_K, 'top_k'],
  [GEN_AI_REQUEST_FREQUENCY_PENALTY, 'frequency_penalty'],
  [GEN_AI_REQUEST_PRESENCE_PENALTY, 'presence_penalty'],
  [GEN_AI_REQUEST_SEED, 'seed'],
  [GEN_AI_REQUEST_CHOICE_COUNT, 'n'],
  [GEN_AI_EMBEDDINGS_DIMENSION_COUNT, 'dimensions'],
];

function hasGenAiKey(span: SpanRecord): boolean {
  for (const key in span.attributes) if (key.startsWith(GEN_AI_PREFIX)) return true;
  return span.logs.length > 0;
}

function readUsage(reader: AttributeReader): Usage | undefined {
  return compactUsage({
    inputTokens: reader.number(GEN_AI_USAGE_INPUT_TOKENS, GEN_AI_USAGE_PROMPT_TOKENS),
    outputTokens: reader.number(GEN_AI_USAGE_OUTPUT_TOKENS, GEN_AI_USAGE_COMPLETION_TOKENS),
    totalTokens: reader.number(GEN_AI_USAGE_TOTAL_TOKENS),
    cacheReadTokens: reader.number(
      GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
      GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS_LEGACY,
    ),
    cacheWriteTokens: reader.number(
      GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
      GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS_LEGACY,
    ),
    reasoningTokens: reader.number(
      GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
      GEN_AI_USAGE_REASONING_TOKENS,
    ),
  });
}

function readParameters(reader: AttributeReader): ModelParameters | undefined {
  const parameters: ModelParameters = {};
  for (const [key, name] of PARAMETER_KEYS) {
    const value = reader.number(key);
    if (value !== undefined) parameters[name] = value;
  }
  const stop = reader.strings(GEN_AI_REQUEST_STOP_SEQUENCES);
  if (stop) parameters.stop = stop;
  const formats = reader.strings(GEN_AI_REQUEST_ENCODING_FORMATS);
  if (formats) parameters.encoding_format = formats.length === 1 ? formats[0] : formats;
  const responseFormat = reader.string(GEN_AI_OPENAI_REQUEST_RESPONSE_FORMAT);
  if (responseFormat) parameters.response_format = responseFormat;
  const serviceTier = reader.string(GEN_AI_OPENAI_REQUEST_SERVICE_TIER);
  if (serviceTier) parameters.service_tier = serviceTier;
  return Object.keys(parameters).length ? parameters : undefined;
}

function classify(operation: string | undefined, reader: AttributeReader): CallKind | undefined {
  if (operation) return KIND_BY_OPERATION[operation] ?? 'span';
  // Older instrumentations set no operation: a model and usage still mean a model call.
  if (
    reader.has(GEN_AI_REQUEST_MODEL) ||
    reader.has(GEN_AI_USAGE_INPUT_TOKENS) ||
    reader.has(GEN_AI_USAGE_PROMPT_TOKENS)
  ) {
    return 'generation';
  }
  return undefined;
}

/**
 * The OpenTelemetry GenAI normalizer: current and deprecated `gen_ai.*` attributes, content
 * span events and content log records.
 */
export function normalizeOtelGenAi(span: SpanRecord): PartialCall | undefined {
  const reader = new AttributeReader(span.attributes);
  const operation = reader.string(GEN_AI_OPERATION_NAME);
  const call: PartialCall = {};
  const kind = classify(operation, reader);
  if (kind) call.kind = kind;
  if (operation) call.operationName = operation;
  if (operation && AGGREGATE_OPERATIONS.has(operation)) call.aggregate = true;

  call.provider = normalizeProvider(reader.string(GEN_AI_PROVIDER_NAME, GEN_AI_SYSTEM));
  call.requestModel = reader.string(GEN_AI_REQUEST_MODEL);
  call.responseModel = reader.string(GEN_AI_RESPONSE_MODEL);
  call.responseId = reader.string(GEN_AI_RESPONSE_ID);
  call.usage = readUsage(reader);
  call.parameters = readParameters(reader);
  call.stream = reader.boolean(GEN_AI_REQUEST_STREAM);
  call.timeToFirstTokenSeconds = reader.number(
    GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
    GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  );
  if (call.timeToFirstTokenSeconds !== undefined) call.stream ??= true;
  call.stopReason = reader.strings(GEN_AI_RESPONSE_FINISH_REASONS)?.[0];
  call.sessionId = reader.string(GEN_AI_CONVERSATION_ID);

  const cost = reader.number(GEN_AI_USAGE_COST);
  if (cost !== undefined) call.cost = { total: cost };

  // Content: attributes first (current, then indexed), then span events and log records.
  call.input =
    convertMessages(reader.raw(GEN_AI_INPUT_MESSAGES)) ??
    readIndexedMessages(reader, GEN_AI_PROMPT, 'user');
  call.output =
    convertMessages(reader.raw(GEN_AI_OUTPUT_MESSAGES), 'assistant') ??
    readIndexedMessages(reader, GEN_AI_COMPLETION, 'assistant');
  call.systemInstructions = convertSystemInstructions(reader.raw(GEN_AI_SYSTEM_INSTRUCTIONS));
  call.tools = convertToolDefinitions(reader.raw(GEN_AI_TOOL_DEFINITIONS));
  const fromEvents = contentFromEvents(span);
  if (fromEvents?.captureOff && !call.input && !call.output) {
    // Content capture is off, yet some instrumentations still set the system instructions
    // (the OpenAI Responses API): honour the user's choice and send no content at all.
    call.systemInstructions = undefined;
  } else if (fromEvents) {
    call.input ??= fromEvents.input;
    call.output ??= fromEvents.output;
    call.systemInstructions ??= fromEvents.systemInstructions;
    call.tools ??= fromEvents.tools;
  }

  // Agents and tools.
  const agentName = reader.string(GEN_AI_AGENT_NAME);
  const toolName = reader.string(GEN_AI_TOOL_NAME);
  if (kind === 'tool') {
    if (toolName) call.spanName = toolName;
    const args = reader.raw(GEN_AI_TOOL_CALL_ARGUMENTS);
    const result = reader.raw(GEN_AI_TOOL_CALL_RESULT);
    if (args !== undefined) call.inputState = parseMaybeJson(args);
    if (result !== undefined) call.outputState = parseMaybeJson(result);
    reader.consume(GEN_AI_TOOL_CALL_ID, GEN_AI_TOOL_TYPE, GEN_AI_TOOL_DESCRIPTION);
  } else if (kind === 'agent' && agentName) {
    call.spanName = agentName;
  }
  reader.consume(GEN_AI_AGENT_ID, GEN_AI_AGENT_DESCRIPTION);
  if (kind !== 'generation' && kind !== 'embedding') {
    // Spans show their input and output as state; messages of an agent span are its state.
    if (call.inputState === undefined && call.input) call.inputState = call.input;
    if (call.outputState === undefined && call.output) call.outputState = call.output;
  }
  const properties: Record<string, unknown> = {};
  if (agentName) properties.$ai_agent_name = agentName;
  if (toolName && kind !== 'tool') properties.$ai_tool_name = toolName;
  if (Object.keys(properties).length) call.properties = properties;

  call.consumedKeys = reader.consumed;
  return call;
}

export const otelGenAiNormalizer: Normalizer = {
  name: 'otel-genai',
  matches: hasGenAiKey,
  normalize: normalizeOtelGenAi,
};
