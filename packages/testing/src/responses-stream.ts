import type {
  Response,
  ResponseFunctionToolCall,
  ResponseOutputItem,
  ResponseOutputMessage,
  ResponseStreamEvent,
} from 'openai/resources/responses/responses';
import type { SseEvent } from './mock-context';
import type { WireResponse } from './responses-api';
import { splitIntoFragments, splitIntoWords } from './tool-arguments';

type WireEvent = DistributiveOmit<ResponseStreamEvent, 'sequence_number'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * The event sequence api.openai.com streams for a finished response: created, in_progress,
 * then per output item added → content/argument deltas → done, and completed.
 */
export function responseStreamEvents(final: WireResponse): SseEvent[] {
  // Snapshots before completion carry no output and `usage: null`, as the API sends them.
  const pending = wireSnapshot({ ...final, status: 'in_progress', output: [], usage: null });
  const events: WireEvent[] = [
    { type: 'response.created', response: pending },
    { type: 'response.in_progress', response: pending },
  ];
  final.output.forEach((item, outputIndex) => events.push(...itemEvents(item, outputIndex)));
  const finalType = final.status === 'incomplete' ? 'response.incomplete' : 'response.completed';
  events.push({ type: finalType, response: wireSnapshot(final) });
  return events.map((event, sequenceNumber) => ({
    event: event.type,
    data: { ...event, sequence_number: sequenceNumber },
  }));
}

/** The SDK's event types embed its `Response`, whose `output_text` the wire never carries. */
function wireSnapshot(response: unknown): Response {
  return response as Response;
}

function itemEvents(item: ResponseOutputItem, outputIndex: number): WireEvent[] {
  if (item.type === 'message') return messageEvents(item, outputIndex);
  if (item.type === 'function_call') return functionCallEvents(item, outputIndex);
  return [
    { type: 'response.output_item.added', output_index: outputIndex, item },
    { type: 'response.output_item.done', output_index: outputIndex, item },
  ];
}

function messageEvents(item: ResponseOutputMessage, outputIndex: number): WireEvent[] {
  const itemId = item.id;
  const events: WireEvent[] = [
    {
      type: 'response.output_item.added',
      output_index: outputIndex,
      item: { ...item, status: 'in_progress', content: [] },
    },
  ];
  item.content.forEach((part, contentIndex) => {
    const at = { item_id: itemId, output_index: outputIndex, content_index: contentIndex };
    if (part.type !== 'output_text') {
      events.push({ type: 'response.content_part.added', ...at, part });
      events.push({ type: 'response.content_part.done', ...at, part });
      return;
    }
    const emptyPart = { ...part, text: '' };
    events.push({ type: 'response.content_part.added', ...at, part: emptyPart });
    for (const delta of splitIntoWords(part.text)) {
      events.push({ type: 'response.output_text.delta', ...at, delta, logprobs: [] });
    }
    events.push({ type: 'response.output_text.done', ...at, text: part.text, logprobs: [] });
    events.push({ type: 'response.content_part.done', ...at, part });
  });
  events.push({ type: 'response.output_item.done', output_index: outputIndex, item });
  return events;
}

function functionCallEvents(item: ResponseFunctionToolCall, outputIndex: number): WireEvent[] {
  const itemId = item.id ?? '';
  const at = { item_id: itemId, output_index: outputIndex };
  return [
    {
      type: 'response.output_item.added',
      output_index: outputIndex,
      item: { ...item, status: 'in_progress', arguments: '' },
    },
    ...splitIntoFragments(item.arguments).map((delta): WireEvent => ({
      type: 'response.function_call_arguments.delta',
      ...at,
      delta,
    })),
    {
      type: 'response.function_call_arguments.done',
      ...at,
      name: item.name,
      arguments: item.arguments,
    },
    { type: 'response.output_item.done', output_index: outputIndex, item },
  ];
}
