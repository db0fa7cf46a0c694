import { logRecordFromSdk, type ReadableLogRecordLike } from '../span-record/from-log-record';
import { compareNanos } from '../span-record/time';
import type { LogRecordRecord } from '../types';

/** Content log records kept at most, and for how long, while they wait for their span. */
export const MAX_BUFFERED_RECORDS = 10_000;
export const MAX_RECORD_AGE_MS = 60_000;

interface Buffered {
  record: ReadableLogRecordLike;
  addedAt: number;
}

/**
 * Content log records (the OpenAI instrumentation writes message content only as log
 * records) waiting to be joined to their span by span id. Raw SDK records are held and
 * converted only at export time. Bounded in count and age: records whose span never comes
 * are evicted, never kept forever.
 */
export class ContentLogBuffer {
  private readonly bySpan = new Map<string, Buffered[]>();
  private size = 0;
  /** Records evicted without their span (for diagnostics). */
  evicted = 0;

  add(spanId: string, record: ReadableLogRecordLike, now = Date.now()): void {
    let list = this.bySpan.get(spanId);
    if (!list) {
      list = [];
      this.bySpan.set(spanId, list);
    }
    list.push({ record, addedAt: now });
    this.size++;
    if (this.size > MAX_BUFFERED_RECORDS) this.evictOldestSpan();
  }

  /** The records of a span, converted and in time order; they leave the buffer. */
  take(spanId: string): LogRecordRecord[] {
    const list = this.bySpan.get(spanId);
    if (!list) return [];
    this.bySpan.delete(spanId);
    this.size -= list.length;
    const out: LogRecordRecord[] = [];
    for (const { record } of list) {
      try {
        out.push(logRecordFromSdk(record));
      } catch {
        // An unreadable record loses only itself.
        this.evicted++;
      }
    }
    return out.sort((a, b) => compareNanos(a.timeUnixNano, b.timeUnixNano));
  }

  /** Drop records older than the age limit (their span is not coming). */
  sweep(now = Date.now()): void {
    for (const [spanId, list] of this.bySpan) {
      if (now - list[list.length - 1]!.addedAt < MAX_RECORD_AGE_MS) continue;
      this.bySpan.delete(spanId);
      this.size -= list.length;
      this.evicted += list.length;
    }
  }

  private evictOldestSpan(): void {
    const oldest = this.bySpan.keys().next().value;
    if (oldest === undefined) return;
    const list = this.bySpan.get(oldest)!;
    this.bySpan.delete(oldest);
    this.size -= list.length;
    this.evicted += list.length;
  }

  get count(): number {
    return this.size;
  }
}
