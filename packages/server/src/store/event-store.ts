/**
 * The storage boundary: DuckDB (embedded, one process) and ClickHouse (server, cluster or
 * embedded chDB; shared by replicas) implement it. The shapes are plain rows and aggregates.
 */
import type { AiEvent, LogRecordRecord, SpanRecord } from '@llm-analytics/core';
import type { EvaluationStore } from '../evaluations/evaluation-store';
import type {
  Dashboard,
  DataExtent,
  ErrorGroup,
  GenerationRow,
  ScoreRow,
  SessionRow,
  TraceSummary,
  UserRow,
} from '../api-types';

export type * from '../api-types';

/** An event and the project it belongs to. */
export interface ProjectEvent {
  project: string;
  event: AiEvent;
}

/** An AI span kept for a while after it was stored, so late content logs can re-map it. */
export interface RecentSpan {
  project: string;
  span: SpanRecord;
  /** Milliseconds since the epoch. */
  receivedAt: number;
}

/** A content log record that arrived before its span. */
export interface PendingLog {
  id: string;
  project: string;
  spanId: string;
  traceId?: string;
  log: LogRecordRecord;
  receivedAt: number;
}

/** One atomic, durable write. */
export interface WriteBatch {
  /** New events; a uuid the project already has is ignored (first write wins). */
  insert?: ProjectEvent[];
  /** Re-mapped events (late content logs): replace the stored ones. Applied after `insert`. */
  replace?: ProjectEvent[];
  /** Spans to keep for late logs; one already kept is left alone (it may carry logs). */
  recentSpans?: RecentSpan[];
  /** Spans whose kept copy must be replaced (late logs joined). */
  replaceRecentSpans?: RecentSpan[];
  pendingLogs?: PendingLog[];
  /** Pending logs that were joined or evicted. Applied after `pendingLogs`. */
  removePendingLogIds?: string[];
}

export interface TimeRange {
  from?: Date;
  to?: Date;
}

export interface EventQuery extends TimeRange {
  event?: string;
  traceId?: string;
  distinctId?: string;
  limit: number;
}

export interface TraceCursor {
  /** Trace start in microseconds since the epoch. */
  startMicros: bigint;
  traceId: string;
}

export interface TraceQuery extends TimeRange {
  /** One trace (its summary). */
  traceId?: string;
  distinctId?: string;
  sessionId?: string;
  /** Matches the trace id, names, user, model, and message text. */
  search?: string;
  hasError?: boolean;
  /** `service.name` of the sending app. */
  serviceName?: string;
  /** Traces with at least one score of this name ("feedback" for feedback). */
  scoreName?: string;
  limit: number;
  cursor?: TraceCursor;
}

export interface TracePage {
  results: TraceSummary[];
  next?: TraceCursor;
}

/** One trace as the trace detail shows it: its summary, its spans and its scores. */
export interface TraceRead {
  /** The trace's row of `traces` (null only if its spans fall outside every summary). */
  summary: TraceSummary | null;
  /** Every span (no scores), oldest first. */
  events: AiEvent[];
  /** Every score, oldest first. */
  scores: ScoreRow[];
}

export const GENERATION_SORTS = ['timestamp', 'latency', 'cost', 'tokens', 'ttft'] as const;
export type GenerationSort = (typeof GENERATION_SORTS)[number];

export interface GenerationQuery extends TimeRange {
  model?: string;
  provider?: string;
  distinctId?: string;
  sessionId?: string;
  traceId?: string;
  serviceName?: string;
  isError?: boolean;
  /** Text search in the input and output messages. */
  search?: string;
  /**
   * Only generations a score of this name is about (feedback, a metric or an evaluation; see
   * the scores query module), with this label when given (pass, fail, n/a or a category).
   */
  score?: { name: string; label?: string };
  sort: GenerationSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export interface ListQuery extends TimeRange {
  distinctId?: string;
  /** Users only: identified (false) or anonymous (true) people. */
  anonymous?: boolean;
  search?: string;
  limit: number;
  offset: number;
}

export const DASHBOARD_BUCKETS = ['minute', 'hour', 'day'] as const;
export type DashboardBucket = (typeof DASHBOARD_BUCKETS)[number];

export interface DashboardQuery extends TimeRange {
  bucket: DashboardBucket;
  model?: string;
  provider?: string;
  serviceName?: string;
}

export interface ErrorQuery extends TimeRange {
  model?: string;
  serviceName?: string;
  limit: number;
}

export interface JoinState {
  recentSpans: Array<{ project: string; traceId: string; spanId: string; receivedAt: number }>;
  pendingLogs: PendingLog[];
}

export interface EventStore {
  /**
   * Several server processes may write to this store at once (ClickHouse): the log-join state
   * is then read from the store, never trusted from one process's memory.
   */
  readonly shared: boolean;
  /** Write atomically; resolves only once the batch is durable. */
  write(batch: WriteBatch): Promise<void>;
  /** Kept spans of these traces (all of them: the trace context spans batches). */
  recentSpans(project: string, traceIds: readonly string[]): Promise<RecentSpan[]>;
  /** Kept spans with these span ids, received at or after `sinceMs`. */
  keptSpans(project: string, spanIds: readonly string[], sinceMs: number): Promise<RecentSpan[]>;
  /** Pending logs waiting for these span ids, received at or after `sinceMs`. */
  pendingLogs(project: string, spanIds: readonly string[], sinceMs: number): Promise<PendingLog[]>;
  /** Pending logs (not joined) received in [fromMs, toMs): the ones that expired unjoined. */
  expiredPendingLogs(fromMs: number, toMs: number): Promise<number>;
  /** Join state younger than `sinceMs`, to rebuild the in-memory index after a restart. */
  loadJoinState(sinceMs: number): Promise<JoinState>;
  /** Forget kept spans received before `spansBeforeMs` and pending logs before `logsBeforeMs`. */
  pruneJoinState(spansBeforeMs: number, logsBeforeMs: number): Promise<void>;

  events(project: string, query: EventQuery): Promise<AiEvent[]>;
  traces(project: string, query: TraceQuery): Promise<TracePage>;
  generations(project: string, query: GenerationQuery): Promise<GenerationRow[]>;
  sessions(project: string, query: ListQuery): Promise<SessionRow[]>;
  users(project: string, query: ListQuery): Promise<UserRow[]>;
  dashboard(project: string, query: DashboardQuery): Promise<Dashboard>;
  /**
   * One trace: `traces` for its id, its spans and its scores (`$ai_feedback`, `$ai_metric`,
   * `$ai_evaluation`), oldest first, the reads run concurrently (the trace detail's latency
   * is the slowest read, not the sum); undefined when the trace has no span.
   */
  trace(project: string, traceId: string): Promise<TraceRead | undefined>;
  /** Failed calls grouped by error type, message and model. */
  errors(project: string, query: ErrorQuery): Promise<ErrorGroup[]>;
  /** First and last event time of the project, whatever the range. */
  extent(project: string): Promise<DataExtent>;

  /** Evaluators and the evaluation queue of this store (issue #21). */
  evaluationStore(): EvaluationStore;

  /** Flush queued writes, make them durable in the main file, release the database. */
  close(): Promise<void>;
}
