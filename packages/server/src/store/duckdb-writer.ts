/**
 * The DuckDB write path, pipelined: a flush is staged (rows appended to a connection's temp
 * staging tables, the JavaScript work) and then committed (moved into the real tables and the
 * WAL fsynced, DuckDB's work on its own threads). Two staging connections alternate, so the
 * next flush is staged while the previous one commits; commits run one at a time, in flush
 * order, on the connection that staged them.
 */
import { listValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { LogRecordRecord } from '@llm-analytics/core';
import { appendEventRow, appendKeptRow, type KeptRow } from './duckdb-append';
import type { RecentSpan } from './event-store';
import { toEventRow } from './event-row';
import type { MergedBatch } from './merge-batches';
import { STAGING_TABLES } from './schema';

/** Rows appended between two yields: the event loop is never held for a whole batch. */
const ROWS_PER_SLICE = 128;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const nowMicros = () => BigInt(Date.now()) * 1000n;

/** DuckDB reports a duplicate primary key as a constraint error. */
function isDuplicateKey(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /constraint/i.test(message) && /duplicate key|primary key|unique/i.test(message);
}

function keptSpanRow(item: RecentSpan): KeptRow {
  return {
    project: item.project,
    spanId: item.span.spanId,
    traceId: item.span.traceId,
    receivedMicros: BigInt(item.receivedAt) * 1000n,
    record: JSON.stringify(item.span),
  };
}

function keptLogRow(
  project: string,
  spanId: string,
  traceId: string | undefined,
  receivedAt: number,
  log: LogRecordRecord,
): KeptRow {
  return {
    project,
    spanId,
    traceId: traceId ?? null,
    receivedMicros: BigInt(receivedAt) * 1000n,
    record: JSON.stringify(log),
  };
}

/** Append rows in slices, yielding to the event loop between slices. */
async function appendSliced<T>(
  connection: DuckDBConnection,
  table: string,
  items: readonly T[],
  append: (appender: DuckDBAppender, item: T) => void,
  schema: 'temp' | 'main',
): Promise<void> {
  if (!items.length) return;
  const appender =
    schema === 'temp'
      ? await connection.createAppender(table, 'main', 'temp')
      : await connection.createAppender(table);
  try {
    for (let index = 0; index < items.length; index++) {
      append(appender, items[index]!);
      if (index % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) await yieldToEventLoop();
    }
  } finally {
    appender.closeSync();
  }
}

/** Events into the lane's staging table (inserts, or the rare replacements). */
function stageEvents(
  lane: DuckDBConnection,
  events: MergedBatch['insert'],
  received: bigint,
): Promise<void> {
  return appendSliced(
    lane,
    'staging_events',
    events,
    (appender, { project, event }) =>
      appendEventRow(appender, toEventRow(project, event, received), received),
    'temp',
  );
}

/** Kept spans into the lane's staging table. */
function stageSpans(lane: DuckDBConnection, spans: RecentSpan[]): Promise<void> {
  return appendSliced(
    lane,
    'staging_spans',
    spans,
    (appender, item) => appendKeptRow(appender, keptSpanRow(item)),
    'temp',
  );
}

export class DuckDBWriter {
  private nextLane = 0;
  /** The last commit (or exclusive task): the next one waits for it, whatever its outcome. */
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly lanes: DuckDBConnection[],
    private readonly maintenance: DuckDBConnection,
  ) {}

  /** Two staging connections on `lanes`, and `maintenance` for exclusive work (pruning, checkpoints). */
  static async open(
    lanes: DuckDBConnection[],
    maintenance: DuckDBConnection,
  ): Promise<DuckDBWriter> {
    for (const lane of lanes) for (const statement of STAGING_TABLES) await lane.run(statement);
    return new DuckDBWriter(lanes, maintenance);
  }

  /**
   * Stage and commit one merged batch; resolves once it is durable. At most `lanes.length`
   * writes may be outstanding at once (the write queue's `maxInFlight`).
   */
  write(batch: MergedBatch): Promise<void> {
    const lane = this.lanes[this.nextLane++ % this.lanes.length]!;
    const previous = this.tail;
    const received = nowMicros();
    const staged = this.stage(lane, batch, received);
    const committed = (async () => {
      try {
        await staged;
      } finally {
        // A failed stage must still keep the order: later commits wait for this turn.
        await previous.catch(() => undefined);
      }
      await this.commit(lane, batch, received);
    })();
    this.tail = committed.catch(() => undefined);
    return committed.catch(async (error: unknown) => {
      await this.clearStaging(lane);
      throw error;
    });
  }

  /** Run `task` on the maintenance connection once every write before it has committed. */
  exclusive<T>(task: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const result = this.tail.then(() => task(this.maintenance));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** The new events and kept spans, appended to the lane's staging tables outside any transaction. */
  private async stage(lane: DuckDBConnection, batch: MergedBatch, received: bigint): Promise<void> {
    await stageEvents(lane, batch.insert, received);
    await stageSpans(lane, batch.recentSpans);
  }

  private async commit(
    lane: DuckDBConnection,
    batch: MergedBatch,
    received: bigint,
  ): Promise<void> {
    try {
      await this.commitOnce(lane, batch, received, 'INSERT');
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // A re-sent event or span (an exporter retry): the plain insert found a stored key and
      // nothing was written. The same batch again, skipping stored keys; the batch never fails
      // for a duplicate. Plain inserts first because DuckDB's conflict check costs ~2.5× more.
      await this.commitOnce(lane, batch, received, 'INSERT OR IGNORE');
    }
    await this.clearStaging(lane);
  }

  private async commitOnce(
    lane: DuckDBConnection,
    batch: MergedBatch,
    received: bigint,
    insertVerb: 'INSERT' | 'INSERT OR IGNORE',
  ): Promise<void> {
    await lane.run('BEGIN TRANSACTION');
    try {
      if (batch.insert.length)
        await lane.run(`${insertVerb} INTO events SELECT * FROM temp.main.staging_events`);
      if (batch.recentSpans.length)
        await lane.run(
          `${insertVerb} INTO otlp_recent_spans SELECT * FROM temp.main.staging_spans`,
        );
      // Replacements are rare (late logs, cross-request dedupe): staged here, after the inserts.
      if (batch.replace.length) {
        await lane.run('DELETE FROM temp.main.staging_events');
        await stageEvents(lane, batch.replace, received);
        await lane.run('INSERT OR REPLACE INTO events SELECT * FROM temp.main.staging_events');
      }
      if (batch.replaceRecentSpans.length) {
        await lane.run('DELETE FROM temp.main.staging_spans');
        await stageSpans(lane, batch.replaceRecentSpans);
        await lane.run(
          'INSERT OR REPLACE INTO otlp_recent_spans SELECT * FROM temp.main.staging_spans',
        );
      }
      await appendSliced(
        lane,
        'otlp_pending_logs',
        batch.pendingLogs,
        (appender, pending) =>
          appendKeptRow(
            appender,
            keptLogRow(
              pending.project,
              pending.spanId,
              pending.traceId,
              pending.receivedAt,
              pending.log,
            ),
            pending.id,
          ),
        'main',
      );
      if (batch.removePendingLogIds.length)
        await lane.run('DELETE FROM otlp_pending_logs WHERE id IN (SELECT unnest($1::VARCHAR[]))', [
          listValue(batch.removePendingLogIds),
        ]);
      // DuckDB fsyncs its write-ahead log on commit: once this resolves the batch survives a crash.
      await lane.run('COMMIT');
    } catch (error) {
      // The staging rows were appended outside the transaction: they survive for a retry.
      await lane.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async clearStaging(lane: DuckDBConnection): Promise<void> {
    await lane.run('DELETE FROM temp.main.staging_events').catch(() => undefined);
    await lane.run('DELETE FROM temp.main.staging_spans').catch(() => undefined);
  }
}
