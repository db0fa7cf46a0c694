import type { NormalizedCall, SpanRecord } from '../types';
import { resourceDistinctId, spanDistinctId } from './identity';
import type { TraceContext } from './to-event';

export interface MappedSpan {
  span: SpanRecord;
  call: NormalizedCall;
}

/**
 * Identity and session that some spans of a trace carry (an `invoke_agent` span with the
 * user's context, a workflow with association properties) and others lack: collected once per
 * trace, roots first, so every event of the trace lands on the same person and session.
 */
export function collectTraceContexts(items: readonly MappedSpan[]): Map<string, TraceContext> {
  const contexts = new Map<string, TraceContext>();
  const ordered = [...items].sort(
    (a, b) => Number(Boolean(a.span.parentSpanId)) - Number(Boolean(b.span.parentSpanId)),
  );
  for (const { span, call } of ordered) {
    let context = contexts.get(span.traceId);
    if (!context) {
      context = {};
      contexts.set(span.traceId, context);
    }
    context.distinctId ??=
      spanDistinctId(span.attributes) ?? call.distinctId ?? resourceDistinctId(span.resource);
    context.sessionId ??= call.sessionId;
    if (!span.parentSpanId) context.traceName ??= call.traceName ?? call.spanName ?? span.name;
  }
  return contexts;
}
