/**
 * What the processor needs from a durable store of requests not yet acknowledged. Core is
 * isomorphic: the file implementation lives in the Node-only entry
 * `@llm-analytics/core/node-spool` (`createFileSpool`), wired by the Node adapters' `spoolDir`.
 */

/** A request as kept by a spool: enough to send it again, in this process or a later one. */
export interface SpooledRequest {
  body: Uint8Array;
  headers: Record<string, string>;
  /** Events (or spans, otlp transport) in the body. */
  items: number;
}

/** One stored request; `remove` it once the server acknowledged it. */
export interface SpoolEntry {
  readonly request: SpooledRequest;
}

export interface SpoolAppendResult {
  /** Items of the oldest requests dropped to stay within the spool's byte bound. */
  evictedItems: number;
}

export interface SpoolReadResult {
  /** The oldest stored requests, oldest first; empty when the spool is. */
  entries: SpoolEntry[];
  /** Records skipped because they were corrupt or partial (a crash during a write). */
  corrupt: number;
  /** Items of those records, where their header could still be read. */
  corruptItems: number;
  /** Why the first of them was skipped (`partial record (…)`, `checksum mismatch`). */
  corruptReason?: string;
}

/** A durable, bounded, oldest-first store of requests. Rejections mean the store is unusable. */
export interface Spool {
  /** Where the spool keeps its records, for messages. */
  readonly location: string;
  /** Store requests durably (beyond this process) before resolving. */
  append(requests: readonly SpooledRequest[]): Promise<SpoolAppendResult>;
  /** Up to `max` oldest requests not yet removed (also those an earlier process left behind). */
  next(max: number): Promise<SpoolReadResult>;
  /** Forget a request: it was acknowledged (or refused for good). */
  remove(entry: SpoolEntry): Promise<void>;
  /** Release what the spool holds open (locks, timers); stored requests stay. */
  close(): Promise<void>;
}
