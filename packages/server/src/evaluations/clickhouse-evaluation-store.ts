/**
 * The evaluation store over ClickHouse (server, cluster or chDB), shared by replicas. Rows are
 * versioned (ReplacingMergeTree, read with FINAL). ClickHouse has no row locks: a claim writes
 * this replica's lease, reads the rows back and keeps those its lease won. Two replicas racing
 * in the same instant may both win a job; the result's uuid is derived from (evaluator,
 * generation), so the store still keeps one result and the check for a stored result skips
 * the second run whenever the first already wrote.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { AI_EVALUATION, P } from '@llm-analytics/core/semconv';
import { SCORE_LABEL, SCORE_NAME, SCORE_VALUE } from '../store/clickhouse/queries/scores';
import { jsonText, type ClickHouseRunQuery } from '../store/clickhouse/sql';
import type { Evaluator } from './evaluator-types';
import type {
  EvaluationJob,
  EvaluationStore,
  GenerationEvaluation,
  JobCounts,
  JudgeUsage,
  ResultBucket,
} from './evaluation-store';
import { countsFromRows, rowToBucket, rowToGenerationEvaluation } from './duckdb-evaluation-store';
import {
  EVALUABLE,
  GENERATION_COLUMNS,
  JOB_COLUMNS,
  evaluatorDefinition,
  rowToEvaluator,
  rowToGeneration,
  rowToJob,
} from './evaluation-rows';
import type { StoredGeneration } from './stored-generation';

export interface ClickHouseAccess {
  client: ClickHouseClient;
  /** Reads; `events FINAL` in the SQL names the store's events table. */
  read: ClickHouseRunQuery;
  /** The database-qualified name of a table. */
  table: (name: string) => string;
}

const GENERATION_SELECT = `SELECT ${GENERATION_COLUMNS}, toUnixTimestamp64Micro(timestamp) AS ts FROM events FINAL`;

export class ClickHouseEvaluationStore implements EvaluationStore {
  private lastVersion = 0n;

  constructor(private readonly db: ClickHouseAccess) {}

  /** Strictly increasing per process, so this replica's later write always wins its earlier. */
  private nextVersion(): string {
    const now = BigInt(Date.now()) * 1000n;
    this.lastVersion = now > this.lastVersion ? now : this.lastVersion + 1n;
    return this.lastVersion.toString();
  }

  private async insert(table: string, values: Array<Record<string, unknown>>): Promise<void> {
    if (!values.length) return;
    await this.db.client.insert({ table: this.db.table(table), values, format: 'JSONEachRow' });
  }

  async listEvaluators(project?: string): Promise<Evaluator[]> {
    const rows = await this.db.read(
      `SELECT project, id, definition, created_at, updated_at FROM ${this.db.table('evaluators')} FINAL
       WHERE is_deleted = 0 ${project === undefined ? '' : 'AND project = {project:String}'}
       ORDER BY created_at, id`,
      project === undefined ? {} : { project },
    );
    return rows.map(rowToEvaluator);
  }

  async getEvaluator(project: string, id: string): Promise<Evaluator | undefined> {
    const rows = await this.db.read(
      `SELECT project, id, definition, created_at, updated_at FROM ${this.db.table('evaluators')} FINAL
       WHERE is_deleted = 0 AND project = {project:String} AND id = {id:String}`,
      { project, id },
    );
    return rows[0] ? rowToEvaluator(rows[0]) : undefined;
  }

  saveEvaluator(evaluator: Evaluator): Promise<void> {
    return this.insert('evaluators', [
      {
        project: evaluator.project,
        id: evaluator.id,
        definition: evaluatorDefinition(evaluator),
        created_at: evaluator.createdAt,
        updated_at: evaluator.updatedAt,
        version: this.nextVersion(),
        is_deleted: 0,
      },
    ]);
  }

  async deleteEvaluator(project: string, id: string): Promise<void> {
    const existing = await this.getEvaluator(project, id);
    if (!existing) return;
    await this.insert('evaluators', [
      {
        project,
        id,
        definition: evaluatorDefinition(existing),
        created_at: existing.createdAt,
        updated_at: Date.now(),
        version: this.nextVersion(),
        is_deleted: 1,
      },
    ]);
  }

  async unqueuedGenerations(
    project: string,
    evaluatorId: string,
    sinceMs: number,
    limit: number,
  ): Promise<StoredGeneration[]> {
    const rows = await this.db.read(
      `${GENERATION_SELECT} WHERE project = {project:String} AND ${EVALUABLE}
         AND received_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')
         AND uuid NOT IN (SELECT event_uuid FROM ${this.db.table('evaluation_jobs')} FINAL
           WHERE project = {project:String} AND evaluator_id = {evaluator:String})
       ORDER BY received_at, uuid LIMIT {limit:UInt32}`,
      { project, since: sinceMs, evaluator: evaluatorId, limit },
    );
    return rows.map((row) => rowToGeneration(project, row));
  }

  async latestGenerations(project: string, limit: number): Promise<StoredGeneration[]> {
    const rows = await this.db.read(
      `${GENERATION_SELECT} WHERE project = {project:String} AND ${EVALUABLE}
       ORDER BY timestamp DESC, uuid LIMIT {limit:UInt32}`,
      { project, limit },
    );
    return rows.map((row) => rowToGeneration(project, row));
  }

  async generation(project: string, uuid: string): Promise<StoredGeneration | undefined> {
    const rows = await this.db.read(
      `${GENERATION_SELECT} WHERE project = {project:String} AND uuid = {uuid:String}`,
      { project, uuid },
    );
    return rows[0] ? rowToGeneration(project, rows[0]) : undefined;
  }

  async hasEvent(project: string, uuid: string): Promise<boolean> {
    const rows = await this.db.read(
      `SELECT 1 FROM events FINAL WHERE project = {project:String} AND uuid = {uuid:String} LIMIT 1`,
      { project, uuid },
    );
    return rows.length > 0;
  }

  private jobRow(job: EvaluationJob, version = this.nextVersion()): Record<string, unknown> {
    return {
      project: job.project,
      evaluator_id: job.evaluatorId,
      event_uuid: job.eventUuid,
      state: job.state,
      attempts: job.attempts,
      not_before: job.notBefore,
      lease_owner: job.leaseOwner,
      lease_until: job.leaseUntil,
      detail: job.detail,
      judge_calls: job.judgeCalls,
      judge_cost_usd: job.judgeCostUsd,
      updated_at: job.updatedAt,
      version,
    };
  }

  async addJobs(jobs: EvaluationJob[], force = false): Promise<void> {
    if (!jobs.length) return;
    // A queued pair keeps its row: version 1 loses to any state change written since.
    await this.insert(
      'evaluation_jobs',
      jobs.map((job) => this.jobRow(job, force ? this.nextVersion() : '1')),
    );
  }

  async claimJobs(
    owner: string,
    now: number,
    leaseUntil: number,
    limit: number,
  ): Promise<EvaluationJob[]> {
    const table = this.db.table('evaluation_jobs');
    const due = (
      await this.db.read(
        `SELECT ${JOB_COLUMNS} FROM ${table} FINAL
         WHERE (state = 'pending' AND not_before <= {now:Int64}) OR (state = 'running' AND lease_until < {now:Int64})
         ORDER BY not_before, updated_at LIMIT {limit:UInt32}`,
        { now, limit },
      )
    ).map(rowToJob);
    if (!due.length) return [];
    await this.insert(
      'evaluation_jobs',
      due.map((job) =>
        this.jobRow({ ...job, state: 'running', leaseOwner: owner, leaseUntil, updatedAt: now }),
      ),
    );
    const held = await this.db.read(
      `SELECT ${JOB_COLUMNS} FROM ${table} FINAL
       WHERE concat(project, char(1), evaluator_id, char(1), event_uuid) IN {keys:Array(String)}
         AND state = 'running' AND lease_owner = {owner:String}`,
      {
        keys: due.map((job) => [job.project, job.evaluatorId, job.eventUuid].join('\u0001')),
        owner,
      },
    );
    return held.map(rowToJob);
  }

  updateJob(job: EvaluationJob): Promise<void> {
    return this.insert('evaluation_jobs', [this.jobRow(job)]);
  }

  async jobs(project: string, evaluatorId: string, limit: number): Promise<EvaluationJob[]> {
    const rows = await this.db.read(
      `SELECT ${JOB_COLUMNS} FROM ${this.db.table('evaluation_jobs')} FINAL
       WHERE project = {project:String} AND evaluator_id = {evaluator:String}
       ORDER BY updated_at DESC, event_uuid LIMIT {limit:UInt32}`,
      { project, evaluator: evaluatorId, limit },
    );
    return rows.map(rowToJob);
  }

  async jobCounts(project: string): Promise<JobCounts[]> {
    const rows = await this.db.read(
      `SELECT evaluator_id, state, count() AS n FROM ${this.db.table('evaluation_jobs')} FINAL
       WHERE project = {project:String} GROUP BY evaluator_id, state ORDER BY evaluator_id`,
      { project },
    );
    return countsFromRows(rows);
  }

  async resultsFor(
    project: string,
    eventUuids: readonly string[],
  ): Promise<GenerationEvaluation[]> {
    if (!eventUuids.length) return [];
    const rows = await this.db.read(
      `SELECT target, name, label, value FROM (
         SELECT ${jsonText(P.targetEventId)} AS target, ${SCORE_NAME} AS name,
           ${SCORE_LABEL} AS label, ${SCORE_VALUE} AS value
         FROM events FINAL WHERE project = {project:String} AND event = '${AI_EVALUATION}')
       WHERE target IN {uuids:Array(String)} ORDER BY name`,
      { project, uuids: eventUuids },
    );
    return rows.map(rowToGenerationEvaluation);
  }

  async resultSeries(project: string, sinceMs: number): Promise<ResultBucket[]> {
    const rows = await this.db.read(
      `SELECT evaluator_id, toUnixTimestamp64Milli(toDateTime64(toStartOfHour(timestamp), 3, 'UTC')) AS bucket,
         count() AS n, countIf(label = 'pass') AS passed, countIf(label = 'fail') AS failed,
         countIf(label = 'n/a') AS na, avg(value) AS average
       FROM (SELECT ${jsonText(P.evaluationId)} AS evaluator_id, timestamp,
           ${SCORE_LABEL} AS label, ${SCORE_VALUE} AS value
         FROM events FINAL WHERE project = {project:String} AND event = '${AI_EVALUATION}'
           AND timestamp >= fromUnixTimestamp64Milli({since:Int64}, 'UTC'))
       GROUP BY evaluator_id, bucket ORDER BY bucket, evaluator_id`,
      { project, since: sinceMs },
    );
    return rows.map(rowToBucket);
  }

  async judgeUsage(project: string, sinceMs: number): Promise<JudgeUsage> {
    const rows = await this.db.read(
      `SELECT sum(judge_calls) AS calls, sum(ifNull(judge_cost_usd, 0)) AS cost
       FROM ${this.db.table('evaluation_jobs')} FINAL
       WHERE project = {project:String} AND updated_at >= {since:Int64} AND judge_calls > 0`,
      { project, since: sinceMs },
    );
    return { calls: Number(rows[0]?.['calls'] ?? 0), costUsd: Number(rows[0]?.['cost'] ?? 0) };
  }
}
