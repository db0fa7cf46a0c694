/**
 * The ClickHouse store: a ClickHouse server or cluster through `@clickhouse/client`, or an
 * embedded chDB plugged into the same client. Same contract and results as the DuckDB store;
 * every server process over one ClickHouse is a stateless replica.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { AiEvent, LogRecordRecord, SpanRecord } from '@llm-analytics/core';
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
} from '../event-store';
import { toEventRow } from '../event-row';
import { ClickHouseEvaluationStore } from '../../evaluations/clickhouse-evaluation-store';
import type { EvaluationStore } from '../../evaluations/evaluation-store';
import { mergeBatches, type MergedBatch } from '../merge-batches';
import { StoreOpenError } from '../store-open-error';
import {
  PENDING_LOG_REMOVALS,
  PendingWrites,
  keptSpanKey,
  pendingLogsKey,
  traceSpansKey,
  writeKeys,
} from '../pending-writes';
import { WriteQueue } from '../write-queue';
import { eventRowValues, pendingLogValues, recentSpanValues } from './clickhouse-rows';
import { migrate } from './migrate';
import { queryDashboardClickHouse } from './queries/dashboard';
import { queryErrorsClickHouse, queryExtentClickHouse } from './queries/errors';
import { queryEventsClickHouse } from './queries/events';
import { queryGenerationsClickHouse } from './queries/generations';
import { querySessionsClickHouse, queryUsersClickHouse } from './queries/people';
import { queryTraceClickHouse, queryTracesClickHouse } from './queries/traces';
import { retentionStatement, quoteIdentifier, type SchemaTarget } from './schema';
import type { ClickHouseRunQuery } from './sql';

export interface ClickHouseStoreOptions {
  database: string;
  /** Cluster name: the clustered schema (`ON CLUSTER`, Replicated*, Distributed). */
  cluster?: string;
  /** Drop events older than this many days (ClickHouse TTL). */
  retentionDays?: number;
  /** Flush at this many events… */
  writeBatchSize?: number;
  /** …or after this many milliseconds (ClickHouse prefers fewer, larger inserts). */
  writeDelayMs?: number;
  /** Called once the store no longer needs the client (closes it, or releases a shared chDB). */
  release?: () => Promise<void>;
}

const nowMicros = () => BigInt(Date.now()) * 1000n;

export class ClickHouseStore implements EventStore {
  readonly shared = true;
  private readonly queue: WriteQueue<WriteBatch>;
  private readonly database: string;
  private closing: Promise<void> | undefined;
  private evaluations: EvaluationStore | undefined;
  /** Replacements written in one millisecond still order by arrival. */
  private lastVersion = 0n;
  private readonly pendingWrites = new PendingWrites();

  private constructor(
    private readonly client: ClickHouseClient,
    private readonly options: ClickHouseStoreOptions,
  ) {
    this.database = quoteIdentifier(options.database);
    this.queue = new WriteQueue<WriteBatch>({
      flush: (batches) => this.flush(mergeBatches(batches)),
      sizeOf: (batch) =>
        (batch.insert?.length ?? 0) +
          (batch.replace?.length ?? 0) +
          (batch.pendingLogs?.length ?? 0) || 1,
      maxItems: options.writeBatchSize ?? 10_000,
      delayMs: options.writeDelayMs ?? 5,
    });
  }

  /** Migrate the database to the newest schema and open the store over `client`. */
  static async open(
    client: ClickHouseClient,
    options: ClickHouseStoreOptions,
  ): Promise<ClickHouseStore> {
    const target: SchemaTarget = {
      database: options.database,
      ...(options.cluster ? { cluster: options.cluster } : {}),
    };
    try {
      await migrate(client, target);
      if (options.retentionDays !== undefined)
        await client.command({ query: retentionStatement(target, options.retentionDays) });
    } catch (error) {
      await options.release?.().catch(() => undefined);
      throw new StoreOpenError(
        `cannot open ClickHouse database ${options.database}: ${String((error as Error).message ?? error).split('\n')[0]}`,
      );
    }
    return new ClickHouseStore(client, options);
  }

  private table(name: string): string {
    return `${this.database}.${name}`;
  }

  private nextVersion(): bigint {
    const now = nowMicros();
    this.lastVersion = now > this.lastVersion ? now : this.lastVersion + 1n;
    return this.lastVersion;
  }

  write(batch: WriteBatch): Promise<void> {
    const written = this.queue.enqueue(batch);
    this.pendingWrites.track(writeKeys(batch), written);
    return written;
  }

  private async insert(table: string, values: Array<Record<string, unknown>>): Promise<void> {
    if (!values.length) return;
    await this.client.insert({ table: this.table(table), values, format: 'JSONEachRow' });
  }

  /**
   * ClickHouse has no transaction across tables: events go first, then the join state. A
   * failure part-way fails the request (the client retries) and every step is idempotent, so
   * the retry converges on the same rows.
   */
  private async flush(batch: MergedBatch): Promise<void> {
    const received = nowMicros();
    const replaceVersion = this.nextVersion();
    await this.insert('events', [
      ...batch.insert.map(({ project, event }) =>
        eventRowValues(toEventRow(project, event, received), received, 1n),
      ),
      ...batch.replace.map(({ project, event }) =>
        eventRowValues(toEventRow(project, event, received), received, replaceVersion),
      ),
    ]);
    await this.insert('otlp_recent_spans', [
      ...batch.recentSpans.map((item) => recentSpanValues(item, false)),
      ...batch.replaceRecentSpans.map((item) => recentSpanValues(item, true)),
    ]);
    await this.insert('otlp_pending_logs', batch.pendingLogs.map(pendingLogValues));
    if (batch.removePendingLogIds.length)
      // A tombstone per joined log: `FINAL` hides the row (ReplacingMergeTree's is_deleted).
      await this.client.command({
        query: `INSERT INTO ${this.table('otlp_pending_logs')}
          SELECT project, span_id, id, trace_id, received_at, record, version + 1, 1
          FROM ${this.table('otlp_pending_logs')} FINAL WHERE id IN {ids:Array(String)}`,
        query_params: { ids: batch.removePendingLogIds },
      });
  }

  private readonly run: ClickHouseRunQuery = async (sql, params) => {
    const result = await this.client.query({
      // The query modules name the table as `events FINAL` (or `events AS versions`) and stay
      // database-agnostic.
      query: sql.replace(/\bevents (FINAL|AS versions)\b/g, `${this.table('events')} $1`),
      query_params: params,
      format: 'JSONEachRow',
      clickhouse_settings: {
        do_not_merge_across_partitions_select_final: 1,
        // The queries mirror the DuckDB ones, where `argMin(distinct_id, …) AS distinct_id`
        // leaves `WHERE distinct_id = …` on the column: ClickHouse would read the alias.
        prefer_column_name_to_alias: 1,
      },
    });
    return result.json<Record<string, unknown>>();
  };

  /** Reads after the queued writes of `waitKeys` land (after every queued write without keys). */
  private async settle(waitKeys: readonly string[] | undefined): Promise<void> {
    if (waitKeys) await this.pendingWrites.waitFor(waitKeys);
    else await this.queue.drain();
  }

  private async spansWhere(
    condition: string,
    params: Record<string, unknown>,
    waitKeys?: readonly string[],
  ) {
    await this.settle(waitKeys);
    const rows = await this.run(
      `SELECT project, record, toUnixTimestamp64Milli(received_at) AS received
       FROM ${this.table('otlp_recent_spans')} FINAL WHERE ${condition}`,
      params,
    );
    return rows.map((row): RecentSpan => ({
      project: String(row['project']),
      span: JSON.parse(String(row['record'])) as SpanRecord,
      receivedAt: Number(row['received']),
    }));
  }

  recentSpans(project: string, traceIds: readonly string[]): Promise<RecentSpan[]> {
    if (!traceIds.length) return Promise.resolve([]);
    return this.spansWhere(
      'project = {project:String} AND trace_id IN {ids:Array(String)}',
      { project, ids: traceIds },
      traceIds.map((traceId) => traceSpansKey(project, traceId)),
    );
  }

  keptSpans(project: string, spanIds: readonly string[], sinceMs: number): Promise<RecentSpan[]> {
    if (!spanIds.length) return Promise.resolve([]);
    return this.spansWhere(
      `project = {project:String} AND span_id IN {ids:Array(String)}
       AND received_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')`,
      { project, ids: spanIds, since: sinceMs },
      spanIds.map((spanId) => keptSpanKey(project, spanId)),
    );
  }

  private async logsWhere(
    condition: string,
    params: Record<string, unknown>,
    waitKeys?: readonly string[],
  ) {
    await this.settle(waitKeys);
    const rows = await this.run(
      `SELECT id, project, span_id, trace_id, toUnixTimestamp64Milli(received_at) AS received, record
       FROM ${this.table('otlp_pending_logs')} FINAL WHERE ${condition} ORDER BY received_at, id`,
      params,
    );
    return rows.map((row): PendingLog => ({
      id: String(row['id']),
      project: String(row['project']),
      spanId: String(row['span_id']),
      ...(typeof row['trace_id'] === 'string' ? { traceId: row['trace_id'] } : {}),
      receivedAt: Number(row['received']),
      log: JSON.parse(String(row['record'])) as LogRecordRecord,
    }));
  }

  pendingLogs(project: string, spanIds: readonly string[], sinceMs: number): Promise<PendingLog[]> {
    if (!spanIds.length) return Promise.resolve([]);
    return this.logsWhere(
      `project = {project:String} AND span_id IN {ids:Array(String)}
       AND received_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')`,
      { project, ids: spanIds, since: sinceMs },
      [...spanIds.map((spanId) => pendingLogsKey(project, spanId)), PENDING_LOG_REMOVALS],
    );
  }

  async expiredPendingLogs(fromMs: number, toMs: number): Promise<number> {
    const rows = await this.run(
      `SELECT count() AS n FROM ${this.table('otlp_pending_logs')} FINAL
       WHERE received_at >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')
         AND received_at < fromUnixTimestamp64Milli({to:Int64}, 'UTC')`,
      { from: fromMs, to: toMs },
    );
    return Number(rows[0]?.['n'] ?? 0);
  }

  async loadJoinState(sinceMs: number): Promise<JoinState> {
    const since = { since: sinceMs };
    const spans = await this.spansWhere(
      `received_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')`,
      since,
    );
    const logs = await this.logsWhere(
      `received_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')`,
      since,
    );
    return {
      recentSpans: spans
        .sort((a, b) => a.receivedAt - b.receivedAt)
        .map((item) => ({
          project: item.project,
          spanId: item.span.spanId,
          traceId: item.span.traceId,
          receivedAt: item.receivedAt,
        })),
      pendingLogs: logs,
    };
  }

  /**
   * Nothing to delete by hand: reads only look inside the join window and the tables' TTL
   * drops old rows in the background merges (a DELETE per sweep and replica would pile up
   * mutations).
   */
  pruneJoinState(): Promise<void> {
    return Promise.resolve();
  }

  events(project: string, query: EventQuery): Promise<AiEvent[]> {
    return queryEventsClickHouse(this.run, project, query);
  }

  traces(project: string, query: TraceQuery): Promise<TracePage> {
    return queryTracesClickHouse(this.run, project, query);
  }

  generations(project: string, query: GenerationQuery): Promise<GenerationRow[]> {
    return queryGenerationsClickHouse(this.run, project, query);
  }

  sessions(project: string, query: ListQuery): Promise<SessionRow[]> {
    return querySessionsClickHouse(this.run, project, query);
  }

  users(project: string, query: ListQuery): Promise<UserRow[]> {
    return queryUsersClickHouse(this.run, project, query);
  }

  dashboard(project: string, query: DashboardQuery): Promise<Dashboard> {
    return queryDashboardClickHouse(this.run, project, query);
  }

  trace(project: string, traceId: string): Promise<TraceRead | undefined> {
    return queryTraceClickHouse(this.run, project, traceId);
  }

  errors(project: string, query: ErrorQuery): Promise<ErrorGroup[]> {
    return queryErrorsClickHouse(this.run, project, query);
  }

  extent(project: string): Promise<DataExtent> {
    return queryExtentClickHouse(this.run, project);
  }

  evaluationStore(): EvaluationStore {
    this.evaluations ??= new ClickHouseEvaluationStore({
      client: this.client,
      read: this.run,
      table: (name) => this.table(name),
    });
    return this.evaluations;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.queue.close();
      if (this.options.release) await this.options.release();
      else await this.client.close();
    })();
    return this.closing;
  }
}
