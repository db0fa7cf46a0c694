import type { ServerResponse } from 'node:http';
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { planChatAnswer, type MockAnswer } from './chat-answer';
import { sendJson } from './http-utils';
import { asArray, asRecord, asString, type JsonRecord } from './json-utils';
import { streamSseEvents, type MockContext, type SseEvent } from './mock-context';
import { isReasoningModel, responseModelFor } from './models';
import {
  countCachedTokens,
  countMessagesTokens,
  countTextTokens,
  countToolsTokens,
  MOCK_REASONING_TOKENS,
} from './tokens';
import { splitIntoFragments, splitIntoWords } from './tool-arguments';

type FinishReason = ChatCompletion.Choice['finish_reason'];

/** `POST /v1/chat/completions`, JSON or SSE (`stream: true`). */
export async function handleChatCompletions(
  context: MockContext,
  body: JsonRecord,
  response: ServerResponse,
): Promise<void> {
  const requestedModel = asString(body.model) ?? 'gpt-4o-mini';
  const answer = planChatAnswer(body);
  const usage = chatUsage(context, body, requestedModel, answer);
  const base = {
    id: context.nextId('chatcmpl-mock-'),
    created: context.created(),
    model: responseModelFor(requestedModel),
    service_tier: 'default' as const,
    system_fingerprint: 'fp_mock',
  };
  const toolCallId = answer.kind === 'tool_call' ? context.nextId('call_mock_') : '';
  if (body.stream === true) {
    const includeUsage = asRecord(body.stream_options).include_usage === true;
    const chunks = chatChunks(answer, toolCallId, includeUsage ? usage : undefined);
    const events: SseEvent[] = chunks.map((chunk) => ({
      data: { ...base, object: 'chat.completion.chunk', ...chunk } satisfies ChatCompletionChunk,
    }));
    await streamSseEvents(context, response, [...events, { data: '[DONE]' }]);
    return;
  }
  const completion: ChatCompletion = {
    ...base,
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        message: chatMessage(answer, toolCallId),
        logprobs: null,
        finish_reason: finishReason(answer),
      },
    ],
    usage,
  };
  sendJson(response, 200, completion);
}

function finishReason(answer: MockAnswer): FinishReason {
  if (answer.kind === 'tool_call') return 'tool_calls';
  return answer.truncated ? 'length' : 'stop';
}

function chatMessage(answer: MockAnswer, toolCallId: string): ChatCompletion.Choice['message'] {
  if (answer.kind === 'text') {
    return { role: 'assistant', content: answer.text, refusal: null, annotations: [] };
  }
  return {
    role: 'assistant',
    content: null,
    refusal: null,
    annotations: [],
    tool_calls: [
      {
        id: toolCallId,
        type: 'function',
        function: { name: answer.toolName, arguments: answer.argumentsJson },
      },
    ],
  };
}

type ChunkBody = Pick<ChatCompletionChunk, 'choices' | 'usage'>;

/** The chunk sequence OpenAI streams: role, content or tool-call deltas, finish, usage. */
function chatChunks(
  answer: MockAnswer,
  toolCallId: string,
  usage: CompletionUsage | undefined,
): ChunkBody[] {
  // With include_usage every chunk carries `usage: null` until the final usage chunk.
  const usageField = usage === undefined ? {} : { usage: null };
  const choice = (
    delta: ChatCompletionChunk.Choice['delta'],
    finish: FinishReason | null = null,
  ): ChunkBody => ({
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...usageField,
  });
  const chunks: ChunkBody[] = [];
  if (answer.kind === 'text') {
    chunks.push(choice({ role: 'assistant', content: '', refusal: null }));
    for (const word of splitIntoWords(answer.text)) chunks.push(choice({ content: word }));
  } else {
    chunks.push(
      choice({
        role: 'assistant',
        content: null,
        refusal: null,
        tool_calls: [
          {
            index: 0,
            id: toolCallId,
            type: 'function',
            function: { name: answer.toolName, arguments: '' },
          },
        ],
      }),
    );
    for (const fragment of splitIntoFragments(answer.argumentsJson)) {
      chunks.push(choice({ tool_calls: [{ index: 0, function: { arguments: fragment } }] }));
    }
  }
  chunks.push(choice({}, finishReason(answer)));
  if (usage !== undefined) chunks.push({ choices: [], usage });
  return chunks;
}

function chatUsage(
  context: MockContext,
  body: JsonRecord,
  requestedModel: string,
  answer: MockAnswer,
): CompletionUsage {
  const promptTokens =
    countMessagesTokens(asArray(body.messages)) + countToolsTokens(asArray(body.tools));
  const answerTokens =
    answer.kind === 'text'
      ? countTextTokens(answer.text)
      : countTextTokens(answer.toolName + answer.argumentsJson);
  const reasoningTokens = isReasoningModel(requestedModel) ? MOCK_REASONING_TOKENS : 0;
  const completionTokens = answerTokens + reasoningTokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: {
      cached_tokens: countCachedTokens(promptTokens, context.cacheMinTokens),
      audio_tokens: 0,
    },
    completion_tokens_details: {
      reasoning_tokens: reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}
