/** The default store: an embedded DuckDB file, nothing else to install. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  DuckDBInstance,
  listValue,
  timestampValue,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { AiEvent, LogRecordRecord, SpanRecord } from '@llm-analytics/core';
import {
  DUCKDB_EVALUATION_TABLES,
  DuckDBEvaluationStore,
} from '../evaluations/duckdb-evaluation-store';
import type { EvaluationStore } from '../evaluations/evaluation-store';
import { DuckDBWriter } from './duckdb-writer';
import type {
  Dashboard,
  DashboardQuery,
  DataExtent,
  ErrorGroup,
  ErrorQuery,
  EventQuery,
  EventStore,
  GenerationQuery,
  GenerationRow,
  JoinState,
  ListQuery,
  PendingLog,
  RecentSpan,
  SessionRow,
  TracePage,
  TraceQuery,
  TraceRead,
  UserRow,
  WriteBatch,
} from './event-store';
import { mergeBatches } from './merge-batches';
import { queryDashboard } from './queries/dashboard';
import { queryErrors, queryExtent } from './queries/errors';
import { queryEvents } from './queries/events';
import { queryGenerations } from './queries/generations';
import { querySessions, queryUsers } from './queries/people';
import type { RunQuery } from './queries/run-query';
import { queryTrace, queryTraces } from './queries/traces';
import { migrate } from './migrate';
import { CREATE_TABLES } from './schema';
import {
  PENDING_LOG_REMOVALS,
  PendingWrites,
  keptSpanKey,
  pendingLogsKey,
  traceSpansKey,
  writeKeys,
} from './pending-writes';
import { Serial } from './serial';
import { StoreOpenError } from './store-open-error';
import { WriteQueue } from './write-queue';

/** Staging connections of the writer: one batch stages while the one before it commits. */
const WRITE_LANES = 2;

export interface DuckDBStoreOptions {
  /** Flush at this many events… */
  writeBatchSize?: number;
  /** …or after this many milliseconds. */
  writeDelayMs?: number;
  /**
   * Connections serving reads concurrently with the writer (default 4: the trace detail's
   * four reads each get one, so it takes as long as its slowest read, not the sum).
   */
  readConnections?: number;
}

export { StoreOpenError };

function describeOpenFailure(path: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || /permission denied/i.test(message))
    return `cannot open database ${path}: permission denied`;
  if (code === 'ENOTDIR' || code === 'EEXIST')
    return `cannot open database ${path}: not a directory`;
  if (/lock/i.test(message)) return `cannot open database ${path}: it is in use by another process`;
  return `cannot open database ${path}: ${message.split('\n')[0]}`;
}

export class DuckDBStore implements EventStore {
  /** One process holds the file: its in-memory join index is the whole truth. */
  readonly shared = false;
  private readonly queue: WriteQueue<WriteBatch>;
  private readonly pendingWrites = new PendingWrites();
  private closing: Promise<void> | undefined;
  private evaluations: EvaluationStore | undefined;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBWriter,
    private readonly connections: DuckDBConnection[],
    private readonly readers: Array<{ connection: DuckDBConnection; serial: Serial }>,
    options: DuckDBStoreOptions,
  ) {
    this.queue = new WriteQueue<WriteBatch>({
      flush: (batches) => this.writer.write(mergeBatches(batches)),
      sizeOf: (batch) =>
        (batch.insert?.length ?? 0) +
          (batch.replace?.length ?? 0) +
          (batch.pendingLogs?.length ?? 0) || 1,
      maxItems: options.writeBatchSize ?? 5000,
      delayMs: options.writeDelayMs ?? 5,
      // One flush stages while the one before it commits (the writer has a connection for each).
      maxInFlight: WRITE_LANES,
    });
  }

  /** Open (or create) a database file; `:memory:` for a throwaway one. */
  static async open(path: string, options: DuckDBStoreOptions = {}): Promise<DuckDBStore> {
    const inMemory = path === ':memory:';
    const location = inMemory ? path : resolve(path);
    let instance: DuckDBInstance;
    try {
      if (!inMemory) mkdirSync(dirname(location), { recursive: true });
      instance = await DuckDBInstance.create(location, {
        // The default (16 MB of WAL) checkpoints every few thousand events and stalls the write
        // path for hundreds of ms each time; measured 1.7x ingest throughput at 256 MB. The cost
        // is a longer WAL replay after a crash (seconds), and `close()` checkpoints anyway.
        checkpoint_threshold: '256MB',
      });
    } catch (error) {
      throw new StoreOpenError(describeOpenFailure(location, error));
    }
    const maintenance = await instance.connect();
    for (const statement of CREATE_TABLES) await maintenance.run(statement);
    await migrate(maintenance);
    for (const statement of DUCKDB_EVALUATION_TABLES) await maintenance.run(statement);
    const lanes = [];
    for (let index = 0; index < WRITE_LANES; index++) lanes.push(await instance.connect());
    const writer = await DuckDBWriter.open(lanes, maintenance);
    const readers = [];
    for (let index = 0; index < (options.readConnections ?? 4); index++)
      readers.push({ connection: await instance.connect(), serial: new Serial() });
    return new DuckDBStore(instance, writer, [maintenance, ...lanes], readers, options);
  }

  write(batch: WriteBatch): Promise<void> {
    const written = this.queue.enqueue(batch);
    this.pendingWrites.track(writeKeys(batch), written);
    return written;
  }

  /** Run a read on the least busy reader connection. */
  private readonly run: RunQuery = (sql, values) => {
    const reader = this.readers.reduce((best, candidate) =>
      candidate.serial.size < best.serial.size ? candidate : best,
    );
    return reader.serial.run(async () => {
      const result = await reader.connection.runAndReadAll(sql, values as DuckDBValue[]);
      return result.getRowObjectsJS() as Array<Record<string, unknown>>;
    });
  };

  async recentSpans(project: string, traceIds: readonly string[]): Promise<RecentSpan[]> {
    if (!traceIds.length) return [];
    // Late logs may belong to a span whose write is still queued: read after it lands.
    await this.pendingWrites.waitFor(traceIds.map((traceId) => traceSpansKey(project, traceId)));
    const rows = await this.run(
      `SELECT record, epoch_ms(received_at) AS received FROM otlp_recent_spans
       WHERE project = $1 AND trace_id IN (SELECT unnest($2::VARCHAR[]))`,
      [project, listValue([...traceIds])],
    );
    return rows.map((row) => ({
      project,
      span: JSON.parse(String(row['record'])) as SpanRecord,
      receivedAt: Number(row['received']),
    }));
  }

  async keptSpans(
    project: string,
    spanIds: readonly string[],
    sinceMs: number,
  ): Promise<RecentSpan[]> {
    if (!spanIds.length) return [];
    await this.pendingWrites.waitFor(spanIds.map((spanId) => keptSpanKey(project, spanId)));
    const rows = await this.run(
      `SELECT record, epoch_ms(received_at) AS received FROM otlp_recent_spans
       WHERE project = $1 AND span_id IN (SELECT unnest($2::VARCHAR[])) AND received_at >= $3`,
      [project, listValue([...spanIds]), timestampValue(BigInt(sinceMs) * 1000n)],
    );
    return rows.map((row) => ({
      project,
      span: JSON.parse(String(row['record'])) as SpanRecord,
      receivedAt: Number(row['received']),
    }));
  }

  async pendingLogs(
    project: string,
    spanIds: readonly string[],
    sinceMs: number,
  ): Promise<PendingLog[]> {
    if (!spanIds.length) return [];
    await this.pendingWrites.waitFor([
      ...spanIds.map((spanId) => pendingLogsKey(project, spanId)),
      PENDING_LOG_REMOVALS,
    ]);
    const rows = await this.run(
      `SELECT id, span_id, trace_id, epoch_ms(received_at) AS received, record
       FROM otlp_pending_logs
       WHERE project = $1 AND span_id IN (SELECT unnest($2::VARCHAR[])) AND received_at >= $3
       ORDER BY received_at, id`,
      [project, listValue([...spanIds]), timestampValue(BigInt(sinceMs) * 1000n)],
    );
    return rows.map((row) => ({
      id: String(row['id']),
      project,
      spanId: String(row['span_id']),
      ...(typeof row['trace_id'] === 'string' ? { traceId: row['trace_id'] } : {}),
      receivedAt: Number(row['received']),
      log: JSON.parse(String(row['record'])) as LogRecordRecord,
    }));
  }

  async expiredPendingLogs(fromMs: number, toMs: number): Promise<number> {
    const rows = await this.run(
      `SELECT count(*) AS n FROM otlp_pending_logs WHERE received_at >= $1 AND received_at < $2`,
      [timestampValue(BigInt(fromMs) * 1000n), timestampValue(BigInt(toMs) * 1000n)],
    );
    return Number(rows[0]?.['n'] ?? 0);
  }

  async loadJoinState(sinceMs: number): Promise<JoinState> {
    const since = timestampValue(BigInt(sinceMs) * 1000n);
    const spans = await this.run(
      `SELECT project, span_id, trace_id, epoch_ms(received_at) AS received FROM otlp_recent_spans
       WHERE received_at >= $1 ORDER BY received_at`,
      [since],
    );
    const logs = await this.run(
      `SELECT id, project, span_id, trace_id, epoch_ms(received_at) AS received, record
       FROM otlp_pending_logs WHERE received_at >= $1 ORDER BY received_at, id`,
      [since],
    );
    return {
      recentSpans: spans.map((row) => ({
        project: String(row['project']),
        spanId: String(row['span_id']),
        traceId: String(row['trace_id']),
        receivedAt: Number(row['received']),
      })),
      pendingLogs: logs.map((row) => ({
        id: String(row['id']),
        project: String(row['project']),
        spanId: String(row['span_id']),
        ...(typeof row['trace_id'] === 'string' ? { traceId: row['trace_id'] } : {}),
        receivedAt: Number(row['received']),
        log: JSON.parse(String(row['record'])) as LogRecordRecord,
      })),
    };
  }

  pruneJoinState(spansBeforeMs: number, logsBeforeMs: number): Promise<void> {
    return this.writer.exclusive(async (connection) => {
      await connection.run('DELETE FROM otlp_recent_spans WHERE received_at < $1', [
        timestampValue(BigInt(spansBeforeMs) * 1000n),
      ]);
      await connection.run('DELETE FROM otlp_pending_logs WHERE received_at < $1', [
        timestampValue(BigInt(logsBeforeMs) * 1000n),
      ]);
    });
  }

  events(project: string, query: EventQuery): Promise<AiEvent[]> {
    return queryEvents(this.run, project, query);
  }

  traces(project: string, query: TraceQuery): Promise<TracePage> {
    return queryTraces(this.run, project, query);
  }

  generations(project: string, query: GenerationQuery): Promise<GenerationRow[]> {
    return queryGenerations(this.run, project, query);
  }

  sessions(project: string, query: ListQuery): Promise<SessionRow[]> {
    return querySessions(this.run, project, query);
  }

  users(project: string, query: ListQuery): Promise<UserRow[]> {
    return queryUsers(this.run, project, query);
  }

  dashboard(project: string, query: DashboardQuery): Promise<Dashboard> {
    return queryDashboard(this.run, project, query);
  }

  trace(project: string, traceId: string): Promise<TraceRead | undefined> {
    return queryTrace(this.run, project, traceId);
  }

  errors(project: string, query: ErrorQuery): Promise<ErrorGroup[]> {
    return queryErrors(this.run, project, query);
  }

  extent(project: string): Promise<DataExtent> {
    return queryExtent(this.run, project);
  }

  evaluationStore(): EvaluationStore {
    this.evaluations ??= new DuckDBEvaluationStore({
      read: this.run,
      // Evaluator and job writes are small: they take turns with commits on the writer.
      write: (work) => this.writer.exclusive(work),
    });
    return this.evaluations;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.queue.close();
      await this.writer.exclusive(async (connection) => {
        // Fold the WAL into the main file so the next start has nothing to replay.
        await connection.run('CHECKPOINT').catch(() => undefined);
      });
      for (const reader of this.readers)
        await reader.serial.run(async () => reader.connection.closeSync());
      for (const connection of this.connections) connection.closeSync();
      this.instance.closeSync();
    })();
    return this.closing;
  }
}
