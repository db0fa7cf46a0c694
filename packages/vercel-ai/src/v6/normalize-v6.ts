import {
  AttributeReader,
  convertToolDefinitions,
  normalizeProvider,
  type CallKind,
  type PartialCall,
  type SpanRecord,
} from '@llm-analytics/core';
import {
  P,
  VERCEL_MODEL_ID,
  VERCEL_MODEL_PROVIDER,
  VERCEL_OPERATION_ID,
  VERCEL_OPERATION_NAME,
  VERCEL_PROMPT,
  VERCEL_PROMPT_MESSAGES,
  VERCEL_PROMPT_TOOLS,
  VERCEL_REQUEST_HEADERS_PREFIX,
  VERCEL_REQUEST_HEADER_USER_AGENT,
  VERCEL_RESOURCE_NAME,
  VERCEL_RESPONSE_ID,
  VERCEL_RESPONSE_MODEL,
  VERCEL_RESPONSE_PROVIDER_METADATA,
  VERCEL_RESPONSE_TIMESTAMP,
  VERCEL_TELEMETRY_FUNCTION_ID,
  VERCEL_TELEMETRY_METADATA_PREFIX,
  VERCEL_TOOL_CALL_ARGS,
  VERCEL_TOOL_CALL_ID,
  VERCEL_TOOL_CALL_NAME,
  VERCEL_TOOL_CALL_RESULT,
  VERCEL_VALUE,
  VERCEL_VALUES,
  VercelAiOperation,
} from '@llm-analytics/core/semconv';
import { readContextIdentity } from '../shared/identity';
import { parseMaybeJson } from '@llm-analytics/core';
import { convertVercelMessages, convertVercelPrompt } from './prompt-messages';
import { readEmbeddingValues, readVercelResponse } from './read-response';
import { readVercelParameters } from './read-settings';
import { readTimeToFirstChunk, readVercelUsage } from './read-usage';

/** What an AI SDK 6 span is, from its operation id. */
type SpanRole = 'generation' | 'embedding' | 'tool' | 'outer';

export function spanRole(operationId: string): SpanRole {
  if (
    operationId.endsWith(VercelAiOperation.doGenerateSuffix) ||
    operationId.endsWith(VercelAiOperation.doStreamSuffix)
  ) {
    return 'generation';
  }
  if (operationId.endsWith(VercelAiOperation.doEmbedSuffix)) return 'embedding';
  if (operationId === VercelAiOperation.toolCall) return 'tool';
  return 'outer';
}

const KIND_BY_ROLE: Record<SpanRole, CallKind> = {
  generation: 'generation',
  embedding: 'embedding',
  tool: 'tool',
  outer: 'span',
};

/** streamText / streamObject and their doStream calls stream; the generate* ones do not. */
function isStreamed(operationId: string): boolean | undefined {
  if (/\.stream[A-Z]|\.doStream$/.test(operationId)) return true;
  if (/\.generate[A-Z]|\.doGenerate$/.test(operationId)) return false;
  return undefined;
}

/**
 * Request headers are consumed and never passed through: they may carry credentials. The
 * AI SDK's own `user-agent: ai/<version>` gives the library version the scope lacks.
 */
function readSdkVersion(reader: AttributeReader): string | undefined {
  const userAgent = reader.string(VERCEL_REQUEST_HEADER_USER_AGENT);
  reader.consume(...reader.keysWithPrefix(VERCEL_REQUEST_HEADERS_PREFIX));
  return userAgent ? /(?:^|\s)ai\/(\d[^\s]*)/.exec(userAgent)?.[1] : undefined;
}

/**
 * AI SDK 6 (`experimental_telemetry`, `ai.*` keys; also AI SDK 7's `LegacyOpenTelemetry`):
 * provider calls (`*.doGenerate`, `*.doStream`) are generations, `*.doEmbed` embeddings,
 * `ai.toolCall` a tool span, and the outer calls (`ai.generateText`, …) aggregate spans
 * with input and output state that sum their steps and are never costed.
 */
export function normalizeVercelV6(span: SpanRecord): PartialCall | undefined {
  const reader = new AttributeReader(span.attributes);
  const operationId = reader.string(VERCEL_OPERATION_ID);
  if (!operationId) return undefined;
  const role = spanRole(operationId);
  const call: PartialCall = { kind: KIND_BY_ROLE[role], operationName: operationId };

  call.provider = normalizeProvider(reader.string(VERCEL_MODEL_PROVIDER));
  call.requestModel = reader.string(VERCEL_MODEL_ID);
  call.responseModel = reader.string(VERCEL_RESPONSE_MODEL);
  call.responseId = reader.string(VERCEL_RESPONSE_ID);
  call.parameters = readVercelParameters(reader);
  call.usage = readVercelUsage(reader);
  call.timeToFirstTokenSeconds = readTimeToFirstChunk(reader, span);
  if (role === 'generation' || role === 'outer') call.stream = isStreamed(operationId);
  const functionId = reader.string(VERCEL_TELEMETRY_FUNCTION_ID);
  reader.consume(
    VERCEL_OPERATION_NAME,
    VERCEL_RESOURCE_NAME,
    VERCEL_RESPONSE_TIMESTAMP,
    VERCEL_RESPONSE_PROVIDER_METADATA,
  );

  const identity = readContextIdentity(reader, VERCEL_TELEMETRY_METADATA_PREFIX);
  call.distinctId = identity.distinctId;
  call.sessionId = identity.sessionId;
  const properties: Record<string, unknown> = { ...identity.properties };
  const version = readSdkVersion(reader);
  if (version && !span.scope.version) properties[P.libVersion] = version;
  if (Object.keys(properties).length > 0) call.properties = properties;

  const response = readVercelResponse(reader);
  call.stopReason = response.finishReason;
  switch (role) {
    case 'generation':
      call.input = convertVercelMessages(reader.raw(VERCEL_PROMPT_MESSAGES));
      call.output = response.output;
      call.tools = convertToolDefinitions(reader.raw(VERCEL_PROMPT_TOOLS));
      break;
    case 'embedding': {
      const values = readEmbeddingValues(reader);
      if (values) call.input = values.map((content) => ({ role: 'user', content }));
      break;
    }
    case 'tool': {
      call.spanName = reader.string(VERCEL_TOOL_CALL_NAME);
      const args = reader.raw(VERCEL_TOOL_CALL_ARGS);
      const result = reader.raw(VERCEL_TOOL_CALL_RESULT);
      if (args !== undefined) call.inputState = parseMaybeJson(args);
      if (result !== undefined) call.outputState = parseMaybeJson(result);
      reader.consume(VERCEL_TOOL_CALL_ID);
      break;
    }
    case 'outer': {
      call.aggregate = true;
      if (functionId) call.spanName = functionId;
      // embed records one `ai.value`, embedMany a list in `ai.values`.
      const single = reader.has(VERCEL_VALUE) && !reader.has(VERCEL_VALUES);
      const values = readEmbeddingValues(reader);
      const prompt = convertVercelPrompt(reader.raw(VERCEL_PROMPT));
      call.inputState = prompt ?? (single ? values?.[0] : values);
      call.outputState = response.object !== undefined ? response.object : response.output;
      // Only the provider calls' tool definitions are recorded; consume a stray one.
      reader.consume(VERCEL_PROMPT_TOOLS, VERCEL_PROMPT_MESSAGES);
      break;
    }
  }
  call.consumedKeys = reader.consumed;
  return call;
}
