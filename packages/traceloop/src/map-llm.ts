import {
  groupIndexed,
  normalizeProvider,
  readIndexedMessages,
  type AttributeReader,
  type CallKind,
  type Message,
  type ModelParameters,
  type PartialCall,
  isPlainObject,
  parseMaybeJson,
} from '@llm-analytics/core';
import {
  GEN_AI_COMPLETION,
  GEN_AI_INPUT_MESSAGES,
  GEN_AI_OPERATION_NAME,
  GEN_AI_OUTPUT_MESSAGES,
  GEN_AI_PROMPT,
  GEN_AI_REQUEST_FREQUENCY_PENALTY,
  GEN_AI_REQUEST_MAX_TOKENS,
  GEN_AI_REQUEST_PRESENCE_PENALTY,
  GEN_AI_REQUEST_SEED,
  GEN_AI_REQUEST_STOP_SEQUENCES,
  GEN_AI_REQUEST_TEMPERATURE,
  GEN_AI_REQUEST_TOP_K,
  GEN_AI_REQUEST_TOP_P,
  GEN_AI_RESPONSE_FINISH_REASONS,
  GEN_AI_TOOL_DEFINITIONS,
  GenAiOperation,
  TRACELOOP_LLM_CHAT_STOP_SEQUENCES,
  TRACELOOP_LLM_COMPLETIONS,
  TRACELOOP_LLM_FREQUENCY_PENALTY,
  TRACELOOP_LLM_PRESENCE_PENALTY,
  TRACELOOP_LLM_PROMPTS,
  TRACELOOP_LLM_REQUEST_FUNCTIONS,
  TRACELOOP_LLM_REQUEST_MAX_TOKENS,
  TRACELOOP_LLM_REQUEST_MODEL,
  TRACELOOP_LLM_REQUEST_TYPE,
  TRACELOOP_LLM_RESPONSE_MODEL,
  TRACELOOP_LLM_TEMPERATURE,
  TRACELOOP_LLM_TOP_K,
  TRACELOOP_LLM_TOP_P,
  TRACELOOP_LLM_VENDOR,
  TraceloopRequestType,
} from '@llm-analytics/core/semconv';

/** `llm.request.type` → kind and OTel operation name. */
const REQUEST_TYPES: Record<string, { kind: CallKind; operation: string }> = {
  [TraceloopRequestType.chat]: { kind: 'generation', operation: GenAiOperation.chat },
  [TraceloopRequestType.completion]: {
    kind: 'generation',
    operation: GenAiOperation.textCompletion,
  },
  [TraceloopRequestType.embedding]: { kind: 'embedding', operation: GenAiOperation.embeddings },
  // A rerank is a model call but not one priced by tokens: a plain span.
  [TraceloopRequestType.rerank]: { kind: 'span', operation: TraceloopRequestType.rerank },
};

/** Operations of the current `gen_ai.*` form that Traceloop instrumentations emit. */
const KIND_BY_OPERATION: Record<string, CallKind> = {
  [GenAiOperation.chat]: 'generation',
  [GenAiOperation.textCompletion]: 'generation',
  [GenAiOperation.generateContent]: 'generation',
  [GenAiOperation.embeddings]: 'embedding',
};

/** Kind and operation of an LLM span, from `llm.request.type` or `gen_ai.operation.name`. */
export function classifyLlmSpan(
  reader: AttributeReader,
  fromTraceloopScope: boolean,
): Pick<PartialCall, 'kind' | 'operationName'> {
  const requestType = reader.string(TRACELOOP_LLM_REQUEST_TYPE);
  const operation = reader.string(GEN_AI_OPERATION_NAME);
  if (operation) {
    // The core maps the operation; the framework claims the span when it is its own.
    return fromTraceloopScope && KIND_BY_OPERATION[operation]
      ? { kind: KIND_BY_OPERATION[operation] }
      : {};
  }
  const known = requestType ? REQUEST_TYPES[requestType] : undefined;
  if (known) return { kind: known.kind, operationName: known.operation };
  return {};
}

/** Stop sequences: a list, a JSON list, or one string. */
function readStops(reader: AttributeReader, ...keys: string[]): string[] | undefined {
  for (const key of keys) {
    const stops = reader.strings(key);
    if (stops) return stops;
  }
  return undefined;
}

const PARAMETER_KEYS: Array<[name: string, keys: string[]]> = [
  ['temperature', [GEN_AI_REQUEST_TEMPERATURE, TRACELOOP_LLM_TEMPERATURE]],
  ['max_tokens', [GEN_AI_REQUEST_MAX_TOKENS, TRACELOOP_LLM_REQUEST_MAX_TOKENS]],
  ['top_p', [GEN_AI_REQUEST_TOP_P, TRACELOOP_LLM_TOP_P]],
  ['top_k', [GEN_AI_REQUEST_TOP_K, TRACELOOP_LLM_TOP_K]],
  ['frequency_penalty', [GEN_AI_REQUEST_FREQUENCY_PENALTY, TRACELOOP_LLM_FREQUENCY_PENALTY]],
  ['presence_penalty', [GEN_AI_REQUEST_PRESENCE_PENALTY, TRACELOOP_LLM_PRESENCE_PENALTY]],
  ['seed', [GEN_AI_REQUEST_SEED]],
];

const LEGACY_PARAMETER_KEYS = [
  TRACELOOP_LLM_TEMPERATURE,
  TRACELOOP_LLM_REQUEST_MAX_TOKENS,
  TRACELOOP_LLM_TOP_P,
  TRACELOOP_LLM_TOP_K,
  TRACELOOP_LLM_FREQUENCY_PENALTY,
  TRACELOOP_LLM_PRESENCE_PENALTY,
  TRACELOOP_LLM_CHAT_STOP_SEQUENCES,
];

/**
 * Request parameters when a Traceloop-only key carries one (`llm.top_k`, `llm.chat.stop_sequences`,
 * …). The current `gen_ai.request.*` keys are read too, since the first normalizer to give
 * parameters gives them all; without a legacy key the core reads them.
 */
export function readLegacyParameters(reader: AttributeReader): ModelParameters | undefined {
  if (!LEGACY_PARAMETER_KEYS.some((key) => reader.has(key))) return undefined;
  const parameters: ModelParameters = {};
  for (const [name, keys] of PARAMETER_KEYS) {
    const value = reader.number(...keys);
    if (value !== undefined) parameters[name] = value;
  }
  const stop = readStops(reader, GEN_AI_REQUEST_STOP_SEQUENCES, TRACELOOP_LLM_CHAT_STOP_SEQUENCES);
  if (stop) parameters.stop = stop;
  return Object.keys(parameters).length ? parameters : undefined;
}

/**
 * `llm.request.functions.{i}.name|description|arguments` → OpenAI-style tool definitions
 * (`arguments` holds the JSON schema of the parameters; some producers call it `parameters`).
 * Bounded like every indexed read: only present indexes, at most the core's group budget.
 */
export function readRequestFunctions(reader: AttributeReader): unknown[] | undefined {
  const groups = groupIndexed(reader, TRACELOOP_LLM_REQUEST_FUNCTIONS);
  const tools: unknown[] = [];
  for (const { fields } of groups) {
    const name = fields.get('name');
    if (typeof name !== 'string' || name === '') continue;
    const fn: Record<string, unknown> = { name };
    const description = fields.get('description');
    if (typeof description === 'string' && description !== '') fn.description = description;
    const schema = parseMaybeJson(fields.get('parameters') ?? fields.get('arguments'), true);
    if (isPlainObject(schema)) fn.parameters = schema;
    tools.push({ type: 'function', function: fn });
  }
  return tools.length ? tools : undefined;
}

/**
 * 0.16 records a non-string content with `JSON.stringify`, so the assistant turn that only
 * called tools arrives as the text `"null"`, and an answer that only calls tools as `""`.
 * Both mean no content.
 */
function withoutPlaceholderContent(messages: Message[] | undefined): Message[] | undefined {
  if (!messages) return undefined;
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    if (message.content === 'null' || message.content === '') message.content = null;
  }
  return messages;
}

export interface IndexedContent {
  input?: Message[];
  output?: Message[];
  stopReason?: string;
}

/**
 * Messages of the indexed form (`gen_ai.prompt.{i}.*` / `gen_ai.completion.{i}.*`, or
 * `llm.prompts.{i}.*` / `llm.completions.{i}.*` before 0.6). The current `gen_ai.input.messages`
 * form is the core's; when a span carries both, the current one wins there.
 */
export function readIndexedContent(reader: AttributeReader): IndexedContent {
  const content: IndexedContent = {};
  if (!reader.has(GEN_AI_INPUT_MESSAGES)) {
    content.input = withoutPlaceholderContent(
      readIndexedMessages(reader, GEN_AI_PROMPT, 'user') ??
        readIndexedMessages(reader, TRACELOOP_LLM_PROMPTS, 'user'),
    );
  }
  if (!reader.has(GEN_AI_OUTPUT_MESSAGES)) {
    content.output = withoutPlaceholderContent(
      readIndexedMessages(reader, GEN_AI_COMPLETION, 'assistant') ??
        readIndexedMessages(reader, TRACELOOP_LLM_COMPLETIONS, 'assistant'),
    );
  }
  // Before gen_ai.response.finish_reasons existed, each completion carried its own.
  if (!reader.has(GEN_AI_RESPONSE_FINISH_REASONS)) {
    content.stopReason = content.output?.find((message) => message.finish_reason)?.finish_reason;
  }
  return content;
}

/** Model, provider, tools and parameters of the indexed form. */
export function readLegacyRequest(
  reader: AttributeReader,
): Pick<PartialCall, 'provider' | 'requestModel' | 'responseModel' | 'tools' | 'parameters'> {
  const call: Pick<
    PartialCall,
    'provider' | 'requestModel' | 'responseModel' | 'tools' | 'parameters'
  > = {};
  call.provider = normalizeProvider(reader.string(TRACELOOP_LLM_VENDOR));
  call.requestModel = reader.string(TRACELOOP_LLM_REQUEST_MODEL);
  call.responseModel = reader.string(TRACELOOP_LLM_RESPONSE_MODEL);
  const tools = readRequestFunctions(reader);
  // gen_ai.tool.definitions (current form) is the core's and wins when both are present.
  if (!reader.has(GEN_AI_TOOL_DEFINITIONS)) call.tools = tools;
  call.parameters = readLegacyParameters(reader);
  return call;
}
