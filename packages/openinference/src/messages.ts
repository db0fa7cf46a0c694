import {
  convertMessage,
  groupIndexed,
  makeToolCall,
  subGroups,
  type AttributeReader,
  type Message,
  type MessagePart,
  type ToolCall,
} from '@llm-analytics/core';
import {
  OI_AUDIO_MIME_TYPE,
  OI_AUDIO_TRANSCRIPT,
  OI_AUDIO_URL,
  OI_IMAGE_URL,
  OI_MESSAGE_CONTENT,
  OI_MESSAGE_CONTENT_AUDIO,
  OI_MESSAGE_CONTENT_IMAGE,
  OI_MESSAGE_CONTENT_TEXT,
  OI_MESSAGE_CONTENT_TYPE,
  OI_MESSAGE_CONTENT_VIDEO,
  OI_MESSAGE_CONTENTS,
  OI_MESSAGE_FUNCTION_CALL_ARGUMENTS_JSON,
  OI_MESSAGE_FUNCTION_CALL_NAME,
  OI_MESSAGE_NAME,
  OI_MESSAGE_ROLE,
  OI_MESSAGE_TOOL_CALL_ID,
  OI_MESSAGE_TOOL_CALLS,
  OI_TOOL_CALL_FUNCTION_ARGUMENTS,
  OI_TOOL_CALL_FUNCTION_NAME,
  OI_TOOL_CALL_ID,
  OI_VIDEO_URL,
} from '@llm-analytics/core/semconv';
import { isPlainObject, safeStringify } from '@llm-analytics/core';
import { nonEmptyString } from './json';

/**
 * Messages rebuilt from OpenInference's flattened form:
 * `llm.input_messages.{i}.message.{role,content,name,tool_call_id}`,
 * `….message.contents.{j}.message_content.{type,text,image.image.url}` and
 * `….message.tool_calls.{j}.tool_call.{id,function.name,function.arguments}`.
 * Indexes come from the network: core's `groupIndexed` / `subGroups` visit only present
 * indexes, within a budget.
 */

const PART_PREFIX = 'message_content.';
const IMAGE_URL = `${OI_MESSAGE_CONTENT_IMAGE}.${OI_IMAGE_URL}`;
const AUDIO_URL = `${OI_MESSAGE_CONTENT_AUDIO}.${OI_AUDIO_URL}`;
const AUDIO_MIME_TYPE = `${OI_MESSAGE_CONTENT_AUDIO}.${OI_AUDIO_MIME_TYPE}`;
const AUDIO_TRANSCRIPT = `${OI_MESSAGE_CONTENT_AUDIO}.${OI_AUDIO_TRANSCRIPT}`;
const VIDEO_URL = `${OI_MESSAGE_CONTENT_VIDEO}.${OI_VIDEO_URL}`;

type Fields = Map<string, unknown>;

function text(fields: Fields, key: string): string | undefined {
  const value = fields.get(key);
  if (typeof value === 'string') return value;
  return value === undefined || value === null ? undefined : safeStringify(value);
}

/** One `message_content` part → our part; `undefined` for an empty reasoning placeholder. */
function convertPart(fields: Fields): MessagePart | undefined {
  const type = nonEmptyString(fields.get(OI_MESSAGE_CONTENT_TYPE));
  const body = text(fields, OI_MESSAGE_CONTENT_TEXT);
  switch (type) {
    case undefined:
      if (body !== undefined) return { type: 'text', text: body };
      if (fields.has(IMAGE_URL)) return { type: 'image', image: text(fields, IMAGE_URL) ?? '' };
      return undefined;
    case 'text':
    case 'input_text':
    case 'output_text':
      return { type: 'text', text: body ?? '' };
    case 'image':
    case 'image_url':
    case 'input_image':
      return { type: 'image', image: text(fields, IMAGE_URL) ?? '' };
    case 'audio':
    case 'input_audio': {
      const part: MessagePart = { type: 'audio', audio: text(fields, AUDIO_URL) ?? '' };
      const mime = text(fields, AUDIO_MIME_TYPE);
      if (mime) part.mime_type = mime;
      const transcript = text(fields, AUDIO_TRANSCRIPT);
      if (transcript) part.transcript = transcript;
      return part;
    }
    case 'video':
      return { type: 'video', video: text(fields, VIDEO_URL) ?? '' };
    case 'reasoning':
      // Responses API reasoning items without a summary carry only opaque, encrypted content.
      return body ? { type: 'reasoning', text: body } : undefined;
    default: {
      // Unknown part types (refusal, tool_use, …) keep every field the instrumentation sent.
      const part: MessagePart = { type };
      for (const [key, value] of fields) {
        if (key === OI_MESSAGE_CONTENT_TYPE) continue;
        part[key.startsWith(PART_PREFIX) ? key.slice(PART_PREFIX.length) : key] = value;
      }
      return part;
    }
  }
}

/** Parts → content: a plain string when every part is text (as the core does), else the parts. */
function partsToContent(parts: MessagePart[]): string | MessagePart[] | null {
  if (parts.length === 0) return null;
  if (parts.every((part) => part.type === 'text')) return parts.map((p) => p.text).join('');
  return parts;
}

function convertToolCalls(fields: Fields): ToolCall[] {
  return subGroups(fields, OI_MESSAGE_TOOL_CALLS).map(({ fields: call }) =>
    makeToolCall(
      call.get(OI_TOOL_CALL_ID),
      call.get(OI_TOOL_CALL_FUNCTION_NAME),
      call.get(OI_TOOL_CALL_FUNCTION_ARGUMENTS),
    ),
  );
}

/** One indexed message group → a message; `undefined` when it holds nothing at all. */
function convertIndexedMessage(fields: Fields, defaultRole: string): Message | undefined {
  const role = nonEmptyString(fields.get(OI_MESSAGE_ROLE)) ?? defaultRole;
  const partGroups = subGroups(fields, OI_MESSAGE_CONTENTS);
  const parts: MessagePart[] = [];
  for (const { fields: partFields } of partGroups) {
    const part = convertPart(partFields);
    if (part) parts.push(part);
  }
  const content = parts.length ? partsToContent(parts) : (text(fields, OI_MESSAGE_CONTENT) ?? null);
  const message: Message = { role, content };

  const toolCalls = convertToolCalls(fields);
  const functionName = nonEmptyString(fields.get(OI_MESSAGE_FUNCTION_CALL_NAME));
  if (functionName && role === 'function') {
    // On a function-role input message the instrumentation records the function's name here.
    message.name = functionName;
  } else if (functionName) {
    toolCalls.push(
      makeToolCall(undefined, functionName, fields.get(OI_MESSAGE_FUNCTION_CALL_ARGUMENTS_JSON)),
    );
  }
  if (toolCalls.length) {
    message.tool_calls = toolCalls;
    // Streamed tool calls arrive with an empty text: OpenAI's own shape says null.
    if (message.content === '') message.content = null;
  }
  const toolCallId = text(fields, OI_MESSAGE_TOOL_CALL_ID);
  if (toolCallId) message.tool_call_id = toolCallId;
  const name = nonEmptyString(fields.get(OI_MESSAGE_NAME));
  if (name) message.name = name;

  const onlyEmptyReasoning = partGroups.length > 0 && parts.length === 0 && content === null;
  if (onlyEmptyReasoning && !toolCalls.length && !toolCallId) return undefined;
  return message;
}

/** Messages under an indexed prefix (`llm.input_messages`, `llm.output_messages`). */
export function readIndexedMessages(
  reader: AttributeReader,
  prefix: string,
  defaultRole: string,
): Message[] | undefined {
  const out: Message[] = [];
  for (const { fields } of groupIndexed(reader, prefix)) {
    const message = convertIndexedMessage(fields, defaultRole);
    if (message) out.push(message);
  }
  return out.length ? out : undefined;
}

function messagesFrom(list: unknown, fallbackRole: string): Message[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const out: Message[] = [];
  for (const item of list) out.push(...convertMessage(item, fallbackRole));
  return out.length ? out : undefined;
}

/**
 * Input messages from the raw `input.value` when no structured messages were recorded: an
 * OpenAI request body (`messages`, or the Responses API `instructions` + `input`), else the
 * value itself as one user message.
 */
export function messagesFromRawInput(value: unknown): Message[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (isPlainObject(value)) {
    const fromChat = messagesFrom(value.messages, 'user');
    if (fromChat) return fromChat;
    const input = value.input ?? value.prompt;
    if (input !== undefined) {
      const system = nonEmptyString(value.instructions);
      const rest =
        typeof input === 'string'
          ? [{ role: 'user', content: input }]
          : (messagesFrom(input, 'user') ?? []);
      const all = system ? [{ role: 'system', content: system }, ...rest] : rest;
      return all.length ? all : undefined;
    }
  }
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return value.map((item) => ({ role: 'user', content: item }));
  }
  return [{ role: 'user', content: safeStringify(value) }];
}

/**
 * Output messages from the raw `output.value` when none were recorded: an OpenAI chat
 * completion (`choices`), a Responses API response (`output` items), else the value itself as
 * one assistant message.
 */
export function messagesFromRawOutput(value: unknown): Message[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (isPlainObject(value)) {
    if (Array.isArray(value.choices)) {
      const out: Message[] = [];
      for (const choice of value.choices) {
        if (!isPlainObject(choice)) continue;
        const [message] = isPlainObject(choice.message)
          ? convertMessage(choice.message, 'assistant')
          : [{ role: 'assistant', content: nonEmptyString(choice.text) ?? null }];
        if (!message) continue;
        const finish = nonEmptyString(choice.finish_reason);
        if (finish) message.finish_reason = finish;
        out.push(message);
      }
      if (out.length) return out;
    }
    if (Array.isArray(value.output)) {
      const items = value.output.filter((item) => isPlainObject(item) && 'role' in item);
      const fromItems = messagesFrom(items, 'assistant');
      if (fromItems) return fromItems;
    }
  }
  return [{ role: 'assistant', content: safeStringify(value) }];
}
