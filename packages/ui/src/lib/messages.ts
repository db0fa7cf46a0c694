/**
 * Reads `$ai_input` / `$ai_output_choices` (OpenAI chat style, content a string or parts) and
 * `$ai_tools` into one shape for the conversation view. Anything unexpected is kept as data
 * and shown as JSON text, never dropped.
 */

export interface ToolCallView {
  id?: string;
  name: string;
  /** Arguments as written (usually a JSON string). */
  arguments: unknown;
}

export type PartView =
  | { kind: 'text'; text: string }
  | { kind: 'reasoning'; text: string }
  | { kind: 'media'; label: string; detail?: string }
  | { kind: 'tool-call'; call: ToolCallView }
  | { kind: 'tool-result'; id?: string; result: unknown }
  | { kind: 'data'; label: string; value: unknown };

export interface MessageView {
  role: string;
  name?: string;
  toolCallId?: string;
  finishReason?: string;
  parts: PartView[];
}

export interface ToolDefinitionView {
  name: string;
  description?: string;
  schema?: unknown;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

function mediaDetail(part: Json): string | undefined {
  const imageUrl = part['image_url'];
  const candidates = [
    isObject(imageUrl) ? imageUrl['url'] : imageUrl,
    part['url'],
    part['uri'],
    part['image'],
    part['file_id'],
    part['filename'],
    part['mime_type'] ?? part['mimeType'] ?? part['media_type'] ?? part['mediaType'],
  ];
  const found = candidates.find((candidate) => typeof candidate === 'string');
  return typeof found === 'string' ? found : undefined;
}

function toolCallFrom(value: Json): ToolCallView {
  const fn = isObject(value['function']) ? value['function'] : undefined;
  const id = text(value['id']) ?? text(value['toolCallId']) ?? text(value['tool_call_id']);
  return {
    ...(id ? { id } : {}),
    name: text(fn?.['name']) ?? text(value['name']) ?? text(value['toolName']) ?? '(unnamed tool)',
    arguments: fn?.['arguments'] ?? value['arguments'] ?? value['args'] ?? value['input'],
  };
}

function partView(part: unknown): PartView {
  if (typeof part === 'string') return { kind: 'text', text: part };
  if (!isObject(part)) return { kind: 'data', label: 'value', value: part };
  const type = text(part['type']) ?? '';
  const body = text(part['text']) ?? text(part['content']);
  switch (type) {
    case 'text':
    case 'input_text':
    case 'output_text':
      return body !== undefined
        ? { kind: 'text', text: body }
        : { kind: 'data', label: type, value: part };
    case 'reasoning':
    case 'thinking':
      return { kind: 'reasoning', text: body ?? text(part['thinking']) ?? JSON.stringify(part) };
    case 'tool_call':
    case 'tool-call':
    case 'function_call':
    case 'tool_use':
      return { kind: 'tool-call', call: toolCallFrom(part) };
    case 'tool_call_response':
    case 'tool-result':
    case 'tool_result':
    case 'function_call_output': {
      const id = text(part['id']) ?? text(part['tool_call_id']) ?? text(part['toolCallId']);
      return {
        kind: 'tool-result',
        ...(id ? { id } : {}),
        result: part['response'] ?? part['result'] ?? part['output'] ?? part['content'],
      };
    }
    case 'image':
    case 'image_url':
    case 'input_image':
    case 'file':
    case 'input_file':
    case 'audio':
    case 'input_audio':
    case 'blob':
    case 'uri': {
      const detail = mediaDetail(part);
      return {
        kind: 'media',
        label: type.replace(/^input_/, '').replace('_url', ''),
        ...(detail ? { detail } : {}),
      };
    }
    default:
      return body !== undefined && Object.keys(part).length <= 2
        ? { kind: 'text', text: body }
        : { kind: 'data', label: type || 'part', value: part };
  }
}

function messageView(value: unknown): MessageView {
  if (!isObject(value)) return { role: 'user', parts: [partView(value)] };
  const role = text(value['role']) ?? 'unknown';
  const content = value['content'];
  const parts: PartView[] = [];
  if (typeof content === 'string') {
    if (content !== '') parts.push({ kind: 'text', text: content });
  } else if (Array.isArray(content)) parts.push(...content.map(partView));
  else if (content !== null && content !== undefined)
    parts.push({ kind: 'data', label: 'content', value: content });
  const calls = value['tool_calls'];
  if (Array.isArray(calls))
    for (const call of calls)
      if (isObject(call)) parts.push({ kind: 'tool-call', call: toolCallFrom(call) });
  const name = text(value['name']);
  const toolCallId = text(value['tool_call_id']);
  const finishReason = text(value['finish_reason']);
  return {
    role,
    ...(name ? { name } : {}),
    ...(toolCallId ? { toolCallId } : {}),
    ...(finishReason ? { finishReason } : {}),
    parts,
  };
}

/** Messages of `$ai_input` or `$ai_output_choices`; `undefined` when absent. */
export function readMessages(value: unknown, defaultRole: string): MessageView[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string')
    return [{ role: defaultRole, parts: [{ kind: 'text', text: value }] }];
  if (Array.isArray(value)) return value.map(messageView);
  if (isObject(value) && Array.isArray(value['choices']))
    return (value['choices'] as unknown[]).map((choice) =>
      messageView(isObject(choice) && isObject(choice['message']) ? choice['message'] : choice),
    );
  if (isObject(value) && 'role' in value) return [messageView(value)];
  return [{ role: defaultRole, parts: [{ kind: 'data', label: 'value', value }] }];
}

export function readTools(value: unknown): ToolDefinitionView[] {
  if (!Array.isArray(value)) return [];
  return value.map((tool) => {
    if (!isObject(tool)) return { name: String(tool) };
    const fn = isObject(tool['function']) ? tool['function'] : undefined;
    const description = text(fn?.['description']) ?? text(tool['description']);
    const schema =
      fn?.['parameters'] ??
      tool['inputSchema'] ??
      tool['parameters'] ??
      tool['input_schema'] ??
      tool['json_schema'];
    return {
      name: text(fn?.['name']) ?? text(tool['name']) ?? '(unnamed tool)',
      ...(description ? { description } : {}),
      ...(schema !== undefined ? { schema } : {}),
    };
  });
}
