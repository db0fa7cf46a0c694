import type { AiEvent, MapResult, SpanRecord } from '@llm-analytics/core';
import { createServerMapper } from '@llm-analytics/server';
import { expect } from 'vitest';

/** The server's mapper: every integration (`DEFAULT_INTEGRATIONS`), priced. */
export const serverMapper = createServerMapper();

/** The whole pipeline, priced, as the server runs it on one request. */
export function mapAll(spans: readonly SpanRecord[]): MapResult {
  const result = serverMapper.map(spans);
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
