/** Read back what the server stored, through its read API. */
import { P } from '@llm-analytics/core/semconv';
import { readJson } from './http';

export interface StoredEvent {
  uuid: string;
  distinct_id: string;
  properties: Record<string, unknown>;
}

/** Every event of each distinct id (each group must hold fewer than 1,000: the API's page size). */
export async function storedByDistinctIds(
  baseUrl: string,
  readKey: string,
  distinctIds: Iterable<string>,
): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (const distinctId of distinctIds) {
    const { status, body } = await readJson<{ results?: StoredEvent[] }>(
      baseUrl,
      `/api/events?distinct_id=${encodeURIComponent(distinctId)}&limit=1000`,
      readKey,
    );
    if (status !== 200) throw new Error(`GET /api/events for ${distinctId}: ${status}`);
    const results = body.results ?? [];
    if (results.length >= 1000)
      throw new Error(`group ${distinctId} holds 1,000 events or more: make groups smaller`);
    events.push(...results);
  }
  return events;
}

/** Stored events whose span was stored before (same trace and span id, another uuid). */
export function duplicateSpans(events: readonly StoredEvent[]): number {
  const seen = new Set<string>();
  let duplicates = 0;
  for (const event of events) {
    const key = `${String(event.properties[P.traceId])}:${String(event.properties[P.spanId])}`;
    if (seen.has(key)) duplicates++;
    else seen.add(key);
  }
  return duplicates;
}
