/**
 * Joins OTLP content log records to their spans when the two arrive in separate requests,
 * in either order, within a bounded window.
 *
 * Design (nothing acknowledged is ever only in memory):
 * - Spans are mapped and stored at once, with any logs already waiting for them. Each stored
 *   AI span is also kept (durably, `otlp_recent_spans`) for the window.
 * - A log whose span was stored already is "late": the kept span gets the log, the trace's
 *   kept spans are mapped again and the event is replaced (same uuid: an upsert).
 * - A log whose span hasn't come yet is "pending": stored durably (`otlp_pending_logs`) and
 *   indexed in memory, joined when the span arrives.
 * - Memory holds only an index: which spans are kept and which logs wait. The index is
 *   updated synchronously before each write is queued, and the store applies writes in
 *   order, so a span and its log racing in concurrent requests always meet on one side.
 * - Bounds: pending logs by count, bytes and age; kept spans by count and age. What falls
 *   out is counted and reported (one log line per sweep), never an error to the client.
 */
import {
  joinLogsToSpans,
  type LogRecordRecord,
  type MapResult,
  type SpanRecord,
} from '@llm-analytics/core';
import { P } from '@llm-analytics/core/semconv';
import { randomUUID } from 'node:crypto';
import type { EventStore, PendingLog, ProjectEvent, RecentSpan } from '../store/event-store';
import { Serial } from '../store/serial';
import type { LogJoinOptions } from '../types';

interface PendingEntry {
  logs: PendingLog[];
  fingerprints: Set<string>;
  bytes: number;
}

export interface TakenLogs {
  logs: LogRecordRecord[];
  ids: string[];
}

export type MapSpans = (spans: readonly SpanRecord[]) => MapResult;

const key = (project: string, spanId: string) => `${project}\u0000${spanId}`;

let pendingSequence = 0;
/**
 * Pending-log ids sort in arrival order (time, then a per-process sequence): a store hands
 * a span's waiting logs back in the order they came, which is the order of the messages.
 */
function pendingLogId(now: number): string {
  pendingSequence = (pendingSequence + 1) % 1e9;
  return `${now.toString().padStart(15, '0')}-${pendingSequence.toString().padStart(9, '0')}-${randomUUID()}`;
}
const fingerprint = (log: LogRecordRecord) => JSON.stringify(log);

export class LogJoiner {
  readonly windowMs: number;
  private readonly maxPendingLogs: number;
  private readonly maxPendingLogBytes: number;
  private readonly maxRecentSpans: number;
  /** Kept spans: key → trace id and time; Map order is arrival order, oldest first. */
  private readonly recent = new Map<string, { traceId: string; at: number }>();
  /** Kept spans per (project, trace): whether a batch's trace was seen in an earlier request. */
  private readonly keptPerTrace = new Map<string, number>();
  /** Several servers share the store: what this process remembers is only a cache. */
  private readonly shared: boolean;
  private readonly pending = new Map<string, PendingEntry>();
  private pendingCount = 0;
  private pendingBytes = 0;
  /** Late joins read, re-map and replace: one at a time, or two could undo each other. */
  private readonly lateJoins = new Serial();
  private droppedSinceReport = 0;
  /** Shared store: pending logs received before this had their chance to be counted. */
  private lastCutoff: number;

  constructor(
    private readonly store: EventStore,
    private readonly map: MapSpans,
    options: LogJoinOptions = {},
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.windowMs = options.windowMs ?? 60_000;
    this.maxPendingLogs = options.maxPendingLogs ?? 50_000;
    this.maxPendingLogBytes = options.maxPendingLogBytes ?? 32 * 1024 * 1024;
    this.maxRecentSpans = options.maxRecentSpans ?? 100_000;
    this.shared = store.shared;
    this.lastCutoff = Date.now() - this.windowMs;
  }

  private indexSpan(spanKey: string, traceKey: string, traceId: string, at: number): void {
    if (this.recent.has(spanKey)) return;
    this.recent.set(spanKey, { traceId, at });
    this.keptPerTrace.set(traceKey, (this.keptPerTrace.get(traceKey) ?? 0) + 1);
  }

  private unindexSpan(spanKey: string): void {
    const kept = this.recent.get(spanKey);
    if (!kept) return;
    this.recent.delete(spanKey);
    const traceKey = `${spanKey.slice(0, spanKey.indexOf('\u0000'))}\u0000${kept.traceId}`;
    const count = (this.keptPerTrace.get(traceKey) ?? 1) - 1;
    if (count > 0) this.keptPerTrace.set(traceKey, count);
    else this.keptPerTrace.delete(traceKey);
  }

  /** Rebuild the index from the store after a restart. */
  async load(now = Date.now()): Promise<void> {
    // A shared store is read on demand: the state of every replica is there, not here.
    if (this.shared) return;
    const state = await this.store.loadJoinState(now - this.windowMs);
    for (const span of state.recentSpans)
      this.indexSpan(
        key(span.project, span.spanId),
        key(span.project, span.traceId),
        span.traceId,
        span.receivedAt,
      );
    for (const pending of state.pendingLogs) this.addPending(pending);
  }

  /** Spans path: remove and return the logs waiting for these spans. */
  takePending(project: string, spans: readonly SpanRecord[]): TakenLogs {
    const taken: TakenLogs = { logs: [], ids: [] };
    if (!this.pending.size) return taken;
    for (const span of spans) {
      const entryKey = key(project, span.spanId);
      const entry = this.pending.get(entryKey);
      if (!entry) continue;
      const matching = entry.logs.filter(
        (pending) => !pending.traceId || pending.traceId === span.traceId,
      );
      if (!matching.length) continue;
      this.removePending(entryKey, new Set(matching.map((pending) => pending.id)));
      for (const pending of matching) {
        taken.logs.push(pending.log);
        taken.ids.push(pending.id);
      }
    }
    return taken;
  }

  /** Undo `takePending` when the write that would have consumed the logs failed. */
  restorePending(
    project: string,
    spans: readonly SpanRecord[],
    taken: TakenLogs,
    now = Date.now(),
  ): void {
    const bySpan = new Map(spans.map((span) => [span.spanId, span]));
    taken.logs.forEach((log, index) => {
      const span = log.spanId ? bySpan.get(log.spanId) : undefined;
      if (!span) return;
      this.addPending({
        id: taken.ids[index]!,
        project,
        spanId: span.spanId,
        traceId: span.traceId,
        log,
        receivedAt: now,
      });
    });
  }

  /** Spans path: keep these stored AI spans for late logs; returns the rows to write. */
  keepSpans(project: string, spans: readonly SpanRecord[], now = Date.now()): RecentSpan[] {
    for (const span of spans)
      this.indexSpan(key(project, span.spanId), key(project, span.traceId), span.traceId, now);
    while (this.recent.size > this.maxRecentSpans)
      this.unindexSpan(this.recent.keys().next().value as string);
    return spans.map((span) => ({ project, span, receivedAt: now }));
  }

  forgetSpans(project: string, spans: readonly SpanRecord[]): void {
    for (const span of spans) this.unindexSpan(key(project, span.spanId));
  }

  /**
   * Logs path: split into logs whose span is kept (late) and logs to wait (pending, already
   * indexed). `evictedIds` are older pending logs pushed out by the caps.
   */
  route(project: string, logs: readonly LogRecordRecord[], now = Date.now()) {
    const late: LogRecordRecord[] = [];
    const pending: PendingLog[] = [];
    for (const log of logs) {
      if (!log.spanId) continue;
      const kept = this.recent.get(key(project, log.spanId));
      if (kept && (!log.traceId || log.traceId === kept.traceId)) {
        late.push(log);
        continue;
      }
      const added: PendingLog = {
        id: pendingLogId(now),
        project,
        spanId: log.spanId,
        log,
        receivedAt: now,
      };
      if (log.traceId) added.traceId = log.traceId;
      if (this.addPending(added)) pending.push(added);
    }
    return { late, pending, evictedIds: this.enforcePendingCaps() };
  }

  /** Undo `route` for pending logs whose write failed. */
  unroute(project: string, pending: readonly PendingLog[]): void {
    for (const item of pending) this.removePending(key(project, item.spanId), new Set([item.id]));
  }

  /**
   * Join late logs to their kept spans, map the traces again and replace the events.
   * Returns the logs whose kept span was already gone (the caller keeps them pending).
   */
  joinLate(project: string, logs: readonly LogRecordRecord[]): Promise<LogRecordRecord[]> {
    return this.lateJoins.run(async () => {
      const traceIds = new Set<string>();
      for (const log of logs) {
        const kept = this.recent.get(key(project, log.spanId!));
        if (kept) traceIds.add(kept.traceId);
      }
      const kept = await this.store.recentSpans(project, [...traceIds]);
      const spansById = new Map(
        kept.map((item) => [`${item.span.traceId}:${item.span.spanId}`, item.span]),
      );
      const targets = new Map<string, { span: SpanRecord; fresh: LogRecordRecord[] }>();
      const orphans: LogRecordRecord[] = [];
      for (const log of logs) {
        const traceId = log.traceId ?? this.recent.get(key(project, log.spanId!))?.traceId;
        const spanKey = `${traceId}:${log.spanId}`;
        const span = spansById.get(spanKey);
        if (!span) {
          // Kept in the index but gone from the store: route it as pending from now on.
          this.unindexSpan(key(project, log.spanId!));
          orphans.push(log);
          continue;
        }
        let target = targets.get(spanKey);
        if (!target) targets.set(spanKey, (target = { span, fresh: [] }));
        // Exporters retry: a log the span already carries is not added twice.
        const known = new Set([...span.logs, ...target.fresh].map(fingerprint));
        if (!known.has(fingerprint(log))) target.fresh.push(log);
      }
      const updated = new Map<string, SpanRecord>();
      for (const [spanKey, { span, fresh }] of targets) {
        if (fresh.length) updated.set(spanKey, joinLogsToSpans([span], fresh).spans[0]!);
      }
      if (!updated.size) return orphans;
      const traceSpans = [...spansById.entries()].map(
        ([spanKey, span]) => updated.get(spanKey) ?? span,
      );
      const events: ProjectEvent[] = this.map(traceSpans)
        .events.filter((event) =>
          updated.has(
            `${String(event.properties[P.traceId])}:${String(event.properties[P.spanId])}`,
          ),
        )
        .map((event) => ({ project, event }));
      const now = Date.now();
      await this.store.write({
        replace: events,
        replaceRecentSpans: [...updated.values()].map((span) => ({
          project,
          span,
          receivedAt: now,
        })),
      });
      return orphans;
    });
  }

  /**
   * Spans path, shared store: logs another replica stored for these spans. Read before the
   * spans are written (to map them with their logs at once) and again after (a log written
   * meanwhile by another replica saw no kept span: this side joins it).
   */
  async takeStoredPending(
    project: string,
    spans: readonly SpanRecord[],
    skipIds: readonly string[],
    now = Date.now(),
  ): Promise<TakenLogs> {
    const taken: TakenLogs = { logs: [], ids: [] };
    if (!this.shared || !spans.length) return taken;
    const skip = new Set(skipIds);
    const traceOf = new Map(spans.map((span) => [span.spanId, span.traceId]));
    const stored = await this.store.pendingLogs(project, [...traceOf.keys()], now - this.windowMs);
    for (const pending of stored) {
      if (skip.has(pending.id)) continue;
      if (pending.traceId && pending.traceId !== traceOf.get(pending.spanId)) continue;
      taken.logs.push(pending.log);
      taken.ids.push(pending.id);
    }
    return taken;
  }

  /** Logs path, shared store: learn which of these logs' spans some replica kept. */
  async learnKeptSpans(
    project: string,
    logs: readonly LogRecordRecord[],
    now = Date.now(),
  ): Promise<void> {
    if (!this.shared) return;
    const unknown = [
      ...new Set(
        logs
          .map((log) => log.spanId)
          .filter((spanId): spanId is string => !!spanId && !this.recent.has(key(project, spanId))),
      ),
    ];
    if (!unknown.length) return;
    for (const kept of await this.store.keptSpans(project, unknown, now - this.windowMs))
      this.indexSpan(
        key(project, kept.span.spanId),
        key(project, kept.span.traceId),
        kept.span.traceId,
        kept.receivedAt,
      );
  }

  /**
   * Logs path, shared store: once stored, pending logs are the store's to keep (another
   * replica may join them); this process forgets them so it never reports them as dropped.
   */
  releasePending(project: string, pending: readonly PendingLog[]): void {
    if (this.shared) this.unroute(project, pending);
  }

  /**
   * Spans stored by earlier requests (any replica) in the traces of this batch, so model
   * calls seen by two instrumentations dedupe across requests. Without a shared store only
   * traces this process kept a span of are read.
   */
  async earlierSpans(project: string, spans: readonly SpanRecord[]): Promise<SpanRecord[]> {
    const traceIds = [...new Set(spans.map((span) => span.traceId))].filter(
      (traceId) => this.shared || this.keptPerTrace.has(key(project, traceId)),
    );
    if (!traceIds.length) return [];
    const inBatch = new Set(spans.map((span) => `${span.traceId}:${span.spanId}`));
    return (await this.store.recentSpans(project, traceIds))
      .map((kept) => kept.span)
      .filter((span) => !inBatch.has(`${span.traceId}:${span.spanId}`));
  }

  /** Drop what aged out of the window, in memory and in the store. */
  async sweep(now = Date.now()): Promise<void> {
    const cutoff = now - this.windowMs;
    for (const [spanKey, kept] of this.recent) {
      if (kept.at >= cutoff) break;
      this.unindexSpan(spanKey);
    }
    for (const [entryKey, entry] of this.pending) {
      const expired = entry.logs.filter((pending) => pending.receivedAt < cutoff);
      if (!expired.length) continue;
      this.droppedSinceReport += expired.length;
      this.removePending(entryKey, new Set(expired.map((pending) => pending.id)));
    }
    // Kept spans pushed out by the count cap are older than the oldest one still indexed.
    const oldestKept = this.recent.values().next().value as { at: number } | undefined;
    await this.store.pruneJoinState(oldestKept ? Math.max(oldestKept.at, cutoff) : cutoff, cutoff);
    if (this.shared) {
      // Pending logs live in the store: count the ones that expired since the last sweep
      // without being joined (by any replica).
      this.droppedSinceReport += await this.store.expiredPendingLogs(this.lastCutoff, cutoff);
      this.lastCutoff = cutoff;
    }
    if (this.droppedSinceReport) {
      this.log(
        `dropped ${this.droppedSinceReport} content log record(s) whose span never arrived within ${this.windowMs} ms`,
      );
      this.droppedSinceReport = 0;
    }
  }

  get stats() {
    return {
      keptSpans: this.recent.size,
      pendingLogs: this.pendingCount,
      pendingBytes: this.pendingBytes,
    };
  }

  private addPending(item: PendingLog): boolean {
    const entryKey = key(item.project, item.spanId);
    let entry = this.pending.get(entryKey);
    if (!entry)
      this.pending.set(entryKey, (entry = { logs: [], fingerprints: new Set(), bytes: 0 }));
    const print = fingerprint(item.log);
    if (entry.fingerprints.has(print)) return false;
    entry.fingerprints.add(print);
    entry.logs.push(item);
    entry.bytes += print.length;
    this.pendingCount++;
    this.pendingBytes += print.length;
    return true;
  }

  private removePending(entryKey: string, ids: Set<string>): void {
    const entry = this.pending.get(entryKey);
    if (!entry) return;
    const remaining: PendingLog[] = [];
    for (const item of entry.logs) {
      if (!ids.has(item.id)) {
        remaining.push(item);
        continue;
      }
      const print = fingerprint(item.log);
      entry.fingerprints.delete(print);
      entry.bytes -= print.length;
      this.pendingCount--;
      this.pendingBytes -= print.length;
    }
    entry.logs = remaining;
    if (!remaining.length) this.pending.delete(entryKey);
  }

  /** Evict whole spans' worth of the oldest pending logs until under the caps. */
  private enforcePendingCaps(): string[] {
    const evicted: string[] = [];
    while (this.pendingCount > this.maxPendingLogs || this.pendingBytes > this.maxPendingLogBytes) {
      const [entryKey, entry] = this.pending.entries().next().value as [string, PendingEntry];
      evicted.push(...entry.logs.map((item) => item.id));
      this.droppedSinceReport += entry.logs.length;
      this.removePending(entryKey, new Set(entry.logs.map((item) => item.id)));
    }
    return evicted;
  }
}
