import { type AiEvent } from '@llm-analytics/core';
import { P } from '@llm-analytics/core/semconv';

export type TraceNode = AiEvent & { children: TraceNode[] };

/**
 * Nest a trace's events by `$ai_parent_id`. An event whose parent is not in the trace (the
 * parent was a filtered-out HTTP span, say) is shown at the top, as REFERENCE §1 says.
 */
export function buildTraceTree(events: readonly AiEvent[]): TraceNode[] {
  const nodes = new Map<string, TraceNode>();
  const ordered = events.map((event) => ({ ...event, children: [] as TraceNode[] }));
  for (const node of ordered) {
    const spanId = node.properties[P.spanId];
    if (typeof spanId === 'string' && !nodes.has(spanId)) nodes.set(spanId, node);
  }
  const roots: TraceNode[] = [];
  for (const node of ordered) {
    const parentId = node.properties[P.parentId];
    const parent = typeof parentId === 'string' ? nodes.get(parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
