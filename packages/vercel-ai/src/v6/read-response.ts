import { type AttributeReader, type Message, type MessagePart } from '@llm-analytics/core';
import {
  VERCEL_EMBEDDING,
  VERCEL_EMBEDDINGS,
  VERCEL_RESPONSE_FILES,
  VERCEL_RESPONSE_FINISH_REASON,
  VERCEL_RESPONSE_OBJECT,
  VERCEL_RESPONSE_REASONING,
  VERCEL_RESPONSE_TEXT,
  VERCEL_RESPONSE_TOOL_CALLS,
  VERCEL_VALUE,
  VERCEL_VALUES,
} from '@llm-analytics/core/semconv';
import { asString } from '../shared/as-string';
import { isPlainObject, parseMaybeJson, safeStringify } from '@llm-analytics/core';
import { convertVercelToolCalls, mediaPart, partsToContent } from './prompt-messages';

export interface VercelResponse {
  /** The assistant message: reasoning, text or object, files, tool calls, finish reason. */
  output?: Message[];
  /** The generated object, parsed (generateObject / streamObject). */
  object?: unknown;
  finishReason?: string;
}

function fileParts(value: unknown): MessagePart[] {
  const parsed = parseMaybeJson(value);
  if (!Array.isArray(parsed)) return [];
  const parts: MessagePart[] = [];
  for (const item of parsed) {
    const file = parseMaybeJson(item);
    if (!isPlainObject(file)) continue;
    parts.push(mediaPart(file.base64 ?? file.data, asString(file.mediaType)));
  }
  return parts;
}

/** The response keys of an AI SDK 6 span (JSON text or structured values). */
export function readVercelResponse(reader: AttributeReader): VercelResponse {
  const response: VercelResponse = {};
  const text = reader.raw(VERCEL_RESPONSE_TEXT);
  const reasoning = reader.string(VERCEL_RESPONSE_REASONING);
  const objectRaw = reader.raw(VERCEL_RESPONSE_OBJECT);
  const toolCalls = convertVercelToolCalls(reader.raw(VERCEL_RESPONSE_TOOL_CALLS));
  const files = fileParts(reader.raw(VERCEL_RESPONSE_FILES));
  const finishReason = reader.string(VERCEL_RESPONSE_FINISH_REASON);
  if (finishReason) response.finishReason = finishReason;

  const parts: MessagePart[] = [];
  if (reasoning) parts.push({ type: 'reasoning', text: reasoning });
  if (typeof text === 'string' && text !== '') parts.push({ type: 'text', text });
  if (objectRaw !== undefined && objectRaw !== null && objectRaw !== '') {
    response.object = parseMaybeJson(objectRaw);
    parts.push({ type: 'text', text: safeStringify(objectRaw) });
  }
  parts.push(...files);
  if (parts.length === 0 && !toolCalls) return response;
  const message: Message = { role: 'assistant', content: partsToContent(parts) };
  if (toolCalls) message.tool_calls = toolCalls;
  if (finishReason) message.finish_reason = finishReason;
  response.output = [message];
  return response;
}

function valueText(value: unknown): string {
  const parsed = parseMaybeJson(value);
  return typeof parsed === 'string' ? parsed : safeStringify(parsed);
}

/**
 * Embedding input: `ai.values` (an array of JSON strings) or `ai.value` (one JSON string),
 * as plain values. The output vectors are consumed and dropped: large and of no analytic use.
 */
export function readEmbeddingValues(reader: AttributeReader): string[] | undefined {
  const many = reader.raw(VERCEL_VALUES);
  const one = reader.raw(VERCEL_VALUE);
  reader.consume(VERCEL_EMBEDDINGS, VERCEL_EMBEDDING);
  const parsedMany = parseMaybeJson(many);
  if (Array.isArray(parsedMany)) return parsedMany.map(valueText);
  if (many !== undefined && many !== null) return [valueText(many)];
  if (one !== undefined && one !== null) return [valueText(one)];
  return undefined;
}
