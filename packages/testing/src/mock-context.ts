import type { ServerResponse } from 'node:http';
import { sleep, startSse, writeSseEvent } from './http-utils';

/** What every endpoint handler needs: resolved options and deterministic ids. */
export interface MockContext {
  embeddingDimensions: number;
  cacheMinTokens: number;
  streamChunkDelayMs: number;
  /** `nextId('chatcmpl-mock-')` gives `chatcmpl-mock-1`, then `-2`…: one counter per prefix. */
  nextId(prefix: string): string;
  /** A deterministic Unix timestamp in seconds, one later for every call. */
  created(): number;
}

const BASE_CREATED_SECONDS = 1_750_000_000;

export function createMockContext(options: {
  embeddingDimensions: number;
  cacheMinTokens: number;
  streamChunkDelayMs: number;
}): MockContext & { resetCounters(): void } {
  const counters = new Map<string, number>();
  let createdCount = 0;
  return {
    ...options,
    nextId(prefix) {
      const next = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, next);
      return `${prefix}${next}`;
    },
    created() {
      createdCount += 1;
      return BASE_CREATED_SECONDS + createdCount;
    },
    resetCounters() {
      counters.clear();
      createdCount = 0;
    },
  };
}

/** One server-sent event: `data` is JSON-encoded unless it is a string such as `[DONE]`. */
export interface SseEvent {
  event?: string;
  data: unknown;
}

/** Streams the events, pausing `streamChunkDelayMs` before each one. */
export async function streamSseEvents(
  context: MockContext,
  response: ServerResponse,
  events: SseEvent[],
): Promise<void> {
  startSse(response);
  for (const { event, data } of events) {
    await sleep(context.streamChunkDelayMs);
    if (response.destroyed) return;
    writeSseEvent(response, data, event);
  }
  response.end();
}
