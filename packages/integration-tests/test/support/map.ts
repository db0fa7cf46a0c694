import { mapSpans, type AiEvent, type MapResult, type SpanRecord } from '@llm-analytics/core';
import { createPricer } from '@llm-analytics/core/pricing';
import { OPENINFERENCE_NORMALIZERS } from '@llm-analytics/openinference';
import { TRACELOOP_NORMALIZERS } from '@llm-analytics/traceloop';
import { VERCEL_AI_NORMALIZERS } from '@llm-analytics/vercel-ai';
import { expect } from 'vitest';

/** Every adapter's normalizer, in the server's order (`DEFAULT_NORMALIZERS`). */
export const ALL_NORMALIZERS = [
  ...VERCEL_AI_NORMALIZERS,
  ...TRACELOOP_NORMALIZERS,
  ...OPENINFERENCE_NORMALIZERS,
];

const price = createPricer();

/** The whole pipeline, priced, as the server runs it on one request. */
export function mapAll(spans: readonly SpanRecord[]): MapResult {
  const result = mapSpans(spans, { normalizers: ALL_NORMALIZERS, price });
  expect(result.failed).toEqual([]);
  return result;
}

export const eventsOf = (spans: readonly SpanRecord[]): AiEvent[] => mapAll(spans).events;

/** Ancestors among the events above this one. */
function depthOf(event: AiEvent, byId: Map<unknown, AiEvent>): number {
  let depth = 0;
  for (let parent = byId.get(event.properties.$ai_parent_id); parent && depth < 100; depth++)
    parent = byId.get(parent.properties.$ai_parent_id);
  return depth;
}

/**
 * `[event, span name]` pairs in start order: the shape of a trace. Timestamps have millisecond
 * precision, so ties go to the ancestor, then to the span that ended first (export order).
 */
export function shape(events: readonly AiEvent[]): Array<[string, unknown]> {
  const byId = new Map(events.map((event) => [event.properties.$ai_span_id, event]));
  return events
    .map((event, index) => ({ event, index, depth: depthOf(event, byId) }))
    .sort(
      (a, b) =>
        a.event.timestamp.localeCompare(b.event.timestamp) ||
        a.depth - b.depth ||
        a.index - b.index,
    )
    .map(({ event }) => [event.event, event.properties.$ai_span_name]);
}

export const generations = (events: readonly AiEvent[]) =>
  events.filter((event) => event.event === '$ai_generation');

/** The single event whose span has this name. */
export function named(events: readonly AiEvent[], spanName: string): AiEvent {
  const found = events.filter((event) => event.properties.$ai_span_name === spanName);
  expect(found, `events named ${spanName}`).toHaveLength(1);
  return found[0]!;
}

/** Sum of a numeric property over the generations: what a dashboard adds up. */
export function sumOverGenerations(events: readonly AiEvent[], key: string): number {
  return generations(events).reduce((sum, event) => {
    const value = event.properties[key];
    return sum + (typeof value === 'number' ? value : 0);
  }, 0);
}
