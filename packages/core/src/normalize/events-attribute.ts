import { EVENT_NAME } from '../semconv/common';
import {
  GEN_AI_ASSISTANT_MESSAGE_EVENT,
  GEN_AI_CHOICE_EVENT,
  GEN_AI_SYSTEM_MESSAGE_EVENT,
  GEN_AI_TOOL_MESSAGE_EVENT,
  GEN_AI_USER_MESSAGE_EVENT,
} from '../semconv/gen-ai';
import type { AttributeValue, LogRecordRecord, SpanRecord } from '../types';
import { isPlainObject, parseMaybeJson } from '../util/json';
import { contentFromEvents, type ContentFromEvents } from './content-events';

/**
 * GenAI content events packed into one span attribute, as Pydantic AI (instrumentation
 * version 1, `event_mode='attributes'`) and Logfire's OpenAI Responses integration write them:
 * a JSON array of `{...body, ...attributes}` dicts, each with `event.name` (older releases
 * leave it out; it is then inferred from the role, or from `message` + `index` for a choice).
 */

const EVENT_BY_ROLE: Record<string, string> = {
  system: GEN_AI_SYSTEM_MESSAGE_EVENT,
  user: GEN_AI_USER_MESSAGE_EVENT,
  assistant: GEN_AI_ASSISTANT_MESSAGE_EVENT,
  tool: GEN_AI_TOOL_MESSAGE_EVENT,
};

function eventName(event: Record<string, unknown>): string | undefined {
  const named = event[EVENT_NAME];
  if (typeof named === 'string') return named;
  if ('message' in event && 'index' in event) return GEN_AI_CHOICE_EVENT;
  return typeof event.role === 'string' ? EVENT_BY_ROLE[event.role] : undefined;
}

/** The events of the attribute, in order; `undefined` when it is not such a list. */
function readEvents(
  value: unknown,
): Array<{ name: string; body: Record<string, unknown> }> | undefined {
  const list = parseMaybeJson(value);
  if (!Array.isArray(list)) return undefined;
  const events = [];
  for (const item of list) {
    if (!isPlainObject(item)) continue;
    const name = eventName(item);
    if (!name) continue;
    const body: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(item)) if (key !== EVENT_NAME) body[key] = inner;
    events.push({ name, body });
  }
  return events;
}

/**
 * Messages of an events attribute. Without any `gen_ai.choice`, the assistant messages after
 * the last non-assistant one are the output (Logfire appends a Responses API output that way).
 */
export function contentFromEventsAttribute(
  span: SpanRecord,
  value: unknown,
): ContentFromEvents | undefined {
  const events = readEvents(value);
  if (!events?.length) return undefined;
  if (!events.some((event) => event.name === GEN_AI_CHOICE_EVENT)) {
    let index = events.length;
    while (index > 0 && events[index - 1]!.name === GEN_AI_ASSISTANT_MESSAGE_EVENT) index--;
    // A conversation of assistant messages only has no input to tell the output from.
    if (index > 0) {
      for (let i = index; i < events.length; i++) {
        const { body } = events[i]!;
        events[i] = { name: GEN_AI_CHOICE_EVENT, body: { index: i - index, message: body } };
      }
    }
  }
  const logs: LogRecordRecord[] = events.map(({ name, body }) => ({
    timeUnixNano: '0',
    eventName: name,
    body: body as AttributeValue,
    attributes: {},
  }));
  return contentFromEvents({ ...span, events: [], logs });
}
