/**
 * Evaluators and the evaluation queue, kept in the store so every replica sees the same ones
 * and a restart resumes where it stopped. DuckDB and ClickHouse implement it.
 */
import type { Evaluator } from './evaluator-types';
import type { StoredGeneration } from './stored-generation';

export const JOB_STATES = ['pending', 'running', 'done', 'skipped', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** One (evaluator, generation) pair in the queue. */
export interface EvaluationJob {
  project: string;
  evaluatorId: string;
  eventUuid: string;
  state: JobState;
  attempts: number;
  /** Not to be run before this time (ms): a backoff, or a budget waiting for its hour. */
  notBefore: number;
  /** Worker holding a running job, and until when (a crashed worker's lease runs out). */
  leaseOwner: string;
  leaseUntil: number;
  /** Why it was skipped or failed, or the last retry's problem. */
  detail: string;
  /** Judge calls made and their cost (USD; null when unpriced) for this job. */
  judgeCalls: number;
  judgeCostUsd: number | null;
  updatedAt: number;
}

export interface JobCounts {
  evaluatorId: string;
  pending: number;
  running: number;
  done: number;
  skipped: number;
  failed: number;
}

export interface JudgeUsage {
  calls: number;
  costUsd: number;
}

/** Results of one evaluator in one hour, read from its `$ai_evaluation` events. */
export interface ResultBucket {
  evaluatorId: string;
  /** Start of the hour, ISO 8601. */
  bucket: string;
  count: number;
  passed: number;
  failed: number;
  notApplicable: number;
  /** Average score value (pass = 1, fail = 0, or the number); null when none has one. */
  average: number | null;
}

/** One evaluation result of a generation, as the generation list shows it. */
export interface GenerationEvaluation {
  eventUuid: string;
  name: string;
  /** "pass", "fail", "n/a" or a category; null for a bare number. */
  label: string | null;
  value: number | null;
}

export interface EvaluationStore {
  /** Evaluators of one project, or of every project (the worker). Deleted ones are gone. */
  listEvaluators(project?: string): Promise<Evaluator[]>;
  getEvaluator(project: string, id: string): Promise<Evaluator | undefined>;
  /** Create or replace. */
  saveEvaluator(evaluator: Evaluator): Promise<void>;
  deleteEvaluator(project: string, id: string): Promise<void>;
  /**
   * Generations received at or after `sinceMs` without a job for this evaluator, oldest first
   * (what the worker enqueues next). Judge calls (`service.name` of the evaluations) excluded.
   */
  unqueuedGenerations(
    project: string,
    evaluatorId: string,
    sinceMs: number,
    limit: number,
  ): Promise<StoredGeneration[]>;
  /** The newest generations of a project, for "run on the last N". */
  latestGenerations(project: string, limit: number): Promise<StoredGeneration[]>;
  generation(project: string, uuid: string): Promise<StoredGeneration | undefined>;
  /** Whether an event with this uuid is stored (a result written before a crash). */
  hasEvent(project: string, uuid: string): Promise<boolean>;
  /** Add jobs; a pair already queued is left as it is (`force` re-queues it). */
  addJobs(jobs: EvaluationJob[], force?: boolean): Promise<void>;
  /**
   * Take up to `limit` runnable jobs (pending and due, or running with an expired lease) for
   * `owner` until `leaseUntil`; returns the ones this owner holds.
   */
  claimJobs(
    owner: string,
    now: number,
    leaseUntil: number,
    limit: number,
  ): Promise<EvaluationJob[]>;
  /** Record a job's new state. */
  updateJob(job: EvaluationJob): Promise<void>;
  jobs(project: string, evaluatorId: string, limit: number): Promise<EvaluationJob[]>;
  jobCounts(project: string): Promise<JobCounts[]>;
  /** The `$ai_evaluation` results about these generations. */
  resultsFor(project: string, eventUuids: readonly string[]): Promise<GenerationEvaluation[]>;
  /** Hourly results per evaluator since `sinceMs`, oldest first. */
  resultSeries(project: string, sinceMs: number): Promise<ResultBucket[]>;
  /** Judge calls and cost of the project's jobs updated at or after `sinceMs`. */
  judgeUsage(project: string, sinceMs: number): Promise<JudgeUsage>;
}
