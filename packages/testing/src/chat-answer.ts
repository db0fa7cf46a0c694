import {
  asArray,
  asNumber,
  asRecord,
  asString,
  contentToText,
  type JsonRecord,
} from './json-utils';
import { sampleArgumentsJson, sampleValueForSchema } from './tool-arguments';

/** What the mock decides to answer, before it is shaped for an endpoint. */
export type MockAnswer =
  | { kind: 'text'; text: string; truncated: boolean }
  | { kind: 'tool_call'; toolName: string; argumentsJson: string };

export interface FunctionToolDefinition {
  name: string;
  parameters: unknown;
}

const GREETING = 'Hello from the mock OpenAI server.';

/** The echo answer for the last user text. */
export function echoText(lastUserText: string | undefined): string {
  return lastUserText ? `Echo: ${lastUserText}` : GREETING;
}

/** The final answer after a tool result, quoting the result. */
export function toolResultText(toolName: string | undefined, result: string): string {
  return `The ${toolName ?? 'tool'} tool returned: ${result}`;
}

/** Cuts the text to `maxTokens` mock tokens (four characters each). */
export function limitText(text: string, maxTokens: number | undefined): MockAnswer {
  if (maxTokens === undefined || text.length <= maxTokens * 4) {
    return { kind: 'text', text, truncated: false };
  }
  return { kind: 'text', text: text.slice(0, Math.max(0, maxTokens * 4)), truncated: true };
}

/**
 * Picks the tool the model "calls": the named one for a function `tool_choice`, none for
 * `"none"`, else the first function tool.
 */
export function chooseTool(
  tools: FunctionToolDefinition[],
  toolChoice: unknown,
): FunctionToolDefinition | undefined {
  if (toolChoice === 'none') return undefined;
  const choice = asRecord(toolChoice);
  const chosenName = asString(asRecord(choice.function).name) ?? asString(choice.name);
  if (chosenName !== undefined) return tools.find((tool) => tool.name === chosenName);
  return tools[0];
}

/** Function tools of a Chat Completions request (`{type:'function', function:{…}}`). */
export function chatFunctionTools(body: JsonRecord): FunctionToolDefinition[] {
  return asArray(body.tools).flatMap((tool) => {
    const definition = asRecord(asRecord(tool).function);
    const name = asString(definition.name);
    return name === undefined ? [] : [{ name, parameters: definition.parameters }];
  });
}

/** A line `mock-judge-answer: <text>` in the prompt makes a structured-output reply be that text. */
export const MOCK_JUDGE_ANSWER_PREFIX = 'mock-judge-answer:';

/**
 * The reply to `response_format: json_schema` (an LLM judge): the text after the last
 * `mock-judge-answer:` in the user messages, verbatim (valid or not, to test both), else a
 * sample instance of the schema.
 */
function structuredAnswer(messages: JsonRecord[], format: JsonRecord): string {
  const text = messages
    .filter((message) => message.role === 'user')
    .map((message) => contentToText(message.content))
    .join('\n');
  const at = text.lastIndexOf(MOCK_JUDGE_ANSWER_PREFIX);
  if (at >= 0)
    return text
      .slice(at + MOCK_JUDGE_ANSWER_PREFIX.length)
      .split('\n')[0]!
      .trim();
  return JSON.stringify(sampleValueForSchema(asRecord(format.json_schema).schema));
}

/** Decides a Chat Completions answer from the conversation. */
export function planChatAnswer(body: JsonRecord): MockAnswer {
  const messages = asArray(body.messages).map(asRecord);
  const format = asRecord(body.response_format);
  if (format.type === 'json_schema')
    return { kind: 'text', text: structuredAnswer(messages, format), truncated: false };
  const last = messages.at(-1);
  const maxTokens = asNumber(body.max_completion_tokens) ?? asNumber(body.max_tokens);
  if (last?.role === 'tool') {
    const toolName = findToolCallName(messages, asString(last.tool_call_id));
    return limitText(toolResultText(toolName, contentToText(last.content)), maxTokens);
  }
  if (last?.role === 'user') {
    const tool = chooseTool(chatFunctionTools(body), body.tool_choice);
    if (tool !== undefined) {
      return {
        kind: 'tool_call',
        toolName: tool.name,
        argumentsJson: sampleArgumentsJson(tool.parameters),
      };
    }
  }
  const lastUser = messages.filter((message) => message.role === 'user').at(-1);
  return limitText(echoText(lastUser && contentToText(lastUser.content)), maxTokens);
}

function findToolCallName(
  messages: JsonRecord[],
  toolCallId: string | undefined,
): string | undefined {
  for (const message of messages) {
    for (const call of asArray(message.tool_calls).map(asRecord)) {
      if (call.id === toolCallId) return asString(asRecord(call.function).name);
    }
  }
  return undefined;
}
