import type { Message, MessagePart, ModelParameters, PartialCall, Usage } from '../types';
import { isPlainObject, parseMaybeJson, safeStringify } from '../util/json';
import { toNumber } from '../util/read';
import { convertMessage, convertMessages, makeToolCall, partsToContent } from './messages';

/**
 * Provider request and response bodies as some frameworks record them whole (MLflow's span
 * inputs and outputs, Logfire's `request_data` / `response_data`): OpenAI Chat Completions,
 * Embeddings and Responses, and Anthropic Messages. Field names are the providers' wire names.
 */

type Json = Record<string, unknown>;

const PARAMETER_NAMES = [
  'temperature',
  'max_tokens',
  'max_completion_tokens',
  'max_output_tokens',
  'top_p',
  'top_k',
  'frequency_penalty',
  'presence_penalty',
  'seed',
  'n',
  'stop',
  'stop_sequences',
  'tool_choice',
  'response_format',
  'reasoning_effort',
  'service_tier',
  'dimensions',
  'encoding_format',
] as const;

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function asObject(value: unknown): Json | undefined {
  const parsed = parseMaybeJson(value);
  return isPlainObject(parsed) ? parsed : undefined;
}

/** Text of an Anthropic `tool_result` content: a string, or text blocks joined. */
function toolResultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return content === undefined ? '' : safeStringify(content);
  return content
    .map((block) => (isPlainObject(block) && typeof block.text === 'string' ? block.text : ''))
    .filter(Boolean)
    .join('\n');
}

/** One Anthropic content block (other than tool_use / tool_result) → a part. */
function anthropicPart(block: Json): MessagePart {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: str(block.text) ?? '' };
    case 'thinking':
      return { type: 'reasoning', text: str(block.thinking) ?? '' };
    case 'image': {
      const source = isPlainObject(block.source) ? block.source : {};
      const image =
        source.type === 'base64'
          ? `data:${str(source.media_type) ?? 'image/png'};base64,${str(source.data) ?? ''}`
          : (str(source.url) ?? '');
      return { type: 'image', image };
    }
    default: {
      const copy: MessagePart = { type: str(block.type) ?? 'unknown' };
      for (const [key, value] of Object.entries(block)) if (key !== 'type') copy[key] = value;
      return copy;
    }
  }
}

/** Whether a message is in Anthropic's shape (content blocks with Anthropic-only types). */
function isAnthropicMessage(message: Json): boolean {
  return (
    Array.isArray(message.content) &&
    message.content.some(
      (block) =>
        isPlainObject(block) &&
        (block.type === 'tool_use' ||
          block.type === 'tool_result' ||
          block.type === 'thinking' ||
          (block.type === 'image' && isPlainObject(block.source))),
    )
  );
}

/** One Anthropic message → messages (tool results become `tool` messages, as in OpenAI's shape). */
export function convertAnthropicMessage(raw: unknown, fallbackRole = 'user'): Message[] {
  if (!isPlainObject(raw) || !Array.isArray(raw.content)) return convertMessage(raw, fallbackRole);
  const role = str(raw.role) ?? fallbackRole;
  const parts: MessagePart[] = [];
  const calls = [];
  const results: Message[] = [];
  for (const block of raw.content) {
    if (typeof block === 'string') parts.push({ type: 'text', text: block });
    if (!isPlainObject(block)) continue;
    if (block.type === 'tool_use') calls.push(makeToolCall(block.id, block.name, block.input));
    else if (block.type === 'tool_result') {
      const result: Message = { role: 'tool', content: toolResultText(block.content) };
      if (str(block.tool_use_id)) result.tool_call_id = block.tool_use_id as string;
      results.push(result);
    } else parts.push(anthropicPart(block));
  }
  const out: Message[] = [];
  if (parts.length || calls.length || !results.length) {
    const message: Message = { role, content: partsToContent(parts) };
    if (calls.length) message.tool_calls = calls;
    out.push(message);
  }
  return [...out, ...results];
}

/** A message list in OpenAI or Anthropic shape → messages. */
function convertAnyMessages(value: unknown, fallbackRole: string): Message[] | undefined {
  const list = parseMaybeJson(value);
  if (!Array.isArray(list)) return convertMessages(list, fallbackRole);
  const out: Message[] = [];
  for (const item of list) {
    if (isPlainObject(item) && isAnthropicMessage(item))
      out.push(...convertAnthropicMessage(item, fallbackRole));
    else out.push(...convertMessage(item, fallbackRole));
  }
  return out.length ? out : undefined;
}

/** Anthropic `system`: a string or text blocks. */
function systemContent(value: unknown): string | MessagePart[] | undefined {
  if (typeof value === 'string') return value || undefined;
  if (!Array.isArray(value)) return undefined;
  const parts = value.filter(isPlainObject).map(anthropicPart);
  return partsToContent(parts) ?? undefined;
}

/** Tokens as a provider body reports them; `inputIncludesCache` only when the shape says so. */
export function usageFromBody(value: unknown): Usage | undefined {
  const usage = asObject(value);
  if (!usage) return undefined;
  const out: Usage = {};
  const set = (key: keyof Usage, raw: unknown) => {
    const n = toNumber(raw);
    if (n !== undefined) (out as Record<string, unknown>)[key] = n;
  };
  const promptDetails = isPlainObject(usage.prompt_tokens_details)
    ? usage.prompt_tokens_details
    : isPlainObject(usage.input_tokens_details)
      ? usage.input_tokens_details
      : undefined;
  const completionDetails = isPlainObject(usage.completion_tokens_details)
    ? usage.completion_tokens_details
    : isPlainObject(usage.output_tokens_details)
      ? usage.output_tokens_details
      : undefined;
  set('inputTokens', usage.prompt_tokens ?? usage.input_tokens);
  set('outputTokens', usage.completion_tokens ?? usage.output_tokens);
  set('totalTokens', usage.total_tokens);
  set('cacheReadTokens', usage.cache_read_input_tokens ?? promptDetails?.cached_tokens);
  set('cacheWriteTokens', usage.cache_creation_input_tokens);
  set('reasoningTokens', completionDetails?.reasoning_tokens);
  if (!Object.keys(out).length) return undefined;
  if ('prompt_tokens' in usage || promptDetails) out.inputIncludesCache = true;
  // Anthropic's raw `input_tokens` leaves out the cache reads and writes it reports beside it.
  else if ('cache_read_input_tokens' in usage || 'cache_creation_input_tokens' in usage)
    out.inputIncludesCache = false;
  return out;
}

/** Tool definitions of a request: OpenAI `{type:'function', function}` or Anthropic `{name, input_schema}`. */
function toolsFromBody(value: unknown): unknown[] | undefined {
  const list = parseMaybeJson(value);
  return Array.isArray(list) && list.length ? list : undefined;
}

/** What a provider request body says: model, messages, system, tools, parameters, stream. */
export function callFromRequestBody(value: unknown): PartialCall | undefined {
  const body = asObject(value);
  if (!body) return undefined;
  const call: PartialCall = {};
  call.requestModel = str(body.model);
  if (body.messages !== undefined) call.input = convertAnyMessages(body.messages, 'user');
  else if (typeof body.input === 'string' || Array.isArray(body.input)) {
    // Responses API input, or an embeddings input (kept as the prompt text).
    const input = body.input;
    call.input =
      typeof input === 'string'
        ? [{ role: 'user', content: input }]
        : input.every((item) => typeof item === 'string')
          ? [{ role: 'user', content: input.join('\n') }]
          : convertAnyMessages(input, 'user');
  } else if (typeof body.prompt === 'string') call.input = [{ role: 'user', content: body.prompt }];
  call.systemInstructions = systemContent(body.system) ?? str(body.instructions);
  call.tools = toolsFromBody(body.tools);
  const parameters: ModelParameters = {};
  for (const name of PARAMETER_NAMES) if (body[name] !== undefined) parameters[name] = body[name];
  if (parameters.max_tokens === undefined) {
    const max = parameters.max_completion_tokens ?? parameters.max_output_tokens;
    if (max !== undefined) parameters.max_tokens = max;
  }
  if (Object.keys(parameters).length) call.parameters = parameters;
  if (typeof body.stream === 'boolean') call.stream = body.stream;
  return call;
}

/** OpenAI `choices` → output messages with their finish reasons. */
function outputFromChoices(choices: unknown[]): Message[] | undefined {
  const out: Message[] = [];
  for (const choice of choices) {
    if (!isPlainObject(choice)) continue;
    const raw: Record<string, unknown> = isPlainObject(choice.message)
      ? { ...choice.message }
      : { role: 'assistant', content: choice.text };
    if (str(choice.finish_reason)) raw.finish_reason = choice.finish_reason;
    out.push(...convertMessage(raw, 'assistant'));
  }
  return out.length ? out : undefined;
}

/** Responses API `output` items → one assistant message. */
function outputFromResponsesItems(items: unknown[]): Message[] | undefined {
  const parts: MessagePart[] = [];
  const calls = [];
  for (const item of items) {
    if (!isPlainObject(item)) continue;
    if (item.type === 'function_call')
      calls.push(makeToolCall(item.call_id ?? item.id, item.name, item.arguments));
    else if (item.type === 'message' && Array.isArray(item.content)) {
      for (const part of item.content)
        if (isPlainObject(part) && typeof part.text === 'string')
          parts.push({ type: 'text', text: part.text });
    }
  }
  if (!parts.length && !calls.length) return undefined;
  const message: Message = { role: 'assistant', content: partsToContent(parts) };
  if (calls.length) message.tool_calls = calls;
  return [message];
}

/**
 * What a provider response body says: output, usage, model, id, stop reason. Also takes
 * Logfire's `{message, usage}` summary and a bare string.
 */
export function callFromResponseBody(value: unknown): PartialCall | undefined {
  const parsed = parseMaybeJson(value);
  if (typeof parsed === 'string')
    return parsed ? { output: [{ role: 'assistant', content: parsed }] } : undefined;
  if (!isPlainObject(parsed)) return undefined;
  const body = parsed;
  const call: PartialCall = {};
  call.responseModel = str(body.model);
  call.responseId = str(body.id);
  call.usage = usageFromBody(body.usage);
  if (Array.isArray(body.choices)) {
    call.output = outputFromChoices(body.choices);
    const first = body.choices.find(isPlainObject);
    call.stopReason = first ? str(first.finish_reason) : undefined;
  } else if (Array.isArray(body.content) && body.type === 'message') {
    call.output = convertAnthropicMessage(
      { role: 'assistant', content: body.content },
      'assistant',
    );
    call.stopReason = str(body.stop_reason);
    if (call.output?.[0] && call.stopReason) call.output[0].finish_reason = call.stopReason;
  } else if (Array.isArray(body.output)) {
    call.output = outputFromResponsesItems(body.output);
  } else if (isPlainObject(body.message)) {
    call.output = convertMessage(body.message, 'assistant');
  } else if (typeof body.combined_chunk_content === 'string') {
    call.output = [{ role: 'assistant', content: body.combined_chunk_content }];
  }
  return call;
}
