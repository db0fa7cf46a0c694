import type { CaptureServer, CapturedRequest } from '@llm-analytics/testing';

export interface CapturedEvent {
  event: string;
  distinct_id: string;
  uuid: string;
  timestamp: string;
  properties: Record<string, unknown>;
}

interface Batch {
  api_key: string;
  batch: CapturedEvent[];
}

export const MARKER_PREFIX = '/__scenario__/';

/** Every event of the PostHog capture batches among these requests. */
export function batchEvents(requests: readonly CapturedRequest[]): CapturedEvent[] {
  return requests
    .filter((request) => request.path === '/batch/')
    .flatMap((request) => (request.json as Batch).batch);
}

/** The project tokens the batches were sent with. */
export function batchTokens(requests: readonly CapturedRequest[]): string[] {
  return requests
    .filter((request) => request.path === '/batch/')
    .map((request) => (request.json as Batch).api_key);
}

/** Events per scenario: the app flushes, then posts a marker, after each scenario. */
export function eventsByScenario(sink: CaptureServer): Map<string, CapturedEvent[]> {
  const byScenario = new Map<string, CapturedEvent[]>();
  let pending: CapturedRequest[] = [];
  for (const request of sink.requests) {
    if (request.path.startsWith(MARKER_PREFIX)) {
      byScenario.set(request.path.slice(MARKER_PREFIX.length), batchEvents(pending));
      pending = [];
    } else pending.push(request);
  }
  return byScenario;
}

/** Occurrences of a process warning code in a child's stderr. */
export function warningCount(stderr: string, code: string): number {
  return stderr.split(`[${code}]`).length - 1;
}
