import { type AiEvent } from '@llm-analytics/core';
import { AI_TRACE, P } from '@llm-analytics/core/semconv';

export type TraceNode = AiEvent & { children: TraceNode[] };

/**
 * Nest a trace's events by `$ai_parent_id`. An event whose parent is not in the trace (the
 * parent was a filtered-out HTTP span, say) is shown at the top, as REFERENCE §1 says. A
 * parent id equal to the trace id names the `$ai_trace` event: PostHog's convention for
 * top-level spans under a manually captured trace.
 */
export function buildTraceTree(events: readonly AiEvent[]): TraceNode[] {
  const nodes = new Map<string, TraceNode>();
  const ordered = events.map((event) => ({ ...event, children: [] as TraceNode[] }));
  for (const node of ordered) {
    const spanId = node.properties[P.spanId];
    if (typeof spanId === 'string' && !nodes.has(spanId)) nodes.set(spanId, node);
  }
  const traceEvent = ordered.find((node) => node.event === AI_TRACE);
  const traceId = traceEvent?.properties[P.traceId];
  if (traceEvent && typeof traceId === 'string' && !nodes.has(traceId))
    nodes.set(traceId, traceEvent);
  const roots: TraceNode[] = [];
  for (const node of ordered) {
    const parentId = node.properties[P.parentId];
    const parent = typeof parentId === 'string' ? nodes.get(parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
