import {
  MLFLOW_CHAT_MESSAGES,
  MLFLOW_CHAT_TOKEN_USAGE,
  MLFLOW_CHAT_TOOLS,
  MLFLOW_EXPERIMENT_ID,
  MLFLOW_LLM_COST,
  MLFLOW_LLM_MODEL,
  MLFLOW_LLM_PROVIDER,
  MLFLOW_MESSAGE_FORMAT,
  MLFLOW_SCOPE_PREFIX,
  MLFLOW_SPAN_FUNCTION_NAME,
  MLFLOW_SPAN_INPUTS,
  MLFLOW_SPAN_OUTPUTS,
  MLFLOW_SPAN_START_TIME_NS,
  MLFLOW_SPAN_TYPE,
  MLFLOW_TRACE_REQUEST_ID,
  MlflowCostKey,
  MlflowSpanType,
  MlflowTokenUsageKey,
} from '../semconv/mlflow';
import type { CallKind, Message, Normalizer, PartialCall, SpanRecord, Usage } from '../types';
import { isPlainObject, parseMaybeJson } from '../util/json';
import { AttributeReader, toNumber } from '../util/read';
import { convertMessage, convertMessages, convertToolDefinitions } from './messages';
import { normalizeProvider } from './provider';
import { callFromRequestBody, callFromResponseBody } from './provider-bodies';

/**
 * MLflow Tracing (Python `mlflow` / `mlflow-tracing`, and the `mlflow-tracing` npm package):
 * every span has a type and its inputs and outputs as JSON; LLM spans of the autolog flavors
 * (OpenAI, Anthropic, …) hold the provider's request and response bodies there, plus
 * normalized usage, cost and model keys in recent releases.
 */

const KIND_BY_SPAN_TYPE: Record<string, CallKind> = {
  [MlflowSpanType.llm]: 'generation',
  [MlflowSpanType.chatModel]: 'generation',
  [MlflowSpanType.embedding]: 'embedding',
  [MlflowSpanType.tool]: 'tool',
  [MlflowSpanType.agent]: 'agent',
  [MlflowSpanType.chain]: 'chain',
  [MlflowSpanType.parser]: 'chain',
  [MlflowSpanType.retriever]: 'retriever',
  [MlflowSpanType.reranker]: 'retriever',
};

/** `mlflow.message.format` values that name a provider (others name a framework: `langchain`). */
const PROVIDER_FORMATS = new Set(['openai', 'anthropic', 'gemini', 'bedrock', 'mistral', 'groq']);

/** LangChain message types → roles (CHAT_MODEL spans of the LangChain flavor). */
const ROLE_BY_LANGCHAIN_TYPE: Record<string, string> = {
  human: 'user',
  ai: 'assistant',
  system: 'system',
  tool: 'tool',
  function: 'tool',
};

function isMlflowSpan(span: SpanRecord): boolean {
  if (span.scope.name.startsWith(MLFLOW_SCOPE_PREFIX)) return true;
  const attributes = span.attributes;
  return (
    Object.prototype.hasOwnProperty.call(attributes, MLFLOW_SPAN_TYPE) ||
    Object.prototype.hasOwnProperty.call(attributes, MLFLOW_SPAN_INPUTS) ||
    Object.prototype.hasOwnProperty.call(attributes, MLFLOW_TRACE_REQUEST_ID)
  );
}

/** MLflow JSON-encodes even string attributes (`"\"LLM\""`): decode them. */
function decodedString(reader: AttributeReader, key: string): string | undefined {
  const value = parseMaybeJson(reader.raw(key));
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function tokenUsage(value: unknown): Usage | undefined {
  const usage = parseMaybeJson(value);
  if (!isPlainObject(usage)) return undefined;
  const out: Usage = {};
  const set = (field: keyof Usage, key: string) => {
    const n = toNumber(usage[key]);
    if (n !== undefined) (out as Record<string, unknown>)[field] = n;
  };
  set('inputTokens', MlflowTokenUsageKey.input);
  set('outputTokens', MlflowTokenUsageKey.output);
  set('totalTokens', MlflowTokenUsageKey.total);
  set('cacheReadTokens', MlflowTokenUsageKey.cacheRead);
  set('cacheWriteTokens', MlflowTokenUsageKey.cacheCreation);
  return Object.keys(out).length ? out : undefined;
}

function llmCost(value: unknown): PartialCall['cost'] {
  const cost = parseMaybeJson(value);
  if (!isPlainObject(cost)) return undefined;
  const out: NonNullable<PartialCall['cost']> = {};
  const input = toNumber(cost[MlflowCostKey.input]);
  const output = toNumber(cost[MlflowCostKey.output]);
  const total = toNumber(cost[MlflowCostKey.total]);
  if (input !== undefined) out.input = input;
  if (output !== undefined) out.output = output;
  if (total !== undefined) out.total = total;
  return Object.keys(out).length ? out : undefined;
}

/** LangChain chat model inputs: `[[{type: 'human', content}, …]]` or a flat list. */
function langchainMessages(inputs: unknown): Message[] | undefined {
  const list = Array.isArray(inputs) && Array.isArray(inputs[0]) ? inputs[0] : inputs;
  if (!Array.isArray(list) || !list.every((m) => isPlainObject(m) && typeof m.type === 'string'))
    return undefined;
  const out = list.flatMap((m: Record<string, unknown>) =>
    convertMessage({ ...m, role: ROLE_BY_LANGCHAIN_TYPE[m.type as string] ?? m.type }),
  );
  return out.length ? out : undefined;
}

/** `mlflow.chat.messages` holds the input and the answer: the trailing assistant turn is the output. */
function splitChatMessages(value: unknown): Pick<PartialCall, 'input' | 'output'> {
  const messages = convertMessages(value);
  if (!messages) return {};
  let end = messages.length;
  while (end > 0 && messages[end - 1]!.role === 'assistant') end--;
  return {
    input: end > 0 ? messages.slice(0, end) : undefined,
    output: end < messages.length ? messages.slice(end) : undefined,
  };
}

function normalizeModelCall(
  reader: AttributeReader,
  call: PartialCall,
  inputs: unknown,
  outputs: unknown,
): void {
  const request = isPlainObject(inputs) ? callFromRequestBody(inputs) : undefined;
  const response = callFromResponseBody(outputs);
  const chat = splitChatMessages(reader.raw(MLFLOW_CHAT_MESSAGES));
  call.input =
    chat.input ??
    request?.input ??
    langchainMessages(inputs) ??
    (typeof inputs === 'string' ? [{ role: 'user', content: inputs }] : undefined);
  call.output = chat.output ?? response?.output;
  call.systemInstructions = request?.systemInstructions;
  call.tools = convertToolDefinitions(reader.raw(MLFLOW_CHAT_TOOLS)) ?? request?.tools;
  call.parameters = request?.parameters;
  call.stream = request?.stream;
  call.requestModel = decodedString(reader, MLFLOW_LLM_MODEL) ?? request?.requestModel;
  call.responseModel = response?.responseModel;
  call.responseId = response?.responseId;
  call.stopReason = response?.stopReason;
  // The response body tells which token convention applies; MLflow's summary does not.
  call.usage = response?.usage ?? tokenUsage(reader.raw(MLFLOW_CHAT_TOKEN_USAGE));
  reader.consume(MLFLOW_CHAT_TOKEN_USAGE);
  call.cost = llmCost(reader.raw(MLFLOW_LLM_COST));
  const format = decodedString(reader, MLFLOW_MESSAGE_FORMAT);
  call.provider = normalizeProvider(
    decodedString(reader, MLFLOW_LLM_PROVIDER) ??
      (format && PROVIDER_FORMATS.has(format) ? format : undefined),
  );
}

/** Map one MLflow span by its `mlflow.spanType`. */
export function normalizeMlflow(span: SpanRecord): PartialCall | undefined {
  const reader = new AttributeReader(span.attributes);
  const spanType = decodedString(reader, MLFLOW_SPAN_TYPE)?.toUpperCase();
  const inputs = parseMaybeJson(reader.raw(MLFLOW_SPAN_INPUTS));
  const outputs = parseMaybeJson(reader.raw(MLFLOW_SPAN_OUTPUTS));
  const call: PartialCall = {};
  if (spanType !== undefined) call.kind = KIND_BY_SPAN_TYPE[spanType] ?? 'span';
  if (call.kind === 'generation' || call.kind === 'embedding') {
    normalizeModelCall(reader, call, inputs, outputs);
  } else {
    if (inputs !== undefined) call.inputState = inputs;
    if (outputs !== undefined) call.outputState = outputs;
    // An agent's usage, when MLflow records one, sums its model calls.
    if (call.kind === 'agent') call.aggregate = true;
    call.usage = tokenUsage(reader.raw(MLFLOW_CHAT_TOKEN_USAGE));
  }
  const properties: Record<string, unknown> = {};
  const traceRequestId = decodedString(reader, MLFLOW_TRACE_REQUEST_ID);
  const functionName = decodedString(reader, MLFLOW_SPAN_FUNCTION_NAME);
  // Kept as properties, decoded from MLflow's JSON quoting.
  if (traceRequestId) properties[MLFLOW_TRACE_REQUEST_ID] = traceRequestId;
  if (functionName) properties[MLFLOW_SPAN_FUNCTION_NAME] = functionName;
  if (spanType) properties[MLFLOW_SPAN_TYPE] = spanType;
  const experimentId = decodedString(reader, MLFLOW_EXPERIMENT_ID);
  if (experimentId) properties[MLFLOW_EXPERIMENT_ID] = experimentId;
  if (Object.keys(properties).length) call.properties = properties;
  reader.consume(MLFLOW_SPAN_START_TIME_NS);
  call.consumedKeys = reader.consumed;
  return call;
}

export const mlflowNormalizer: Normalizer = {
  name: 'mlflow',
  matches: isMlflowSpan,
  normalize: normalizeMlflow,
};
