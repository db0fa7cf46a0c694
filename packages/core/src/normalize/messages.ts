import type { Message, MessagePart, ToolCall } from '../types';
import { isPlainObject, parseMaybeJson, safeStringify } from '../util/json';

/**
 * Conversions from the message shapes instrumentations emit (OTel GenAI parts format,
 * OpenAI chat format, content event bodies) into the one `Message` shape of `$ai_input`.
 */

const MAX_MESSAGES = 2_000;

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Tool call arguments are a JSON string in the output, whatever the input gave. */
export function argumentsToString(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : safeStringify(value);
}

export function makeToolCall(id: unknown, name: unknown, args: unknown): ToolCall {
  const call: ToolCall = {
    type: 'function',
    function: { name: str(name) ?? '', arguments: argumentsToString(args) },
  };
  const callId = str(id) ?? (typeof id === 'number' ? String(id) : undefined);
  if (callId) call.id = callId;
  return call;
}

/** One OTel GenAI part (text, tool_call, tool_call_response, blob, uri, file, reasoning) → our part. */
function convertPart(part: Record<string, unknown>): MessagePart {
  const type = str(part.type) ?? 'text';
  switch (type) {
    case 'text':
      return {
        type: 'text',
        text: str(part.content) ?? str(part.text) ?? safeStringify(part.content ?? ''),
      };
    case 'reasoning':
    case 'thinking':
      return { type: 'reasoning', text: str(part.content) ?? str(part.text) ?? '' };
    case 'blob': {
      const mime = str(part.mime_type);
      const modality = str(part.modality) ?? mimeModality(mime);
      const data = str(part.content) ?? '';
      const url = data.startsWith('data:')
        ? data
        : `data:${mime ?? 'application/octet-stream'};base64,${data}`;
      return withMime({ type: modality, [modality]: url }, mime);
    }
    case 'uri': {
      const mime = str(part.mime_type);
      const modality = str(part.modality) ?? mimeModality(mime);
      return withMime({ type: modality, [modality]: str(part.uri) ?? '' }, mime);
    }
    case 'file':
      return withMime(
        { type: 'file', file: str(part.file_id) ?? str(part.uri) ?? '' },
        str(part.mime_type),
      );
    default: {
      // Unknown part types keep every field: nothing the instrumentation sent is lost.
      const copy: MessagePart = { type };
      for (const [key, value] of Object.entries(part)) if (key !== 'type') copy[key] = value;
      return copy;
    }
  }
}

function withMime(part: MessagePart, mime: string | undefined): MessagePart {
  if (mime) part.mime_type = mime;
  return part;
}

function mimeModality(mime: string | undefined): string {
  if (!mime) return 'file';
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('video/')) return 'video';
  return 'file';
}

/** Parts → content: a plain string when every part is text, an array of parts otherwise. */
export function partsToContent(parts: MessagePart[]): string | MessagePart[] | null {
  if (parts.length === 0) return null;
  if (parts.every((p) => p.type === 'text')) {
    return parts.length === 1
      ? (parts[0]!.text as string)
      : parts.map((p) => p.text as string).join('');
  }
  return parts;
}

/** OpenAI-style content (string or array of parts) kept as is, with OpenAI part names mapped. */
function convertOpenAIContent(content: unknown): string | MessagePart[] | null {
  if (content === undefined || content === null) return null;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    const parts: MessagePart[] = [];
    for (const item of content) {
      if (typeof item === 'string') parts.push({ type: 'text', text: item });
      else if (isPlainObject(item)) parts.push(convertOpenAIPart(item));
    }
    return partsToContent(parts);
  }
  return safeStringify(content);
}

function convertOpenAIPart(part: Record<string, unknown>): MessagePart {
  const type = str(part.type);
  if (
    (type === 'text' || type === 'input_text' || type === 'output_text') &&
    ('text' in part || 'content' in part)
  ) {
    return { type: 'text', text: str(part.text) ?? str(part.content) ?? '' };
  }
  if (type === 'image_url' && isPlainObject(part.image_url)) {
    return { type: 'image', image: str(part.image_url.url) ?? '' };
  }
  if (type === 'input_image')
    return { type: 'image', image: str(part.image_url) ?? str(part.file_id) ?? '' };
  if (type === 'blob' || type === 'uri' || type === 'file' || type === 'reasoning')
    return convertPart(part);
  const copy: MessagePart = { type: type ?? 'unknown' };
  for (const [key, value] of Object.entries(part)) if (key !== 'type') copy[key] = value;
  return copy;
}

function convertOpenAIToolCalls(value: unknown): ToolCall[] | undefined {
  const list = parseMaybeJson(value);
  if (!Array.isArray(list)) return undefined;
  const calls: ToolCall[] = [];
  for (const item of list) {
    if (!isPlainObject(item)) continue;
    const fn = isPlainObject(item.function) ? item.function : item;
    calls.push(
      makeToolCall(
        item.id ?? item.toolCallId,
        fn.name ?? item.toolName,
        fn.arguments ?? item.args ?? item.input,
      ),
    );
  }
  return calls.length ? calls : undefined;
}

/**
 * One message in the OTel GenAI parts format (`{role, parts}`) or the OpenAI chat format
 * (`{role, content, tool_calls}`) → one or more messages (tool responses split per call).
 */
export function convertMessage(raw: unknown, fallbackRole = 'user'): Message[] {
  if (typeof raw === 'string') return [{ role: fallbackRole, content: raw }];
  if (!isPlainObject(raw)) return [];
  const role = str(raw.role) ?? fallbackRole;
  const parts = Array.isArray(raw.parts) ? raw.parts : undefined;
  if (!parts) {
    const message: Message = { role, content: convertOpenAIContent(raw.content ?? raw.text) };
    const toolCalls = convertOpenAIToolCalls(raw.tool_calls ?? raw.toolCalls);
    if (toolCalls) message.tool_calls = toolCalls;
    const toolCallId =
      str(raw.tool_call_id) ?? str(raw.toolCallId) ?? (role === 'tool' ? str(raw.id) : undefined);
    if (toolCallId) message.tool_call_id = toolCallId;
    if (str(raw.name)) message.name = raw.name as string;
    if (str(raw.finish_reason)) message.finish_reason = raw.finish_reason as string;
    return [message];
  }

  const content: MessagePart[] = [];
  const toolCalls: ToolCall[] = [];
  const toolResults: Message[] = [];
  for (const part of parts) {
    if (!isPlainObject(part)) continue;
    if (part.type === 'tool_call') {
      toolCalls.push(makeToolCall(part.id, part.name, part.arguments));
    } else if (part.type === 'tool_call_response') {
      const result = part.response ?? part.result ?? part.content;
      const message: Message = {
        role: 'tool',
        content: typeof result === 'string' ? result : safeStringify(result ?? null),
      };
      if (str(part.id)) message.tool_call_id = part.id as string;
      toolResults.push(message);
    } else {
      content.push(convertPart(part));
    }
  }
  const out: Message[] = [];
  if (content.length || toolCalls.length || !toolResults.length) {
    const message: Message = { role, content: partsToContent(content) };
    if (toolCalls.length) message.tool_calls = toolCalls;
    if (str(raw.name)) message.name = raw.name as string;
    if (str(raw.finish_reason)) message.finish_reason = raw.finish_reason as string;
    out.push(message);
  }
  out.push(...toolResults);
  return out;
}

/** A list of messages in any supported format (JSON string or structured) → messages. */
export function convertMessages(value: unknown, fallbackRole = 'user'): Message[] | undefined {
  const parsed = parseMaybeJson(value);
  if (parsed === undefined || parsed === null || parsed === '') return undefined;
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const out: Message[] = [];
  for (const item of list) {
    if (out.length >= MAX_MESSAGES) break;
    out.push(...convertMessage(item, fallbackRole));
  }
  return out.length ? out : undefined;
}

/** `gen_ai.system_instructions` (parts, JSON string or plain text) → content. */
export function convertSystemInstructions(value: unknown): string | MessagePart[] | undefined {
  const parsed = parseMaybeJson(value);
  if (typeof parsed === 'string') return parsed || undefined;
  const list = Array.isArray(parsed) ? parsed : isPlainObject(parsed) ? [parsed] : [];
  const parts: MessagePart[] = [];
  for (const item of list) {
    if (typeof item === 'string') parts.push({ type: 'text', text: item });
    else if (isPlainObject(item)) parts.push(convertPart(item));
  }
  return partsToContent(parts) ?? undefined;
}

/** Tool definitions (JSON string or structured; OTel or OpenAI shape) → a list. */
export function convertToolDefinitions(value: unknown): unknown[] | undefined {
  const parsed = parseMaybeJson(value);
  if (Array.isArray(parsed))
    return parsed.length ? parsed.map((t) => parseMaybeJson(t)) : undefined;
  if (isPlainObject(parsed)) return [parsed];
  return undefined;
}
