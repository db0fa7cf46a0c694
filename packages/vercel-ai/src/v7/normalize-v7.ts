import {
  AttributeReader,
  normalizeOtelGenAi,
  type CallKind,
  type PartialCall,
  type SpanRecord,
} from '@llm-analytics/core';
import {
  GEN_AI_INPUT_MESSAGES,
  GEN_AI_OPERATION_NAME,
  GEN_AI_OUTPUT_TYPE,
  GEN_AI_USAGE_INPUT_TOKENS,
  GenAiOperation,
  VERCEL_AGENT_STEP_OPERATION,
  VERCEL_AI_V7_SCOPE,
  VERCEL_GEN_AI_CLIENT_INFERENCE_DURATION,
  VERCEL_GEN_AI_CLIENT_OPERATION_DURATION,
  VERCEL_GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK,
  VERCEL_GEN_AI_EXECUTE_TOOL_DURATION,
  VERCEL_REQUEST_HEADERS_PREFIX,
  VERCEL_RESPONSE_PROVIDER_METADATA,
  VERCEL_SETTINGS_CONTEXT_PREFIX,
  VERCEL_VALUE,
  VERCEL_VALUES,
} from '@llm-analytics/core/semconv';
import { readContextIdentity } from '../shared/identity';
import { readEmbeddingValues } from '../v6/read-response';
import { readVercelParameters } from '../v6/read-settings';
import { readVercelUsage } from '../v6/read-usage';
import { inputMessagesWithFixedModality } from './fix-blob-modality';

const GENERATION_OPERATIONS = new Set<string>([
  GenAiOperation.chat,
  GenAiOperation.textCompletion,
  GenAiOperation.generateContent,
]);

/** AI SDK 7 spans: scope `gen_ai`, or (with an application-supplied tracer) runtime context keys. */
export function isVercelV7Span(span: SpanRecord): boolean {
  if (span.scope.name === VERCEL_AI_V7_SCOPE) return true;
  for (const key in span.attributes) {
    if (key.startsWith(VERCEL_SETTINGS_CONTEXT_PREFIX)) return true;
  }
  return false;
}

function classify(
  operation: string | undefined,
  reader: AttributeReader,
): { kind: CallKind; aggregate?: true } | undefined {
  if (operation === undefined) return undefined;
  if (GENERATION_OPERATIONS.has(operation)) return { kind: 'generation' };
  switch (operation) {
    case GenAiOperation.embeddings:
      // embed / embedMany emit two nested `embeddings {model}` CLIENT spans with the same
      // attributes; only the inner (the provider call) gets `gen_ai.usage.input_tokens`.
      return reader.has(GEN_AI_USAGE_INPUT_TOKENS)
        ? { kind: 'embedding' }
        : { kind: 'span', aggregate: true };
    case GenAiOperation.invokeAgent:
      return { kind: 'agent', aggregate: true };
    case VERCEL_AGENT_STEP_OPERATION:
      return { kind: 'span', aggregate: true };
    case GenAiOperation.executeTool:
      return { kind: 'tool' };
    default:
      return undefined;
  }
}

/**
 * AI SDK 7 (`@ai-sdk/otel`): the core's OTel GenAI normalizer reads the `gen_ai.*` keys;
 * this adds what AI SDK 7 does its own way. `invoke_agent` and `step N` are aggregate
 * spans, the outer of the two `embeddings` spans is a span, `ai.settings.context.*` (with
 * `runtimeContext: true`) gives the person and session, the optional `ai.*` extras
 * (`usage`, `toolChoice`, `schema`, `embedding`, `headers`, `providerMetadata`) are mapped
 * or dropped, and durations that repeat the span's latency are consumed.
 */
export function normalizeVercelV7(span: SpanRecord): PartialCall | undefined {
  const reader = new AttributeReader(span.attributes);
  const operation = reader.string(GEN_AI_OPERATION_NAME);
  const call: PartialCall = {};
  const classified = classify(operation, reader);
  if (classified) {
    call.kind = classified.kind;
    if (classified.aggregate) call.aggregate = true;
  }

  reader.consume(
    VERCEL_GEN_AI_CLIENT_OPERATION_DURATION,
    VERCEL_GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK,
    VERCEL_GEN_AI_CLIENT_INFERENCE_DURATION,
    VERCEL_GEN_AI_EXECUTE_TOOL_DURATION,
    VERCEL_RESPONSE_PROVIDER_METADATA,
    ...reader.keysWithPrefix(VERCEL_REQUEST_HEADERS_PREFIX),
  );
  const identity = readContextIdentity(reader, VERCEL_SETTINGS_CONTEXT_PREFIX);
  call.distinctId = identity.distinctId;
  call.sessionId = identity.sessionId;
  if (Object.keys(identity.properties).length > 0) call.properties = identity.properties;

  // Usage and parameters merge as whole objects: the core's reading of gen_ai.* plus the
  // AI SDK extras (`usage: true` gives the reasoning tokens, which gen_ai.* lacks).
  const base = normalizeOtelGenAi(span);
  const usage = readVercelUsage(reader);
  if (usage || base?.usage) call.usage = { ...usage, ...base?.usage };
  // `gen_ai.usage.input_tokens` of AI SDK 7 includes cached tokens for every provider
  // (Anthropic too), as the OTel convention says: said explicitly, since pricing would take an
  // unflagged Anthropic count as cache-exclusive.
  if (call.usage?.inputTokens !== undefined) call.usage.inputIncludesCache = true;
  const parameters = readVercelParameters(reader) ?? {};
  const outputType = reader.string(GEN_AI_OUTPUT_TYPE);
  if (outputType) parameters.output_type = outputType;
  if (Object.keys(parameters).length > 0) call.parameters = { ...base?.parameters, ...parameters };

  const single = reader.has(VERCEL_VALUE) && !reader.has(VERCEL_VALUES);
  const values = readEmbeddingValues(reader);
  const isModelCall = call.kind === 'generation' || call.kind === 'embedding';
  if (values && isModelCall) call.input = values.map((content) => ({ role: 'user', content }));
  else if (values) call.inputState = single ? values[0] : values;
  const fixedInput = inputMessagesWithFixedModality(reader.raw(GEN_AI_INPUT_MESSAGES));
  if (isModelCall) {
    call.input ??= fixedInput;
  } else if (base?.systemInstructions !== undefined || fixedInput) {
    // An agent's state is its conversation: the system instructions first, as on the
    // generation events (the core adds them to `$ai_input` of model calls only).
    const input = fixedInput ?? base?.input ?? [];
    const system = base?.systemInstructions;
    call.inputState ??=
      system === undefined ? input : [{ role: 'system', content: system }, ...input];
  }

  call.consumedKeys = reader.consumed;
  return call;
}
