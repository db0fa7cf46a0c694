import {
  GEN_AI_ASSISTANT_MESSAGE_EVENT,
  GEN_AI_CHOICE_EVENT,
  GEN_AI_COMPLETION,
  GEN_AI_CONTENT_COMPLETION_EVENT,
  GEN_AI_CONTENT_PROMPT_EVENT,
  GEN_AI_INFERENCE_DETAILS_EVENT,
  GEN_AI_INPUT_MESSAGES,
  GEN_AI_OUTPUT_MESSAGES,
  GEN_AI_PROMPT,
  GEN_AI_SYSTEM_INSTRUCTIONS,
  GEN_AI_SYSTEM_MESSAGE_EVENT,
  GEN_AI_TOOL_DEFINITIONS,
  GEN_AI_TOOL_MESSAGE_EVENT,
  GEN_AI_USER_MESSAGE_EVENT,
} from '../semconv/gen-ai';
import type { AttributeValue, Message, MessagePart, SpanRecord } from '../types';
import { isPlainObject, parseMaybeJson } from '../util/json';
import { setOwn } from '../util/own';
import {
  convertMessage,
  convertMessages,
  convertSystemInstructions,
  convertToolDefinitions,
} from './messages';

/**
 * Message content that instrumentations record as span events or as log records (the
 * OpenTelemetry contrib OpenAI instrumentation writes content only as log records).
 */

export interface ContentFromEvents {
  input?: Message[];
  output?: Message[];
  systemInstructions?: string | MessagePart[];
  tools?: unknown[];
  /**
   * Content events were recorded but every one was empty: the instrumentation's content
   * capture is off, so content it still put on the span must not be sent either.
   */
  captureOff?: boolean;
}

interface ContentEvent {
  name: string;
  body: Record<string, unknown>;
}

const ROLE_BY_EVENT: Record<string, string> = {
  [GEN_AI_SYSTEM_MESSAGE_EVENT]: 'system',
  [GEN_AI_USER_MESSAGE_EVENT]: 'user',
  [GEN_AI_ASSISTANT_MESSAGE_EVENT]: 'assistant',
  [GEN_AI_TOOL_MESSAGE_EVENT]: 'tool',
};

const CONTENT_EVENT_NAMES = new Set<string>([
  ...Object.keys(ROLE_BY_EVENT),
  GEN_AI_CHOICE_EVENT,
  GEN_AI_INFERENCE_DETAILS_EVENT,
  GEN_AI_CONTENT_PROMPT_EVENT,
  GEN_AI_CONTENT_COMPLETION_EVENT,
]);

/** Whether a span event or log record name is a GenAI content event. */
export function isContentEventName(name: string | undefined): boolean {
  return name !== undefined && CONTENT_EVENT_NAMES.has(name);
}

/** A body may arrive structured (kvlist), as a JSON string, or flattened into attributes. */
function eventBody(
  body: AttributeValue | undefined,
  attributes: Record<string, AttributeValue>,
): Record<string, unknown> {
  const parsed = parseMaybeJson(body);
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) setOwn(merged, key, value);
  if (isPlainObject(parsed)) {
    for (const [key, value] of Object.entries(parsed)) setOwn(merged, key, value);
  } else if (typeof parsed === 'string' && !('content' in merged)) {
    merged.content = parsed;
  }
  return merged;
}

function collectEvents(span: SpanRecord): ContentEvent[] {
  const events: ContentEvent[] = [];
  for (const event of span.events) {
    if (isContentEventName(event.name))
      events.push({ name: event.name, body: eventBody(undefined, event.attributes) });
  }
  for (const record of span.logs) {
    if (isContentEventName(record.eventName))
      events.push({ name: record.eventName!, body: eventBody(record.body, record.attributes) });
  }
  return events;
}

/**
 * Messages with neither content nor tool calls carry nothing (content capture off gives `{}`
 * bodies; a reasoning item gives `parts: []`): they are left out, and so is an empty list.
 */
function nonEmpty(messages: Message[]): Message[] | undefined {
  const kept = messages.filter(
    (m) =>
      (m.content !== null &&
        m.content !== '' &&
        !(Array.isArray(m.content) && m.content.length === 0)) ||
      m.tool_calls?.length,
  );
  return kept.length ? kept : undefined;
}

/** Every content event of a span (span events first, then log records) → messages. */
export function contentFromEvents(span: SpanRecord): ContentFromEvents | undefined {
  if (span.events.length === 0 && span.logs.length === 0) return undefined;
  const events = collectEvents(span);
  if (!events.length) return undefined;

  const input: Message[] = [];
  const detailsInput: Message[] = [];
  const detailsOutput: Message[] = [];
  const choices: Array<{ index: number; messages: Message[] }> = [];
  const result: ContentFromEvents = {};

  for (const { name, body } of events) {
    const role = ROLE_BY_EVENT[name];
    if (role) {
      const raw: Record<string, unknown> = {
        ...body,
        role: typeof body.role === 'string' ? body.role : role,
      };
      if (role === 'tool' && typeof body.id === 'string') raw.tool_call_id = body.id;
      input.push(...convertMessage(raw, role));
    } else if (name === GEN_AI_CHOICE_EVENT) {
      const message = isPlainObject(parseMaybeJson(body.message))
        ? (parseMaybeJson(body.message) as Record<string, unknown>)
        : body;
      const raw: Record<string, unknown> = {
        ...message,
        role: typeof message.role === 'string' ? message.role : 'assistant',
      };
      if (typeof body.finish_reason === 'string') raw.finish_reason = body.finish_reason;
      const index = typeof body.index === 'number' ? body.index : choices.length;
      choices.push({ index, messages: convertMessage(raw, 'assistant') });
    } else if (name === GEN_AI_INFERENCE_DETAILS_EVENT) {
      // The Responses API instrumentation splits one call into several records (the input,
      // then one output per item when streaming): concatenate them in order.
      detailsInput.push(...(convertMessages(body[GEN_AI_INPUT_MESSAGES]) ?? []));
      detailsOutput.push(...(convertMessages(body[GEN_AI_OUTPUT_MESSAGES], 'assistant') ?? []));
      result.systemInstructions ??= convertSystemInstructions(body[GEN_AI_SYSTEM_INSTRUCTIONS]);
      result.tools ??= convertToolDefinitions(body[GEN_AI_TOOL_DEFINITIONS]);
    } else if (name === GEN_AI_CONTENT_PROMPT_EVENT) {
      result.input ??= convertMessages(body[GEN_AI_PROMPT]);
    } else if (name === GEN_AI_CONTENT_COMPLETION_EVENT) {
      result.output ??= convertMessages(body[GEN_AI_COMPLETION], 'assistant');
    }
  }
  result.input ??= nonEmpty(detailsInput) ?? nonEmpty(input);
  result.output ??=
    nonEmpty(detailsOutput) ??
    nonEmpty(choices.sort((a, b) => a.index - b.index).flatMap((c) => c.messages));
  if (!result.input && !result.output && !result.systemInstructions && !result.tools)
    result.captureOff = true;
  return result;
}
