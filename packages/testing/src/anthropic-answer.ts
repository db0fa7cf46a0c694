import { chooseTool, limitText, toolResultText, type FunctionToolDefinition } from './chat-answer';
import {
  asArray,
  asNumber,
  asRecord,
  asString,
  contentToText,
  type JsonRecord,
} from './json-utils';
import { sampleValueForSchema } from './tool-arguments';

/** One content block the mock answers with (Messages API shapes). */
export type AnthropicAnswerBlock =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'text'; text: string }
  | { type: 'tool_use'; name: string; input: Record<string, unknown> };

export interface AnthropicAnswer {
  blocks: AnthropicAnswerBlock[];
  stopReason: 'end_turn' | 'max_tokens' | 'tool_use';
}

const GREETING = 'Hello from the mock Anthropic server.';

/** Thinking text of a request with `thinking: { type: 'enabled' }`. */
export const MOCK_THINKING = 'The user asked something; answer it directly.';

/** Custom tools of a request (`{ name, input_schema }`; server tools have a `type` of their own). */
function customTools(body: JsonRecord): FunctionToolDefinition[] {
  return asArray(body.tools).flatMap((tool) => {
    const record = asRecord(tool);
    const name = asString(record.name);
    const custom = record.type === undefined || record.type === 'custom';
    return name !== undefined && custom ? [{ name, parameters: record.input_schema }] : [];
  });
}

/** Anthropic's `tool_choice` (`auto`, `any`, `tool` + name, `none`) in the OpenAI terms `chooseTool` takes. */
function toolChoice(choice: unknown): unknown {
  const record = asRecord(choice);
  if (record.type === 'none') return 'none';
  if (record.type === 'tool') return { name: record.name };
  return undefined;
}

function blocksOf(message: JsonRecord | undefined): JsonRecord[] {
  if (message === undefined) return [];
  if (typeof message.content === 'string') return [{ type: 'text', text: message.content }];
  return asArray(message.content).map(asRecord);
}

function toolNameFor(messages: JsonRecord[], toolUseId: string | undefined): string | undefined {
  for (const message of messages) {
    for (const block of blocksOf(message)) {
      if (block.type === 'tool_use' && block.id === toolUseId) return asString(block.name);
    }
  }
  return undefined;
}

function sampleInput(schema: unknown): Record<string, unknown> {
  const value = schema === undefined ? {} : sampleValueForSchema(schema);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * Decides the answer: after a `tool_result`, text quoting it; with custom tools and a text
 * user turn last, a `tool_use` of the first tool (or the one `tool_choice` names); else an
 * echo of the last user text. `max_tokens` cuts text (`stop_reason: 'max_tokens'`).
 */
export function planAnthropicAnswer(body: JsonRecord): AnthropicAnswer {
  const messages = asArray(body.messages).map(asRecord);
  const last = messages.at(-1);
  const lastBlocks = blocksOf(last);
  const maxTokens = asNumber(body.max_tokens);
  const blocks: AnthropicAnswerBlock[] = [];
  if (asRecord(body.thinking).type === 'enabled') {
    blocks.push({ type: 'thinking', thinking: MOCK_THINKING, signature: 'mock-signature' });
  }
  const results = lastBlocks.filter((block) => block.type === 'tool_result');
  if (last?.role === 'user' && results.length > 0) {
    const result = results[0]!;
    const name = toolNameFor(messages, asString(result.tool_use_id));
    const text = limitText(toolResultText(name, contentToText(result.content)), maxTokens);
    blocks.push({ type: 'text', text: text.kind === 'text' ? text.text : '' });
    return {
      blocks,
      stopReason: text.kind === 'text' && text.truncated ? 'max_tokens' : 'end_turn',
    };
  }
  if (last?.role === 'user') {
    const tool = chooseTool(customTools(body), toolChoice(body.tool_choice));
    if (tool !== undefined) {
      blocks.push({ type: 'tool_use', name: tool.name, input: sampleInput(tool.parameters) });
      return { blocks, stopReason: 'tool_use' };
    }
  }
  const lastUser = messages.filter((message) => message.role === 'user').at(-1);
  const userText = lastUser && contentToText(blocksOf(lastUser));
  const text = limitText(userText ? `Echo: ${userText}` : GREETING, maxTokens);
  blocks.push({ type: 'text', text: text.kind === 'text' ? text.text : '' });
  return { blocks, stopReason: text.kind === 'text' && text.truncated ? 'max_tokens' : 'end_turn' };
}
