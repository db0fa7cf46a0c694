import {
  GEN_AI_INPUT_MESSAGES,
  GEN_AI_OPERATION_NAME,
  GEN_AI_OUTPUT_MESSAGES,
  GEN_AI_PROVIDER_NAME,
  GEN_AI_REQUEST_MODEL,
  GEN_AI_SYSTEM,
  GenAiOperation,
} from '../semconv/gen-ai';
import {
  LOGFIRE_ANTHROPIC_SCOPE,
  LOGFIRE_ASYNC,
  LOGFIRE_DURATION,
  LOGFIRE_EVENTS,
  LOGFIRE_JSON_SCHEMA,
  LOGFIRE_LEVEL_NUM,
  LOGFIRE_MSG,
  LOGFIRE_MSG_TEMPLATE,
  LOGFIRE_PREFIX,
  LOGFIRE_REQUEST_DATA,
  LOGFIRE_RESPONSE_DATA,
  LOGFIRE_SCOPE,
  LOGFIRE_SPAN_TYPE,
  LOGFIRE_TAGS,
  LogfireSpanType,
} from '../semconv/logfire';
import type { Message, Normalizer, PartialCall, SpanRecord } from '../types';
import { isPlainObject, parseMaybeJson, safeStringify } from '../util/json';
import { AttributeReader } from '../util/read';
import { contentFromEventsAttribute } from './events-attribute';
import { callFromRequestBody, callFromResponseBody } from './provider-bodies';

/**
 * Pydantic Logfire (Python SDK, and the `logfire` / `@pydantic/logfire-node` JS SDKs). Its
 * manual spans carry only `logfire.*` keys and are no AI spans by themselves; its LLM
 * integrations (`logfire.instrument_openai`, `instrument_anthropic`) record the provider
 * request and response whole (`request_data`, `response_data`) or as an `events` attribute
 * (Responses API), beside `gen_ai.*` keys the OTel GenAI normalizer maps.
 */

/** Message templates of the integrations' embedding spans (`Embedding Creation with …`). */
const EMBEDDING_TEMPLATE = /^Embedding Creation\b/;

function has(span: SpanRecord, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(span.attributes, key);
}

function isLogfireSpan(span: SpanRecord): boolean {
  const scope = span.scope.name;
  if (scope === LOGFIRE_SCOPE || scope.startsWith(LOGFIRE_PREFIX)) return true;
  return (
    has(span, LOGFIRE_MSG) &&
    (has(span, LOGFIRE_REQUEST_DATA) ||
      has(span, LOGFIRE_RESPONSE_DATA) ||
      has(span, LOGFIRE_EVENTS))
  );
}

/**
 * Logfire's Anthropic integration (semconv version 1) writes a tool call's arguments as the
 * JSON of `{"input": {...}}`: unwrap to the input, as every other path records it.
 */
function unwrapAnthropicArguments(messages: Message[] | undefined): void {
  for (const message of messages ?? []) {
    for (const call of message.tool_calls ?? []) {
      const parsed = parseMaybeJson(call.function.arguments);
      if (isPlainObject(parsed) && Object.keys(parsed).length === 1 && 'input' in parsed)
        call.function.arguments = safeStringify(parsed.input);
    }
  }
}

/** Map a Logfire span: LLM integration spans become model calls, manual spans keep their message. */
export function normalizeLogfire(span: SpanRecord): PartialCall | undefined {
  const reader = new AttributeReader(span.attributes);
  const call: PartialCall = {};
  const message = reader.string(LOGFIRE_MSG);
  const template = reader.string(LOGFIRE_MSG_TEMPLATE);
  const spanType = reader.string(LOGFIRE_SPAN_TYPE);
  const request = callFromRequestBody(reader.raw(LOGFIRE_REQUEST_DATA));
  const response = callFromResponseBody(reader.raw(LOGFIRE_RESPONSE_DATA));
  const events = contentFromEventsAttribute(span, reader.raw(LOGFIRE_EVENTS));
  // Newer integrations (semconv `latest`) write only spec keys: the model is what tells.
  const isModelCall =
    request !== undefined ||
    response !== undefined ||
    events !== undefined ||
    (span.scope.name.startsWith(LOGFIRE_PREFIX) && reader.has(GEN_AI_REQUEST_MODEL));

  if (isModelCall) {
    const embedding =
      (template !== undefined && EMBEDDING_TEMPLATE.test(template)) ||
      reader.attributes[GEN_AI_OPERATION_NAME] === GenAiOperation.embeddings;
    call.kind = embedding ? 'embedding' : 'generation';
    Object.assign(call, request);
    call.responseModel = response?.responseModel;
    call.responseId = response?.responseId;
    call.stopReason = response?.stopReason;
    call.usage = response?.usage;
    call.output = response?.output;
    if (events) {
      call.input ??= events.input;
      call.output ??= events.output;
      call.systemInstructions ??= events.systemInstructions;
    }
    const provider = reader.string(GEN_AI_PROVIDER_NAME, GEN_AI_SYSTEM);
    if (span.scope.name === LOGFIRE_ANTHROPIC_SCOPE || provider === 'anthropic')
      unwrapAnthropicArguments(call.output);
    // A streamed call's span ends before the stream is read; the output and usage come on a
    // separate `streaming response from …` log. The request span alone is no model call.
    const streamedElsewhere =
      call.stream === true &&
      response === undefined &&
      spanType !== LogfireSpanType.log &&
      !reader.has(GEN_AI_OUTPUT_MESSAGES);
    if (streamedElsewhere) call.kind = 'span';
    if (spanType === LogfireSpanType.log && response !== undefined) call.stream = true;
    // Newer integrations also write the spec's message keys; those win (they are richer).
    if (reader.has(GEN_AI_INPUT_MESSAGES)) call.input = undefined;
    if (reader.has(GEN_AI_OUTPUT_MESSAGES)) call.output = undefined;
    reader.consume(LOGFIRE_ASYNC, LOGFIRE_DURATION);
  }
  // The message is the span's readable name (`Chat Completion with 'gpt-4o'`).
  if (message && message !== span.name) call.spanName = message;
  reader.consume(LOGFIRE_JSON_SCHEMA, LOGFIRE_LEVEL_NUM, LOGFIRE_TAGS);
  call.consumedKeys = reader.consumed;
  return call;
}

export const logfireNormalizer: Normalizer = {
  name: 'logfire',
  matches: isLogfireSpan,
  normalize: normalizeLogfire,
};
