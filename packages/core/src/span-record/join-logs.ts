import type { LogRecordRecord, SpanRecord } from '../types';
import { compareNanos } from './time';

export interface JoinedLogs {
  /** New span objects (inputs untouched) with their matching log records appended, in time order. */
  spans: SpanRecord[];
  /** Log records that belong to no span in `spans`. */
  unmatched: LogRecordRecord[];
}

/**
 * Attach content log records to their spans by span id (and trace id when both carry one).
 * Inputs are never mutated.
 */
export function joinLogsToSpans(
  spans: readonly SpanRecord[],
  logs: readonly LogRecordRecord[],
): JoinedLogs {
  const spanIndexesById = new Map<string, number[]>();
  spans.forEach((span, index) => {
    const indexes = spanIndexesById.get(span.spanId);
    if (indexes) indexes.push(index);
    else spanIndexesById.set(span.spanId, [index]);
  });

  const logsBySpanIndex = new Map<number, LogRecordRecord[]>();
  const unmatched: LogRecordRecord[] = [];
  for (const log of logs) {
    const candidates = log.spanId ? spanIndexesById.get(log.spanId) : undefined;
    const spanIndex = candidates?.find(
      (index) => !log.traceId || spans[index]!.traceId === log.traceId,
    );
    if (spanIndex === undefined) {
      unmatched.push(log);
      continue;
    }
    const joined = logsBySpanIndex.get(spanIndex);
    if (joined) joined.push(log);
    else logsBySpanIndex.set(spanIndex, [log]);
  }

  const joinedSpans = spans.map((span, index) => {
    const added = logsBySpanIndex.get(index);
    if (!added) return { ...span, logs: [...span.logs] };
    // Array.prototype.sort is stable: records with equal times keep their arrival order.
    const merged = [...span.logs, ...added].sort((left, right) =>
      compareNanos(left.timeUnixNano, right.timeUnixNano),
    );
    return { ...span, logs: merged };
  });
  return { spans: joinedSpans, unmatched };
}
