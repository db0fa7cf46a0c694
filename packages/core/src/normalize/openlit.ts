import {
  GEN_AI_COMPLETION,
  GEN_AI_INPUT_MESSAGES,
  GEN_AI_OPERATION_NAME,
  GEN_AI_OUTPUT_MESSAGES,
  GEN_AI_PROMPT,
  GenAiOperation,
} from '../semconv/gen-ai';
import {
  OPENLIT_APPLICATION_NAME,
  OPENLIT_ENVIRONMENT,
  OPENLIT_REQUEST_IS_STREAM,
  OPENLIT_REQUEST_USER,
  OPENLIT_RESPONSE_TOOL_CALLS,
  OPENLIT_NPM_SCOPE_PREFIX,
  OPENLIT_SCOPE_PREFIX,
  OPENLIT_SERVER_TTFT,
  OPENLIT_SERVER_TTFT_LEGACY,
  OPENLIT_TOOL_ARGS,
  OpenlitOperation,
} from '../semconv/openlit';
import type { CallKind, Normalizer, PartialCall, SpanRecord } from '../types';
import { parseMaybeJson } from '../util/json';
import { AttributeReader } from '../util/read';
import { convertMessages } from './messages';

/**
 * OpenLIT (Python `openlit` and the TypeScript `openlit` SDK). Mostly OTel GenAI keys, which
 * the OTel GenAI normalizer maps, including `gen_ai.usage.cost`: OpenLIT prices calls itself,
 * and a cost the instrumentation reports is kept as given (the pricing stage does not
 * recompute it). This adds OpenLIT's extras: its own operation names, the stream flag, time
 * to first token, the end user, and the prompt and completion as plain strings.
 */

/** Operation names → kinds: the spec's (so the event names OpenLIT as its framework) and OpenLIT's. */
const KIND_BY_OPERATION: Record<string, CallKind> = {
  [GenAiOperation.chat]: 'generation',
  [GenAiOperation.textCompletion]: 'generation',
  [GenAiOperation.generateContent]: 'generation',
  [GenAiOperation.embeddings]: 'embedding',
  [GenAiOperation.executeTool]: 'tool',
  [GenAiOperation.invokeAgent]: 'agent',
  [GenAiOperation.createAgent]: 'agent',
  [GenAiOperation.retrieval]: 'retriever',
  [OpenlitOperation.embedding]: 'embedding',
  [OpenlitOperation.framework]: 'chain',
  [OpenlitOperation.vectordb]: 'retriever',
  [OpenlitOperation.agent]: 'agent',
  [OpenlitOperation.executeTask]: 'agent',
  [OpenlitOperation.image]: 'generation',
  [OpenlitOperation.audio]: 'generation',
};

/** Keys only OpenLIT writes: with one of them, a span is OpenLIT's whatever its scope. */
const OPENLIT_ONLY_KEYS = [
  OPENLIT_REQUEST_IS_STREAM,
  OPENLIT_SERVER_TTFT,
  OPENLIT_SERVER_TTFT_LEGACY,
  OPENLIT_APPLICATION_NAME,
  OPENLIT_ENVIRONMENT,
];

function isOpenlitSpan(span: SpanRecord): boolean {
  const scope = span.scope.name;
  if (scope.startsWith(OPENLIT_SCOPE_PREFIX) || scope.startsWith(OPENLIT_NPM_SCOPE_PREFIX))
    return true;
  return OPENLIT_ONLY_KEYS.some((key) =>
    Object.prototype.hasOwnProperty.call(span.attributes, key),
  );
}

/** A plain prompt or completion string (not the indexed `gen_ai.prompt.{i}.*` form). */
function plainMessages(reader: AttributeReader, key: string, role: string): PartialCall['input'] {
  const value = reader.attributes[key];
  if (!reader.has(key) || (typeof value !== 'string' && !Array.isArray(value))) return undefined;
  return convertMessages(reader.raw(key), role);
}

/** Map OpenLIT's extras; the `gen_ai.*` keys it shares with the spec are left to the OTel normalizer. */
export function normalizeOpenlit(span: SpanRecord): PartialCall | undefined {
  const reader = new AttributeReader(span.attributes);
  const call: PartialCall = {};
  const operation = reader.attributes[GEN_AI_OPERATION_NAME];
  if (typeof operation === 'string' && KIND_BY_OPERATION[operation])
    call.kind = KIND_BY_OPERATION[operation];
  if (call.kind === 'agent') call.aggregate = true;

  call.stream = reader.boolean(OPENLIT_REQUEST_IS_STREAM);
  const ttft = reader.number(OPENLIT_SERVER_TTFT, OPENLIT_SERVER_TTFT_LEGACY);
  // OpenLIT sets the "time to first token" of a call that did not stream to its whole duration.
  if (ttft !== undefined && call.stream === true) call.timeToFirstTokenSeconds = ttft;
  call.distinctId = reader.string(OPENLIT_REQUEST_USER);

  if (!reader.has(GEN_AI_INPUT_MESSAGES)) call.input = plainMessages(reader, GEN_AI_PROMPT, 'user');
  if (!reader.has(GEN_AI_OUTPUT_MESSAGES))
    call.output = plainMessages(reader, GEN_AI_COMPLETION, 'assistant');
  const toolCalls = parseMaybeJson(reader.attributes[OPENLIT_RESPONSE_TOOL_CALLS]);
  if (call.output === undefined && Array.isArray(toolCalls)) {
    call.output = convertMessages([{ role: 'assistant', content: null, tool_calls: toolCalls }]);
    reader.consume(OPENLIT_RESPONSE_TOOL_CALLS);
  }
  // On a tool span the arguments are its input; on a chat span they repeat the tool call that
  // the output messages already hold.
  const toolArgs = reader.raw(OPENLIT_TOOL_ARGS);
  if (toolArgs !== undefined && call.kind === 'tool') call.inputState = parseMaybeJson(toolArgs);
  // OPENLIT_SERVER_TBT (time between tokens) has no $ai_* property: it is not consumed and
  // stays on the event under its own key.
  call.consumedKeys = reader.consumed;
  return call;
}

export const openlitNormalizer: Normalizer = {
  name: 'openlit',
  matches: isOpenlitSpan,
  normalize: normalizeOpenlit,
};
