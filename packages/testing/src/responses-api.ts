import type { ServerResponse } from 'node:http';
import type {
  Response,
  ResponseOutputItem,
  ResponseUsage,
} from 'openai/resources/responses/responses';
import {
  chooseTool,
  echoText,
  limitText,
  toolResultText,
  type FunctionToolDefinition,
  type MockAnswer,
} from './chat-answer';
import { sendJson } from './http-utils';
import {
  asArray,
  asNumber,
  asRecord,
  asString,
  contentToText,
  type JsonRecord,
} from './json-utils';
import { streamSseEvents, type MockContext } from './mock-context';
import { isReasoningModel, responseModelFor } from './models';
import { responseStreamEvents } from './responses-stream';
import { sampleArgumentsJson } from './tool-arguments';
import {
  countCachedTokens,
  countMessagesTokens,
  countTextTokens,
  countToolsTokens,
  MOCK_REASONING_TOKENS,
} from './tokens';

/** A Response as sent on the wire: `output_text` is added by the client SDK, not the API. */
export type WireResponse = Omit<Response, 'output_text'>;

/** `POST /v1/responses`, JSON or SSE (`stream: true`). */
export async function handleResponses(
  context: MockContext,
  body: JsonRecord,
  response: ServerResponse,
): Promise<void> {
  const requestedModel = asString(body.model) ?? 'gpt-4o-mini';
  const items = inputItems(body.input);
  const answer = planResponsesAnswer(body, items);
  const output: ResponseOutputItem[] = [];
  if (isReasoningModel(requestedModel)) {
    output.push({ id: context.nextId('rs_mock_'), type: 'reasoning', summary: [] });
  }
  output.push(outputItem(context, answer));
  const result: WireResponse = {
    id: context.nextId('resp_mock_'),
    object: 'response',
    created_at: context.created(),
    status: 'completed',
    background: false,
    error: null,
    incomplete_details:
      answer.kind === 'text' && answer.truncated ? { reason: 'max_output_tokens' } : null,
    instructions: asString(body.instructions) ?? null,
    max_output_tokens: asNumber(body.max_output_tokens) ?? null,
    metadata: asRecord(body.metadata) as Record<string, string>,
    model: responseModelFor(requestedModel),
    output,
    parallel_tool_calls: body.parallel_tool_calls !== false,
    previous_response_id: asString(body.previous_response_id) ?? null,
    reasoning: isReasoningModel(requestedModel)
      ? { effort: 'medium', summary: null }
      : { effort: null, summary: null },
    service_tier: 'default',
    temperature: asNumber(body.temperature) ?? 1,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: (body.tool_choice ?? 'auto') as Response['tool_choice'],
    tools: asArray(body.tools) as Response['tools'],
    top_p: asNumber(body.top_p) ?? 1,
    truncation: 'disabled',
    usage: responsesUsage(context, body, items, requestedModel, answer),
  };
  if (answer.kind === 'text' && answer.truncated) result.status = 'incomplete';
  if (body.stream === true) {
    await streamSseEvents(context, response, responseStreamEvents(result));
    return;
  }
  sendJson(response, 200, result);
}

/** Input as a list of items: a plain string is one user message. */
function inputItems(input: unknown): JsonRecord[] {
  if (typeof input === 'string') return [{ type: 'message', role: 'user', content: input }];
  return asArray(input).map(asRecord);
}

function functionTools(body: JsonRecord): FunctionToolDefinition[] {
  return asArray(body.tools).flatMap((tool) => {
    const record = asRecord(tool);
    const name = asString(record.name);
    return record.type === 'function' && name !== undefined
      ? [{ name, parameters: record.parameters }]
      : [];
  });
}

function planResponsesAnswer(body: JsonRecord, items: JsonRecord[]): MockAnswer {
  const maxTokens = asNumber(body.max_output_tokens);
  const toolOutputs = items.filter((item) => item.type === 'function_call_output');
  const lastToolOutput = toolOutputs.at(-1);
  if (lastToolOutput !== undefined) {
    const call = items.find(
      (item) => item.type === 'function_call' && item.call_id === lastToolOutput.call_id,
    );
    const text = toolResultText(asString(call?.name), contentToText(lastToolOutput.output));
    return limitText(text, maxTokens);
  }
  const tool = chooseTool(functionTools(body), body.tool_choice);
  if (tool !== undefined) {
    return {
      kind: 'tool_call',
      toolName: tool.name,
      argumentsJson: sampleArgumentsJson(tool.parameters),
    };
  }
  const lastUser = items.filter((item) => item.role === 'user').at(-1);
  return limitText(echoText(lastUser && contentToText(lastUser.content)), maxTokens);
}

function outputItem(context: MockContext, answer: MockAnswer): ResponseOutputItem {
  if (answer.kind === 'tool_call') {
    return {
      id: context.nextId('fc_mock_'),
      type: 'function_call',
      status: 'completed',
      call_id: context.nextId('call_mock_'),
      name: answer.toolName,
      arguments: answer.argumentsJson,
    };
  }
  return {
    id: context.nextId('msg_mock_'),
    type: 'message',
    role: 'assistant',
    status: answer.truncated ? 'incomplete' : 'completed',
    content: [{ type: 'output_text', text: answer.text, annotations: [], logprobs: [] }],
  };
}

function responsesUsage(
  context: MockContext,
  body: JsonRecord,
  items: JsonRecord[],
  requestedModel: string,
  answer: MockAnswer,
): ResponseUsage {
  const instructions = asString(body.instructions);
  const inputTokens =
    countMessagesTokens(instructions ? [{ content: instructions }, ...items] : items) +
    countToolsTokens(asArray(body.tools));
  const answerTokens =
    answer.kind === 'text'
      ? countTextTokens(answer.text)
      : countTextTokens(answer.toolName + answer.argumentsJson);
  const reasoningTokens = isReasoningModel(requestedModel) ? MOCK_REASONING_TOKENS : 0;
  const outputTokens = answerTokens + reasoningTokens;
  return {
    input_tokens: inputTokens,
    input_tokens_details: {
      cached_tokens: countCachedTokens(inputTokens, context.cacheMinTokens),
      cache_write_tokens: 0,
    },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: inputTokens + outputTokens,
  };
}
