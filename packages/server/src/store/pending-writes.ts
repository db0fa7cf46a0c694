/**
 * Writes queued or being flushed, indexed by what they touch, so a read waits only for the
 * writes it could see. Draining the whole write queue before every join-state read made each
 * request wait for every other request's flush, which defeats grouping writes.
 */
import type { WriteBatch } from './event-store';

/** Key of the kept spans of one trace. */
export const traceSpansKey = (project: string, traceId: string) =>
  `t\u0000${project}\u0000${traceId}`;
/** Key of the kept span with this id. */
export const keptSpanKey = (project: string, spanId: string) => `s\u0000${project}\u0000${spanId}`;
/** Key of the pending logs waiting for this span id. */
export const pendingLogsKey = (project: string, spanId: string) =>
  `l\u0000${project}\u0000${spanId}`;
/** Removals name pending logs by id only: any read of pending logs waits for them. */
export const PENDING_LOG_REMOVALS = 'removals';

/** The keys a batch writes. */
export function writeKeys(batch: WriteBatch): string[] {
  const keys: string[] = [];
  for (const { project, span } of [
    ...(batch.recentSpans ?? []),
    ...(batch.replaceRecentSpans ?? []),
  ])
    keys.push(traceSpansKey(project, span.traceId), keptSpanKey(project, span.spanId));
  for (const pending of batch.pendingLogs ?? [])
    keys.push(pendingLogsKey(pending.project, pending.spanId));
  if (batch.removePendingLogIds?.length) keys.push(PENDING_LOG_REMOVALS);
  return keys;
}

export class PendingWrites {
  private readonly byKey = new Map<string, Set<Promise<void>>>();

  /** Remember `write` under `keys` until it settles. */
  track(keys: readonly string[], write: Promise<void>): void {
    if (!keys.length) return;
    const unique = [...new Set(keys)];
    // The caller handles the write's failure; here only its end matters.
    const settled = write.then(
      () => undefined,
      () => undefined,
    );
    for (const key of unique) {
      let writes = this.byKey.get(key);
      if (!writes) this.byKey.set(key, (writes = new Set()));
      writes.add(settled);
    }
    void settled.then(() => {
      for (const key of unique) {
        const writes = this.byKey.get(key);
        writes?.delete(settled);
        if (writes && !writes.size) this.byKey.delete(key);
      }
    });
  }

  /** Resolves once every write tracked so far under one of `keys` has settled. */
  async waitFor(keys: readonly string[]): Promise<void> {
    const waits: Array<Promise<void>> = [];
    for (const key of keys) {
      const writes = this.byKey.get(key);
      if (writes) waits.push(...writes);
    }
    if (waits.length) await Promise.all(waits);
  }
}
