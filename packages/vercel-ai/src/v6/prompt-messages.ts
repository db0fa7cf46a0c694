import { makeToolCall, type Message, type MessagePart, type ToolCall } from '@llm-analytics/core';
import { asString } from '../shared/as-string';
import { isPlainObject, parseMaybeJson, safeStringify } from '@llm-analytics/core';
import { mediaUrl } from '../shared/media';

/**
 * AI SDK messages → the one `Message` shape of `$ai_input`. Two dialects: the provider-level
 * prompt of `ai.prompt.messages` (system content a string, images as `file` parts with
 * base64 `data`) and the application's own messages inside `ai.prompt` (string content,
 * `image` parts, bytes serialized by JSON.stringify). Both carry `tool-call` and
 * `tool-result` parts, which become OpenAI-style `tool_calls` and `tool` messages.
 */

const MAX_MESSAGES = 2_000;
/** Part fields that only steer the provider: not worth an analytics byte. */
const PROVIDER_FIELDS = new Set([
  'providerOptions',
  'providerMetadata',
  'experimental_providerMetadata',
]);

function textOf(part: MessagePart): string {
  return typeof part.text === 'string' ? part.text : '';
}

/** A plain string when every part is text, the parts otherwise, null when there are none. */
export function partsToContent(parts: MessagePart[]): string | MessagePart[] | null {
  if (parts.length === 0) return null;
  if (parts.every((part) => part.type === 'text')) return parts.map(textOf).join('');
  return parts;
}

export function mediaPart(
  data: unknown,
  mediaType: string | undefined,
  filename?: string,
): MessagePart {
  const url = mediaUrl(data, mediaType) ?? '';
  const part: MessagePart = mediaType?.startsWith('image')
    ? { type: 'image', image: url }
    : { type: 'file', file: url };
  // AI SDK 7 accepts a bare top-level type (`image`): only a full MIME type is worth keeping.
  if (mediaType?.includes('/')) part.mime_type = mediaType;
  if (filename) part.filename = filename;
  return part;
}

/**
 * A tool result's output as message content. AI SDK 5+ wraps it as `{type, value}`
 * (`text`, `json`, `error-text`, `error-json`, `content`, `execution-denied`); AI SDK 4 had
 * a bare `result`.
 */
export function toolOutputText(output: unknown): string {
  if (isPlainObject(output) && typeof output.type === 'string') {
    switch (output.type) {
      case 'text':
      case 'error-text':
        return typeof output.value === 'string' ? output.value : safeStringify(output.value);
      case 'json':
      case 'error-json':
        return safeStringify(output.value ?? null);
      case 'execution-denied':
        return asString(output.reason) ?? 'execution denied';
      case 'content':
        if (Array.isArray(output.value)) {
          const texts = output.value.filter(
            (item): item is { text: string } =>
              isPlainObject(item) && typeof item.text === 'string',
          );
          if (texts.length === output.value.length) return texts.map((t) => t.text).join('');
        }
        return safeStringify(output.value ?? null);
      default:
        break;
    }
  }
  return safeStringify(output ?? null);
}

function convertPart(part: Record<string, unknown>): MessagePart {
  const type = asString(part.type) ?? 'text';
  const mediaType = asString(part.mediaType) ?? asString(part.mimeType);
  switch (type) {
    case 'text':
      return { type: 'text', text: asString(part.text) ?? safeStringify(part.text ?? '') };
    case 'reasoning':
      return { type: 'reasoning', text: asString(part.text) ?? '' };
    case 'image':
      return mediaPart(part.image, mediaType ?? 'image');
    case 'file':
      return mediaPart(part.data, mediaType, asString(part.filename));
    default: {
      // Unknown parts keep their fields: nothing the application sent is lost.
      const copy: MessagePart = { type };
      for (const [key, value] of Object.entries(part)) {
        if (key !== 'type' && !PROVIDER_FIELDS.has(key)) copy[key] = value;
      }
      return copy;
    }
  }
}

/** One AI SDK message → one message, plus one `tool` message per tool result it carries. */
export function convertVercelMessage(raw: unknown): Message[] {
  if (typeof raw === 'string') return [{ role: 'user', content: raw }];
  if (!isPlainObject(raw)) return [];
  const role = asString(raw.role) ?? 'user';
  const content = raw.content;
  if (typeof content === 'string') return [{ role, content }];
  if (!Array.isArray(content)) {
    return [
      { role, content: content === undefined || content === null ? null : safeStringify(content) },
    ];
  }
  const parts: MessagePart[] = [];
  const toolCalls: ToolCall[] = [];
  const toolResults: Message[] = [];
  for (const item of content) {
    if (typeof item === 'string') {
      parts.push({ type: 'text', text: item });
    } else if (!isPlainObject(item)) {
      continue;
    } else if (item.type === 'tool-call') {
      toolCalls.push(makeToolCall(item.toolCallId, item.toolName, item.input ?? item.args));
    } else if (item.type === 'tool-result') {
      const message: Message = {
        role: 'tool',
        content: toolOutputText(item.output ?? item.result),
      };
      const id = asString(item.toolCallId);
      if (id) message.tool_call_id = id;
      const name = asString(item.toolName);
      if (name) message.name = name;
      toolResults.push(message);
    } else {
      parts.push(convertPart(item));
    }
  }
  const out: Message[] = [];
  if (parts.length > 0 || toolCalls.length > 0 || toolResults.length === 0) {
    const message: Message = { role, content: partsToContent(parts) };
    if (toolCalls.length > 0) message.tool_calls = toolCalls;
    out.push(message);
  }
  out.push(...toolResults);
  return out;
}

/** A list of AI SDK messages (JSON text or structured) → messages; undefined when none. */
export function convertVercelMessages(value: unknown): Message[] | undefined {
  const parsed = parseMaybeJson(value);
  if (parsed === undefined || parsed === null || parsed === '') return undefined;
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const out: Message[] = [];
  for (const item of list) {
    if (out.length >= MAX_MESSAGES) break;
    out.push(...convertVercelMessage(item));
  }
  return out.length > 0 ? out : undefined;
}

/**
 * `ai.prompt` of an outer span, `{system?, prompt?, messages?}` (JSON text or structured):
 * the system instructions first, then the prompt or messages. A value that is not that
 * object (an older SDK, a plain string) becomes one user message.
 */
export function convertVercelPrompt(value: unknown): Message[] | undefined {
  const parsed = parseMaybeJson(value);
  if (parsed === undefined || parsed === null || parsed === '') return undefined;
  if (!isPlainObject(parsed)) return convertVercelMessages(parsed);
  const out: Message[] = [];
  const system = parsed.system;
  if (typeof system === 'string' && system !== '') out.push({ role: 'system', content: system });
  else if (system !== undefined && system !== null) {
    for (const item of Array.isArray(system) ? system : [system]) {
      if (typeof item === 'string') out.push({ role: 'system', content: item });
      else
        out.push(...convertVercelMessage({ role: 'system', ...(isPlainObject(item) ? item : {}) }));
    }
  }
  for (const key of ['prompt', 'messages'] as const) {
    const entry = parsed[key];
    // A string prompt is the user's text, even when it happens to look like JSON.
    if (typeof entry === 'string') {
      if (entry !== '') out.push({ role: 'user', content: entry });
      continue;
    }
    const messages = convertVercelMessages(entry);
    if (messages) out.push(...messages);
  }
  if (
    out.length === 0 &&
    !('system' in parsed) &&
    !('prompt' in parsed) &&
    !('messages' in parsed)
  ) {
    // Some other shape: keep it whole as one user message rather than dropping it.
    return [{ role: 'user', content: safeStringify(parsed) }];
  }
  return out.length > 0 ? out : undefined;
}

/** `ai.response.toolCalls` (JSON text or structured; `input` a string or an object) → calls. */
export function convertVercelToolCalls(value: unknown): ToolCall[] | undefined {
  const parsed = parseMaybeJson(value);
  if (!Array.isArray(parsed)) return undefined;
  const calls: ToolCall[] = [];
  for (const item of parsed) {
    if (!isPlainObject(item)) continue;
    calls.push(
      makeToolCall(item.toolCallId ?? item.id, item.toolName ?? item.name, item.input ?? item.args),
    );
  }
  return calls.length > 0 ? calls : undefined;
}
