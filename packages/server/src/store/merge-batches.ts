import type { PendingLog, ProjectEvent, RecentSpan, WriteBatch } from './event-store';

export interface MergedBatch {
  insert: ProjectEvent[];
  replace: ProjectEvent[];
  recentSpans: RecentSpan[];
  replaceRecentSpans: RecentSpan[];
  pendingLogs: PendingLog[];
  removePendingLogIds: string[];
}

function eventKey(item: ProjectEvent): string {
  return `${item.project}\u0000${item.event.uuid}`;
}

function spanKey(item: RecentSpan): string {
  return `${item.project}\u0000${item.span.spanId}\u0000${item.span.traceId}`;
}

/** Keep the first (or last) item per key: a duplicate inside one statement must not reach DuckDB. */
function unique<T>(items: T[], key: (item: T) => string, keep: 'first' | 'last'): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (keep === 'last' || !byKey.has(k)) byKey.set(k, item);
  }
  return [...byKey.values()];
}

/**
 * Merge the batches of one flush. Order within a kind is arrival order; across kinds the
 * store applies inserts before replacements and pending-log adds before removals, which is
 * what the arrival order would have produced.
 */
export function mergeBatches(batches: readonly WriteBatch[]): MergedBatch {
  const all = <T>(pick: (batch: WriteBatch) => T[] | undefined): T[] =>
    batches.flatMap((batch) => pick(batch) ?? []);
  const removed = new Set(all((batch) => batch.removePendingLogIds));
  const added = all((batch) => batch.pendingLogs);
  const addedIds = new Set(added.map((log) => log.id));
  return {
    insert: unique(
      all((batch) => batch.insert),
      eventKey,
      'first',
    ),
    replace: unique(
      all((batch) => batch.replace),
      eventKey,
      'last',
    ),
    recentSpans: unique(
      all((batch) => batch.recentSpans),
      spanKey,
      'first',
    ),
    replaceRecentSpans: unique(
      all((batch) => batch.replaceRecentSpans),
      spanKey,
      'last',
    ),
    // A log added and joined within one flush never needs to touch the table.
    pendingLogs: added.filter((log) => !removed.has(log.id)),
    removePendingLogIds: [...removed].filter((id) => !addedIds.has(id)),
  };
}
