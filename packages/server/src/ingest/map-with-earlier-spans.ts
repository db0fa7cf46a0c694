/**
 * Map a batch of spans together with the spans stored earlier in the same traces, so the
 * pipeline's one-generation-per-model-call rule (and the trace context) holds across
 * requests and replicas: two instrumentations' spans of one call may arrive apart.
 */
import type { AiEvent, MapResult, SpanRecord } from '@llm-analytics/core';
import type { MapSpans } from './log-join';

export interface MappedBatch {
  result: MapResult;
  /** Events of the batch's spans: new, inserted (a stored uuid is left alone). */
  insert: AiEvent[];
  /** Events of earlier spans that read differently now (demoted to a duplicate, re-parented). */
  replace: AiEvent[];
}

export function mapWithEarlierSpans(
  map: MapSpans,
  spans: readonly SpanRecord[],
  earlier: readonly SpanRecord[],
): MappedBatch {
  if (!earlier.length) {
    const result = map(spans);
    return { result, insert: result.events, replace: [] };
  }
  const combined = map([...earlier, ...spans]);
  // What the earlier spans mapped to on their own: the stored events, as far as this batch
  // could change them.
  const before = new Map(map(earlier).events.map((event) => [event.uuid, JSON.stringify(event)]));
  const insert: AiEvent[] = [];
  const replace: AiEvent[] = [];
  for (const event of combined.events) {
    const stored = before.get(event.uuid);
    if (stored === undefined) insert.push(event);
    else if (stored !== JSON.stringify(event)) replace.push(event);
  }
  const batchIds = new Set(spans.map((span) => span.spanId));
  return {
    result: {
      ...combined,
      events: insert,
      failed: combined.failed.filter((failure) => batchIds.has(failure.spanId)),
    },
    insert,
    replace,
  };
}
