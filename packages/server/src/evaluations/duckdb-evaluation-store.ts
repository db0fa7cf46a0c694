/** The evaluation store over the DuckDB file: one process, so a claim is one serial step. */
import {
  listValue,
  timestampValue,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import { AI_EVALUATION, P } from '@llm-analytics/core/semconv';
import type { RunQuery } from '../store/queries/run-query';
import { SCORE_LABEL, SCORE_NAME, SCORE_VALUE } from '../store/queries/scores';
import type { Evaluator } from './evaluator-types';
import type {
  EvaluationJob,
  EvaluationStore,
  GenerationEvaluation,
  JobCounts,
  JudgeUsage,
  ResultBucket,
} from './evaluation-store';
import {
  EVALUABLE,
  GENERATION_COLUMNS,
  JOB_COLUMNS,
  evaluatorDefinition,
  jobValues,
  rowToEvaluator,
  rowToGeneration,
  rowToJob,
} from './evaluation-rows';
import type { StoredGeneration } from './stored-generation';

/** Tables of the evaluations; `IF NOT EXISTS`, so opening an older file adds them. */
export const DUCKDB_EVALUATION_TABLES = [
  `CREATE TABLE IF NOT EXISTS evaluators (
    project VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    definition VARCHAR NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (project, id))`,
  `CREATE TABLE IF NOT EXISTS evaluation_jobs (
    project VARCHAR NOT NULL,
    evaluator_id VARCHAR NOT NULL,
    event_uuid VARCHAR NOT NULL,
    state VARCHAR NOT NULL,
    attempts INTEGER NOT NULL,
    not_before BIGINT NOT NULL,
    lease_owner VARCHAR NOT NULL,
    lease_until BIGINT NOT NULL,
    detail VARCHAR NOT NULL,
    judge_calls INTEGER NOT NULL,
    judge_cost_usd DOUBLE,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (project, evaluator_id, event_uuid))`,
];

export interface DuckDBAccess {
  read: RunQuery;
  /** Run on the writer connection, serialised with the event writes. */
  write: <T>(work: (writer: DuckDBConnection) => Promise<T>) => Promise<T>;
}

const GENERATION_SELECT = `SELECT ${GENERATION_COLUMNS}, epoch_us(timestamp) AS ts FROM events`;
const JOB_PLACEHOLDERS = Array.from({ length: 12 }, (_, index) => `$${index + 1}`).join(', ');

export class DuckDBEvaluationStore implements EvaluationStore {
  constructor(private readonly db: DuckDBAccess) {}

  async listEvaluators(project?: string): Promise<Evaluator[]> {
    const rows = await this.db.read(
      `SELECT * FROM evaluators ${project === undefined ? '' : 'WHERE project = $1'} ORDER BY created_at, id`,
      project === undefined ? [] : [project],
    );
    return rows.map(rowToEvaluator);
  }

  async getEvaluator(project: string, id: string): Promise<Evaluator | undefined> {
    const rows = await this.db.read(`SELECT * FROM evaluators WHERE project = $1 AND id = $2`, [
      project,
      id,
    ]);
    return rows[0] ? rowToEvaluator(rows[0]) : undefined;
  }

  saveEvaluator(evaluator: Evaluator): Promise<void> {
    return this.db.write(async (writer) => {
      await writer.run(`INSERT OR REPLACE INTO evaluators VALUES ($1, $2, $3, $4, $5)`, [
        evaluator.project,
        evaluator.id,
        evaluatorDefinition(evaluator),
        evaluator.createdAt,
        evaluator.updatedAt,
      ]);
    });
  }

  deleteEvaluator(project: string, id: string): Promise<void> {
    return this.db.write(async (writer) => {
      await writer.run(`DELETE FROM evaluators WHERE project = $1 AND id = $2`, [project, id]);
      // Results already written stay (they are events); the queue of a deleted evaluator goes.
      await writer.run(
        `DELETE FROM evaluation_jobs WHERE project = $1 AND evaluator_id = $2 AND state IN ('pending', 'running')`,
        [project, id],
      );
    });
  }

  async unqueuedGenerations(
    project: string,
    evaluatorId: string,
    sinceMs: number,
    limit: number,
  ): Promise<StoredGeneration[]> {
    const rows = await this.db.read(
      `${GENERATION_SELECT} WHERE project = $1 AND ${EVALUABLE} AND received_at >= $2
         AND uuid NOT IN (SELECT event_uuid FROM evaluation_jobs WHERE project = $1 AND evaluator_id = $3)
       ORDER BY received_at, uuid LIMIT ${Math.floor(limit)}`,
      [project, timestampValue(BigInt(sinceMs) * 1000n), evaluatorId],
    );
    return rows.map((row) => rowToGeneration(project, row));
  }

  async latestGenerations(project: string, limit: number): Promise<StoredGeneration[]> {
    const rows = await this.db.read(
      `${GENERATION_SELECT} WHERE project = $1 AND ${EVALUABLE}
       ORDER BY timestamp DESC, uuid LIMIT ${Math.floor(limit)}`,
      [project],
    );
    return rows.map((row) => rowToGeneration(project, row));
  }

  async generation(project: string, uuid: string): Promise<StoredGeneration | undefined> {
    const rows = await this.db.read(`${GENERATION_SELECT} WHERE project = $1 AND uuid = $2`, [
      project,
      uuid,
    ]);
    return rows[0] ? rowToGeneration(project, rows[0]) : undefined;
  }

  async hasEvent(project: string, uuid: string): Promise<boolean> {
    const rows = await this.db.read(`SELECT 1 FROM events WHERE project = $1 AND uuid = $2`, [
      project,
      uuid,
    ]);
    return rows.length > 0;
  }

  addJobs(jobs: EvaluationJob[], force = false): Promise<void> {
    if (!jobs.length) return Promise.resolve();
    return this.db.write(async (writer) => {
      await writer.run('BEGIN TRANSACTION');
      try {
        for (const job of jobs)
          await writer.run(
            `INSERT OR ${force ? 'REPLACE' : 'IGNORE'} INTO evaluation_jobs (${JOB_COLUMNS}) VALUES (${JOB_PLACEHOLDERS})`,
            jobValues(job) as DuckDBValue[],
          );
        await writer.run('COMMIT');
      } catch (error) {
        await writer.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  async claimJobs(
    owner: string,
    now: number,
    leaseUntil: number,
    limit: number,
  ): Promise<EvaluationJob[]> {
    // The worker asks every second: an idle poll is a read, not a turn in the write queue
    // that every ingest batch waits behind.
    const due = await this.db.read(
      `SELECT 1 FROM evaluation_jobs
       WHERE (state = 'pending' AND not_before <= $1) OR (state = 'running' AND lease_until < $1)
       LIMIT 1`,
      [now],
    );
    if (!due.length) return [];
    return this.db.write(async (writer) => {
      const reader = await writer.runAndReadAll(
        `UPDATE evaluation_jobs SET state = 'running', lease_owner = $1, lease_until = $2, updated_at = $3
         WHERE (project, evaluator_id, event_uuid) IN (
           SELECT project, evaluator_id, event_uuid FROM evaluation_jobs
           WHERE (state = 'pending' AND not_before <= $3) OR (state = 'running' AND lease_until < $3)
           ORDER BY not_before, updated_at LIMIT ${Math.floor(limit)})
         RETURNING ${JOB_COLUMNS}`,
        [owner, leaseUntil, now],
      );
      return reader.getRowObjectsJS().map((row) => rowToJob(row as Record<string, unknown>));
    });
  }

  updateJob(job: EvaluationJob): Promise<void> {
    return this.db.write(async (writer) => {
      await writer.run(
        `INSERT OR REPLACE INTO evaluation_jobs (${JOB_COLUMNS}) VALUES (${JOB_PLACEHOLDERS})`,
        jobValues(job) as DuckDBValue[],
      );
    });
  }

  async jobs(project: string, evaluatorId: string, limit: number): Promise<EvaluationJob[]> {
    const rows = await this.db.read(
      `SELECT ${JOB_COLUMNS} FROM evaluation_jobs WHERE project = $1 AND evaluator_id = $2
       ORDER BY updated_at DESC, event_uuid LIMIT ${Math.floor(limit)}`,
      [project, evaluatorId],
    );
    return rows.map(rowToJob);
  }

  async jobCounts(project: string): Promise<JobCounts[]> {
    const rows = await this.db.read(
      `SELECT evaluator_id, state, count(*) AS n FROM evaluation_jobs WHERE project = $1
       GROUP BY evaluator_id, state ORDER BY evaluator_id`,
      [project],
    );
    return countsFromRows(rows);
  }

  async resultsFor(
    project: string,
    eventUuids: readonly string[],
  ): Promise<GenerationEvaluation[]> {
    if (!eventUuids.length) return [];
    const rows = await this.db.read(
      `SELECT json_extract_string(properties, '$."${P.targetEventId}"') AS target,
         ${SCORE_NAME} AS name, ${SCORE_LABEL} AS label, ${SCORE_VALUE} AS value
       FROM events WHERE project = $1 AND event = '${AI_EVALUATION}'
         AND json_extract_string(properties, '$."${P.targetEventId}"') IN (SELECT unnest($2::VARCHAR[]))
       ORDER BY name`,
      [project, listValue([...eventUuids])],
    );
    return rows.map(rowToGenerationEvaluation);
  }

  async resultSeries(project: string, sinceMs: number): Promise<ResultBucket[]> {
    const rows = await this.db.read(
      `SELECT json_extract_string(properties, '$."${P.evaluationId}"') AS evaluator_id,
         epoch_ms(date_trunc('hour', timestamp)) AS bucket, count(*) AS n,
         count(*) FILTER (WHERE label = 'pass') AS passed,
         count(*) FILTER (WHERE label = 'fail') AS failed,
         count(*) FILTER (WHERE label = 'n/a') AS na, avg(value) AS average
       FROM (SELECT *, ${SCORE_LABEL} AS label, ${SCORE_VALUE} AS value FROM events
         WHERE project = $1 AND event = '${AI_EVALUATION}' AND timestamp >= $2)
       GROUP BY evaluator_id, bucket ORDER BY bucket, evaluator_id`,
      [project, timestampValue(BigInt(sinceMs) * 1000n)],
    );
    return rows.map(rowToBucket);
  }

  async judgeUsage(project: string, sinceMs: number): Promise<JudgeUsage> {
    const rows = await this.db.read(
      `SELECT coalesce(sum(judge_calls), 0) AS calls, coalesce(sum(judge_cost_usd), 0) AS cost
       FROM evaluation_jobs WHERE project = $1 AND updated_at >= $2 AND judge_calls > 0`,
      [project, sinceMs],
    );
    return { calls: Number(rows[0]?.['calls'] ?? 0), costUsd: Number(rows[0]?.['cost'] ?? 0) };
  }
}

/** A ResultBucket from (evaluator_id, bucket ms, n, passed, failed, na, average). */
export function rowToBucket(row: Record<string, unknown>): ResultBucket {
  const average = row['average'];
  return {
    evaluatorId: String(row['evaluator_id'] ?? ''),
    bucket: new Date(Number(row['bucket'])).toISOString(),
    count: Number(row['n']),
    passed: Number(row['passed']),
    failed: Number(row['failed']),
    notApplicable: Number(row['na']),
    average: average === null || average === undefined ? null : Number(average),
  };
}

/** A GenerationEvaluation from (target, name, label, value). */
export function rowToGenerationEvaluation(row: Record<string, unknown>): GenerationEvaluation {
  const value = row['value'];
  return {
    eventUuid: String(row['target']),
    name: String(row['name']),
    label: typeof row['label'] === 'string' ? row['label'] : null,
    value: value === null || value === undefined ? null : Number(value),
  };
}

/** Per-evaluator counts from (evaluator_id, state, n) rows. */
export function countsFromRows(rows: Array<Record<string, unknown>>): JobCounts[] {
  const byEvaluator = new Map<string, JobCounts>();
  for (const row of rows) {
    const id = String(row['evaluator_id']);
    const counts = byEvaluator.get(id) ?? {
      evaluatorId: id,
      pending: 0,
      running: 0,
      done: 0,
      skipped: 0,
      failed: 0,
    };
    const state = String(row['state']) as keyof Omit<JobCounts, 'evaluatorId'>;
    if (state in counts) counts[state] += Number(row['n']);
    byEvaluator.set(id, counts);
  }
  return [...byEvaluator.values()];
}
