import {
  AttributeReader,
  groupIndexed,
  makeToolCall,
  normalizeProvider,
  type CallKind,
  type Message,
  type Normalizer,
  type PartialCall,
  type SpanRecord,
} from '@llm-analytics/core';
import {
  OI_AGENT_NAME,
  OI_EMBEDDING_EMBEDDINGS,
  OI_EMBEDDING_MODEL_NAME,
  OI_EMBEDDING_TEXT,
  OI_LLM_FINISH_REASON,
  OI_LLM_FUNCTION_CALL,
  OI_LLM_INPUT_MESSAGES,
  OI_LLM_MODEL_NAME,
  OI_LLM_OUTPUT_MESSAGES,
  OI_LLM_PROMPTS,
  OI_LLM_PROVIDER,
  OI_LLM_REQUEST_MODEL_NAME,
  OI_LLM_RESPONSE_MODEL_NAME,
  OI_LLM_SYSTEM,
  OI_LLM_TOOLS,
  OI_METADATA_LANGCHAIN_PROVIDER,
  OI_RERANKER_INPUT_DOCUMENTS,
  OI_RERANKER_MODEL_NAME,
  OI_RERANKER_OUTPUT_DOCUMENTS,
  OI_RERANKER_QUERY,
  OI_RERANKER_TOP_K,
  OI_RETRIEVAL_DOCUMENTS,
  OI_SCOPE_PREFIX,
  OI_SPAN_KIND,
  OI_TOOL_DESCRIPTION,
  OI_TOOL_JSON_SCHEMA,
  OI_TOOL_NAME,
  OI_TOOL_PARAMETERS,
  OiSpanKind,
} from '@llm-analytics/core/semconv';
import { readContext, readPromptTemplate } from './context';
import { isPlainObject } from '@llm-analytics/core';
import { nonEmptyString, parseStructured } from './json';
import { messagesFromRawInput, messagesFromRawOutput, readIndexedMessages } from './messages';
import { readInvocationParameters } from './parameters';
import {
  readDocuments,
  readInputImages,
  readInputValue,
  readOutputImages,
  readOutputValue,
} from './states';
import { readCost, readUsage } from './map-usage';

/**
 * OpenInference span kinds → call kinds. RERANKER, GUARDRAIL, EVALUATOR and PROMPT have no
 * kind of their own: they become plain spans and keep `openinference.span.kind` as a property.
 */
const KIND_BY_SPAN_KIND: Record<string, CallKind> = {
  [OiSpanKind.llm]: 'generation',
  [OiSpanKind.embedding]: 'embedding',
  [OiSpanKind.chain]: 'chain',
  [OiSpanKind.tool]: 'tool',
  [OiSpanKind.agent]: 'agent',
  [OiSpanKind.retriever]: 'retriever',
};

function hasKeyWithPrefix(span: SpanRecord, prefix: string): boolean {
  for (const key in span.attributes) if (key.startsWith(prefix)) return true;
  return false;
}

/** The span kind, or a guess for OpenInference-scoped spans that set none. */
function classify(reader: AttributeReader, span: SpanRecord): { kind: CallKind; raw?: string } {
  const raw = reader.string(OI_SPAN_KIND)?.toUpperCase();
  if (raw !== undefined) return { kind: KIND_BY_SPAN_KIND[raw] ?? 'span', raw };
  if (reader.has(OI_LLM_MODEL_NAME) || hasKeyWithPrefix(span, `${OI_LLM_INPUT_MESSAGES}.`))
    return { kind: 'generation' };
  if (reader.has(OI_EMBEDDING_MODEL_NAME) || hasKeyWithPrefix(span, `${OI_EMBEDDING_EMBEDDINGS}.`))
    return { kind: 'embedding' };
  return { kind: 'span' };
}

/** `llm.tools.{i}.tool.json_schema` (or `tool.name` / `tool.description` / `tool.parameters`). */
function readTools(reader: AttributeReader): unknown[] | undefined {
  const tools: unknown[] = [];
  for (const { fields } of groupIndexed(reader, OI_LLM_TOOLS)) {
    const schema = fields.get(OI_TOOL_JSON_SCHEMA);
    const parsed = typeof schema === 'string' ? parseStructured(schema) : schema;
    if (isPlainObject(parsed)) {
      tools.push(parsed);
      continue;
    }
    const definition = toolDefinition(
      fields.get(OI_TOOL_NAME),
      fields.get(OI_TOOL_DESCRIPTION),
      fields.get(OI_TOOL_PARAMETERS),
    );
    if (definition) tools.push(definition);
  }
  return tools.length ? tools : undefined;
}

/** An OpenAI-style function tool definition from OpenInference's tool fields. */
function toolDefinition(name: unknown, description: unknown, parameters: unknown) {
  const toolName = nonEmptyString(name);
  if (!toolName) return undefined;
  const fn: Record<string, unknown> = { name: toolName };
  if (nonEmptyString(description)) fn.description = description;
  if (parameters !== undefined && parameters !== null) {
    fn.parameters =
      typeof parameters === 'string' ? (parseStructured(parameters) ?? parameters) : parameters;
  }
  return { type: 'function', function: fn };
}

/** `llm.function_call` (legacy, a JSON `{name, arguments}`) → a tool call on the answer. */
function addLegacyFunctionCall(reader: AttributeReader, output: Message[] | undefined) {
  const parsed = parseStructured(reader.raw(OI_LLM_FUNCTION_CALL));
  if (!isPlainObject(parsed) || !nonEmptyString(parsed.name)) return output;
  const call = makeToolCall(parsed.id, parsed.name, parsed.arguments);
  const messages = output ?? [];
  const answer = messages.find((m) => m.role === 'assistant');
  if (!answer) return [...messages, { role: 'assistant', content: null, tool_calls: [call] }];
  if (!answer.tool_calls?.some((c) => c.function.name === call.function.name)) {
    answer.tool_calls = [...(answer.tool_calls ?? []), call];
  }
  return messages;
}

/** LLM spans: structured messages win over the raw input/output values, which are consumed. */
function normalizeGeneration(reader: AttributeReader, call: PartialCall): void {
  const rawInput = readInputValue(reader);
  const rawOutput = readOutputValue(reader);
  const prompts = reader.raw(OI_LLM_PROMPTS);
  // Images of the call are parts of its messages already.
  readInputImages(reader);
  readOutputImages(reader);
  call.input =
    readIndexedMessages(reader, OI_LLM_INPUT_MESSAGES, 'user') ??
    messagesFromRawInput(prompts ?? rawInput);
  let output =
    readIndexedMessages(reader, OI_LLM_OUTPUT_MESSAGES, 'assistant') ??
    messagesFromRawOutput(rawOutput);
  output = addLegacyFunctionCall(reader, output);
  call.stopReason = reader.string(OI_LLM_FINISH_REASON);
  if (call.stopReason && output?.length === 1 && output[0]!.finish_reason === undefined) {
    output[0]!.finish_reason = call.stopReason;
  }
  call.output = output;
  if (isPlainObject(rawOutput)) call.responseId = nonEmptyString(rawOutput.id);

  const invocation = readInvocationParameters(reader);
  call.parameters = invocation.parameters;
  call.stream = invocation.stream;
  call.requestModel = reader.string(OI_LLM_REQUEST_MODEL_NAME) ?? invocation.requestModel;
  call.tools = readTools(reader) ?? invocation.tools;
  // The template and its variables are content: they go where privacy mode can drop them.
  call.inputState = readPromptTemplate(reader);
}

/** Embedding spans: the texts are the input; vectors are consumed and never copied. */
function normalizeEmbedding(reader: AttributeReader, call: PartialCall): void {
  const texts: Message[] = [];
  for (const { fields } of groupIndexed(reader, OI_EMBEDDING_EMBEDDINGS)) {
    const text = fields.get(OI_EMBEDDING_TEXT);
    if (typeof text === 'string') texts.push({ role: 'user', content: text });
  }
  const rawInput = readInputValue(reader);
  readOutputValue(reader);
  call.input = texts.length ? texts : messagesFromRawInput(rawInput);
  call.requestModel = reader.string(OI_EMBEDDING_MODEL_NAME, OI_LLM_REQUEST_MODEL_NAME);
  const invocation = readInvocationParameters(reader);
  call.parameters = invocation.parameters;
  call.requestModel ??= invocation.requestModel;
}

/** Chains, tools, agents, retrievers, rerankers, guardrails, evaluators, prompts: state. */
function normalizeSpanState(reader: AttributeReader, call: PartialCall, raw?: string): void {
  const images = readInputImages(reader);
  const outputImages = readOutputImages(reader);
  call.inputState = readInputValue(reader) ?? (images ? { images } : undefined);
  call.outputState =
    readOutputValue(reader) ?? (outputImages ? { images: outputImages } : undefined);
  // A prompt template (set through the context) is content: state, or dropped, never a property.
  const template = readPromptTemplate(reader);
  call.inputState ??= template;

  if (raw === OiSpanKind.tool) {
    const name = reader.string(OI_TOOL_NAME);
    if (name) call.spanName = name;
    const definition = toolDefinition(
      name,
      reader.raw(OI_TOOL_DESCRIPTION),
      reader.raw(OI_TOOL_PARAMETERS),
    );
    if (definition) call.tools = [definition];
  } else if (raw === OiSpanKind.agent) {
    const name = reader.string(OI_AGENT_NAME);
    if (name) {
      call.spanName = name;
      call.properties = { ...call.properties, $ai_agent_name: name };
    }
  } else if (raw === OiSpanKind.retriever) {
    // Structured documents win over the raw output, as messages do on LLM spans.
    const documents = readDocuments(reader, OI_RETRIEVAL_DOCUMENTS);
    if (documents) call.outputState = documents;
  } else if (raw === OiSpanKind.reranker) {
    const query = reader.raw(OI_RERANKER_QUERY);
    const inputDocuments = readDocuments(reader, OI_RERANKER_INPUT_DOCUMENTS);
    const outputDocuments = readDocuments(reader, OI_RERANKER_OUTPUT_DOCUMENTS);
    if (inputDocuments || query !== undefined) {
      call.inputState = { query: query ?? call.inputState, documents: inputDocuments };
    }
    if (outputDocuments) call.outputState = outputDocuments;
    call.requestModel = reader.string(OI_RERANKER_MODEL_NAME);
    const topK = reader.number(OI_RERANKER_TOP_K);
    if (topK !== undefined) call.parameters = { top_k: topK };
  }
}

/**
 * The OpenInference normalizer: `openinference.span.kind` decides the call kind; LLM and
 * EMBEDDING spans become generations and embeddings, every other kind a span with input and
 * output state. See the package README for the full mapping.
 */
export function normalizeOpenInference(span: SpanRecord): PartialCall | undefined {
  const reader = new AttributeReader(span.attributes);
  const { kind, raw } = classify(reader, span);
  // Kinds with no call kind of their own keep the original as a property.
  if (kind === 'span' && raw !== undefined) reader.consumed.delete(OI_SPAN_KIND);
  const call: PartialCall = { kind, ...readContext(reader) };

  call.provider = normalizeProvider(reader.string(OI_LLM_PROVIDER, OI_LLM_SYSTEM));
  reader.consume(OI_LLM_SYSTEM);
  if (call.provider === undefined && (kind === 'generation' || kind === 'embedding')) {
    // The LangChain instrumentation names no provider; LangChain's run metadata does.
    const fromMetadata = call.properties?.[OI_METADATA_LANGCHAIN_PROVIDER];
    if (typeof fromMetadata === 'string') call.provider = normalizeProvider(fromMetadata);
  }
  call.responseModel = reader.string(OI_LLM_RESPONSE_MODEL_NAME, OI_LLM_MODEL_NAME);
  reader.consume(OI_LLM_MODEL_NAME);
  call.usage = readUsage(reader);
  call.cost = readCost(reader);

  if (kind === 'generation') normalizeGeneration(reader, call);
  else if (kind === 'embedding') normalizeEmbedding(reader, call);
  else normalizeSpanState(reader, call, raw);

  call.consumedKeys = reader.consumed;
  return call;
}

/** The OpenInference normalizer (the one of `openInferenceIntegration`). */
export const openInferenceNormalizer: Normalizer = {
  name: 'openinference',
  matches: (span) =>
    Object.prototype.hasOwnProperty.call(span.attributes, OI_SPAN_KIND) ||
    span.scope.name.startsWith(OI_SCOPE_PREFIX),
  normalize: normalizeOpenInference,
};
