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
import { appendEventRow, appendKeptRow } from './duckdb-append';
import {
  DUCKDB_EVALUATION_TABLES,
  DuckDBEvaluationStore,
} from '../evaluations/duckdb-evaluation-store';
import type { EvaluationStore } from '../evaluations/evaluation-store';
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
  ScoreRow,
  SessionRow,
  TracePage,
  TraceQuery,
  UserRow,
  WriteBatch,
} from './event-store';
import { toEventRow } from './event-row';
import { mergeBatches, type MergedBatch } from './merge-batches';
import { queryDashboard } from './queries/dashboard';
import { queryErrors, queryExtent } from './queries/errors';
import { queryTraceScores } from './queries/scores';
import { queryEvents, queryTraceEvents } from './queries/events';
import { queryGenerations } from './queries/generations';
import { querySessions, queryUsers } from './queries/people';
import type { RunQuery } from './queries/run-query';
import { queryTraces } from './queries/traces';
import { migrate } from './migrate';
import { CREATE_TABLES } from './schema';
import { Serial } from './serial';
import { StoreOpenError } from './store-open-error';
import { WriteQueue } from './write-queue';

export interface DuckDBStoreOptions {
  /** Flush at this many events… */
  writeBatchSize?: number;
  /** …or after this many milliseconds. */
  writeDelayMs?: number;
  /** Connections serving reads concurrently with the writer (default 2). */
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

const nowMicros = () => BigInt(Date.now()) * 1000n;

export class DuckDBStore implements EventStore {
  /** One process holds the file: its in-memory join index is the whole truth. */
  readonly shared = false;
  private readonly writerSerial = new Serial();
  private readonly queue: WriteQueue<WriteBatch>;
  private closing: Promise<void> | undefined;
  private evaluations: EvaluationStore | undefined;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly readers: Array<{ connection: DuckDBConnection; serial: Serial }>,
    options: DuckDBStoreOptions,
  ) {
    this.queue = new WriteQueue<WriteBatch>({
      flush: (batches) => this.writerSerial.run(() => this.flush(mergeBatches(batches))),
      sizeOf: (batch) =>
        (batch.insert?.length ?? 0) +
          (batch.replace?.length ?? 0) +
          (batch.pendingLogs?.length ?? 0) || 1,
      maxItems: options.writeBatchSize ?? 5000,
      delayMs: options.writeDelayMs ?? 5,
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
    const writer = await instance.connect();
    for (const statement of CREATE_TABLES) await writer.run(statement);
    await migrate(writer);
    for (const statement of DUCKDB_EVALUATION_TABLES) await writer.run(statement);
    const readers = [];
    for (let index = 0; index < (options.readConnections ?? 2); index++)
      readers.push({ connection: await instance.connect(), serial: new Serial() });
    return new DuckDBStore(instance, writer, readers, options);
  }

  write(batch: WriteBatch): Promise<void> {
    return this.queue.enqueue(batch);
  }

  private async flush(batch: MergedBatch): Promise<void> {
    const writer = this.writer;
    const received = nowMicros();
    await writer.run('BEGIN TRANSACTION');
    try {
      await this.moveEvents(batch.insert, 'INSERT OR IGNORE', received);
      await this.moveEvents(batch.replace, 'INSERT OR REPLACE', received);
      await this.moveSpans(batch.recentSpans, 'INSERT OR IGNORE');
      await this.moveSpans(batch.replaceRecentSpans, 'INSERT OR REPLACE');
      if (batch.pendingLogs.length) {
        const appender = await writer.createAppender('otlp_pending_logs');
        for (const pending of batch.pendingLogs)
          appendKeptRow(
            appender,
            keptLog(
              pending.project,
              pending.spanId,
              pending.traceId,
              pending.receivedAt,
              pending.log,
            ),
            pending.id,
          );
        appender.closeSync();
      }
      if (batch.removePendingLogIds.length)
        await writer.run(
          'DELETE FROM otlp_pending_logs WHERE id IN (SELECT unnest($1::VARCHAR[]))',
          [listValue(batch.removePendingLogIds)],
        );
      // DuckDB fsyncs its write-ahead log on commit: once this resolves the batch survives a crash.
      await writer.run('COMMIT');
    } catch (error) {
      await writer.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** Appender into the staging table, then one statement that handles duplicate uuids. */
  private async moveEvents(
    items: MergedBatch['insert'],
    verb: 'INSERT OR IGNORE' | 'INSERT OR REPLACE',
    received: bigint,
  ): Promise<void> {
    if (!items.length) return;
    const appender = await this.writer.createAppender('staging_events', 'main', 'temp');
    for (const { project, event } of items)
      appendEventRow(appender, toEventRow(project, event, received), received);
    appender.closeSync();
    await this.writer.run(`${verb} INTO events SELECT * FROM temp.main.staging_events`);
    await this.writer.run('DELETE FROM temp.main.staging_events');
  }

  private async moveSpans(
    items: RecentSpan[],
    verb: 'INSERT OR IGNORE' | 'INSERT OR REPLACE',
  ): Promise<void> {
    if (!items.length) return;
    const appender = await this.writer.createAppender('staging_spans', 'main', 'temp');
    for (const item of items)
      appendKeptRow(appender, {
        project: item.project,
        spanId: item.span.spanId,
        traceId: item.span.traceId,
        receivedMicros: BigInt(item.receivedAt) * 1000n,
        record: JSON.stringify(item.span),
      });
    appender.closeSync();
    await this.writer.run(`${verb} INTO otlp_recent_spans SELECT * FROM temp.main.staging_spans`);
    await this.writer.run('DELETE FROM temp.main.staging_spans');
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
    await this.queue.drain();
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
    await this.queue.drain();
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
    await this.queue.drain();
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
    return this.writerSerial.run(async () => {
      await this.writer.run('DELETE FROM otlp_recent_spans WHERE received_at < $1', [
        timestampValue(BigInt(spansBeforeMs) * 1000n),
      ]);
      await this.writer.run('DELETE FROM otlp_pending_logs WHERE received_at < $1', [
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

  traceEvents(project: string, traceId: string): Promise<AiEvent[]> {
    return queryTraceEvents(this.run, project, traceId);
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

  traceScores(project: string, traceId: string): Promise<ScoreRow[]> {
    return queryTraceScores(this.run, project, traceId);
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
      write: (work) => this.writerSerial.run(() => work(this.writer)),
    });
    return this.evaluations;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.queue.close();
      await this.writerSerial.run(async () => {
        // Fold the WAL into the main file so the next start has nothing to replay.
        await this.writer.run('CHECKPOINT').catch(() => undefined);
      });
      for (const reader of this.readers)
        await reader.serial.run(async () => reader.connection.closeSync());
      this.writer.closeSync();
      this.instance.closeSync();
    })();
    return this.closing;
  }
}

function keptLog(
  project: string,
  spanId: string,
  traceId: string | undefined,
  receivedAt: number,
  log: LogRecordRecord,
) {
  return {
    project,
    spanId,
    traceId: traceId ?? null,
    receivedMicros: BigInt(receivedAt) * 1000n,
    record: JSON.stringify(log),
  };
}
