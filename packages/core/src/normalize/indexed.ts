import type { Message } from '../types';
import type { AttributeReader } from '../util/read';
import { isPlainObject, parseMaybeJson } from '../util/json';
import { convertMessage, makeToolCall } from './messages';

/**
 * The deprecated indexed form (`gen_ai.prompt.{i}.role`, `gen_ai.completion.{i}.tool_calls.{j}.name`,
 * `llm.request.functions.{i}.name`). Attribute maps come from the network, so the index space
 * is hostile: only present indexes are visited (no array sized by the largest index), indexes
 * are bounded and so is the number of groups.
 */

/** Largest index accepted; a key beyond it is consumed and ignored. */
export const MAX_INDEX = 100_000;
/** Most groups kept per prefix. */
export const MAX_GROUPS = 1_000;

const INDEX_PATTERN = /^(\d{1,9})\.(.+)$/;

export interface IndexedGroup {
  index: number;
  fields: Map<string, unknown>;
}

/** Group `prefix.{i}.field` keys by index, in ascending index order. Consumes every such key. */
export function groupIndexed(reader: AttributeReader, prefix: string): IndexedGroup[] {
  const dotted = `${prefix}.`;
  const groups = new Map<number, Map<string, unknown>>();
  for (const key of reader.keysWithPrefix(dotted)) {
    reader.consume(key);
    const match = INDEX_PATTERN.exec(key.slice(dotted.length));
    if (!match) continue;
    const index = Number(match[1]);
    if (index > MAX_INDEX) continue;
    let fields = groups.get(index);
    if (!fields) {
      if (groups.size >= MAX_GROUPS) continue;
      fields = new Map();
      groups.set(index, fields);
    }
    fields.set(match[2]!, reader.attributes[key]);
  }
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([index, fields]) => ({ index, fields }));
}

/** Sub-groups inside one group's fields: `tool_calls.{j}.name` → [{index: j, fields: {name}}]. */
export function subGroups(fields: Map<string, unknown>, prefix: string): IndexedGroup[] {
  const dotted = `${prefix}.`;
  const groups = new Map<number, Map<string, unknown>>();
  for (const [key, value] of fields) {
    if (!key.startsWith(dotted)) continue;
    const match = INDEX_PATTERN.exec(key.slice(dotted.length));
    if (!match) continue;
    const index = Number(match[1]);
    if (index > MAX_INDEX) continue;
    let sub = groups.get(index);
    if (!sub) {
      if (groups.size >= MAX_GROUPS) continue;
      sub = new Map();
      groups.set(index, sub);
    }
    sub.set(match[2]!, value);
  }
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([index, f]) => ({ index, fields: f }));
}

function fieldString(fields: Map<string, unknown>, key: string): string | undefined {
  const value = fields.get(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Content of an indexed message: plain text, or a JSON array of parts (OpenLLMetry multi-part). */
function indexedContent(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const parsed = parseMaybeJson(value);
  return Array.isArray(parsed) &&
    parsed.every((p) => isPlainObject(p) && typeof p.type === 'string')
    ? parsed
    : value;
}

/** Messages from an indexed prefix (`gen_ai.prompt`, `gen_ai.completion`). */
export function readIndexedMessages(
  reader: AttributeReader,
  prefix: string,
  defaultRole: string,
): Message[] | undefined {
  const groups = groupIndexed(reader, prefix);
  if (!groups.length) return undefined;
  const out: Message[] = [];
  for (const { fields } of groups) {
    const raw: Record<string, unknown> = {
      role: fieldString(fields, 'role') ?? defaultRole,
      content: indexedContent(fields.get('content')),
    };
    const toolCallId = fieldString(fields, 'tool_call_id');
    if (toolCallId) raw.tool_call_id = toolCallId;
    const finish = fieldString(fields, 'finish_reason');
    if (finish) raw.finish_reason = finish;
    const [message, ...rest] = convertMessage(raw, defaultRole);
    if (!message) continue;
    const calls = subGroups(fields, 'tool_calls').map(({ fields: f }) =>
      makeToolCall(f.get('id'), f.get('name'), f.get('arguments')),
    );
    const fnName = fieldString(fields, 'function_call.name');
    if (fnName) calls.push(makeToolCall(undefined, fnName, fields.get('function_call.arguments')));
    if (calls.length) message.tool_calls = calls;
    out.push(message, ...rest);
  }
  return out.length ? out : undefined;
}
