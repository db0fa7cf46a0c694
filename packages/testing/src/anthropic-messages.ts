import type { ServerResponse } from 'node:http';
import { planAnthropicAnswer, type AnthropicAnswer } from './anthropic-answer';
import { contentBlockTokens, type AnthropicInputUsage, type PromptCache } from './anthropic-usage';
import { sendJson } from './http-utils';
import { asString, type JsonRecord } from './json-utils';
import { streamSseEvents, type MockContext, type SseEvent } from './mock-context';
import { splitIntoFragments, splitIntoWords } from './tool-arguments';

// Dated snapshots, so the response model differs from a requested alias as it does against
// api.anthropic.com.
const MODEL_SNAPSHOTS: Record<string, string> = {
  'claude-sonnet-4-5': 'claude-sonnet-4-5-20250929',
  'claude-haiku-4-5': 'claude-haiku-4-5-20251001',
  'claude-opus-4-5': 'claude-opus-4-5-20251101',
  'claude-opus-4-1': 'claude-opus-4-1-20250805',
  'claude-sonnet-4-0': 'claude-sonnet-4-20250514',
  'claude-opus-4-0': 'claude-opus-4-20250514',
  'claude-3-7-sonnet-latest': 'claude-3-7-sonnet-20250219',
  'claude-3-5-haiku-latest': 'claude-3-5-haiku-20241022',
};

/** The model name the mock answers with for a requested model. */
export function anthropicResponseModel(requested: string): string {
  return MODEL_SNAPSHOTS[requested] ?? requested;
}

type WireBlock =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

interface WireUsage extends Omit<AnthropicInputUsage, 'promptTokens'> {
  output_tokens: number;
  service_tier: 'standard';
}

/** A Message as the API sends it. */
interface WireMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: WireBlock[];
  stop_reason: AnthropicAnswer['stopReason'] | null;
  stop_sequence: null;
  usage: WireUsage;
}

function wireBlocks(context: MockContext, answer: AnthropicAnswer): WireBlock[] {
  return answer.blocks.map((block) =>
    block.type === 'tool_use'
      ? {
          type: 'tool_use',
          id: context.nextId('toolu_mock_'),
          name: block.name,
          input: block.input,
        }
      : block,
  );
}

/** `POST /v1/messages`, JSON or SSE (`stream: true`). Validates like the API does. */
export async function handleMessages(
  context: MockContext,
  cache: PromptCache,
  body: JsonRecord,
  response: ServerResponse,
): Promise<void> {
  const model = asString(body.model) ?? '';
  const answer = planAnthropicAnswer(body);
  const { promptTokens: _promptTokens, ...input } = cache.account(body, model);
  const content = wireBlocks(context, answer);
  const message: WireMessage = {
    id: context.nextId('msg_mock_'),
    type: 'message',
    role: 'assistant',
    model: anthropicResponseModel(model),
    content,
    stop_reason: answer.stopReason,
    stop_sequence: null,
    usage: {
      ...input,
      output_tokens: content.reduce((sum, block) => sum + contentBlockTokens(block), 0),
      service_tier: 'standard',
    },
  };
  if (body.stream === true) {
    await streamSseEvents(context, response, messageStreamEvents(message));
    return;
  }
  sendJson(response, 200, message);
}

/** The `message_start` event of a message (also sent before a mid-stream error). */
export function messageStartEvent(message: {
  id: string;
  model: string;
  usage: Omit<WireUsage, 'output_tokens'>;
}): SseEvent {
  return {
    event: 'message_start',
    data: {
      type: 'message_start',
      message: {
        id: message.id,
        type: 'message',
        role: 'assistant',
        model: message.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        // The API reports a provisional output count of 1 before any content.
        usage: { ...message.usage, output_tokens: 1 },
      },
    },
  };
}

function blockStart(block: WireBlock): WireBlock {
  if (block.type === 'text') return { type: 'text', text: '' };
  if (block.type === 'thinking') return { type: 'thinking', thinking: '', signature: '' };
  return { ...block, input: {} };
}

function blockDeltas(block: WireBlock): unknown[] {
  if (block.type === 'text') {
    return splitIntoWords(block.text).map((text) => ({ type: 'text_delta', text }));
  }
  if (block.type === 'thinking') {
    return [
      ...splitIntoWords(block.thinking).map((thinking) => ({ type: 'thinking_delta', thinking })),
      { type: 'signature_delta', signature: block.signature },
    ];
  }
  // Like the API, the input streams as JSON fragments, starting with an empty one.
  return ['', ...splitIntoFragments(JSON.stringify(block.input))].map((partial_json) => ({
    type: 'input_json_delta',
    partial_json,
  }));
}

/**
 * The event sequence the API streams: `message_start`, then per block `content_block_start`
 * → deltas → `content_block_stop` (a `ping` after the first start), `message_delta` with the
 * stop reason and the final usage, `message_stop`.
 */
export function messageStreamEvents(message: WireMessage): SseEvent[] {
  const { output_tokens: outputTokens, service_tier: serviceTier, ...input } = message.usage;
  const events: SseEvent[] = [
    messageStartEvent({ ...message, usage: { ...input, service_tier: serviceTier } }),
  ];
  const event = (type: string, data: JsonRecord = {}): SseEvent => ({
    event: type,
    data: { type, ...data },
  });
  message.content.forEach((block, index) => {
    events.push(event('content_block_start', { index, content_block: blockStart(block) }));
    if (index === 0) events.push(event('ping'));
    for (const delta of blockDeltas(block)) {
      events.push(event('content_block_delta', { index, delta }));
    }
    events.push(event('content_block_stop', { index }));
  });
  const { cache_creation: _breakdown, ...counts } = input;
  events.push(
    event('message_delta', {
      delta: { stop_reason: message.stop_reason, stop_sequence: null },
      usage: { ...counts, output_tokens: outputTokens },
    }),
  );
  events.push(event('message_stop'));
  return events;
}
