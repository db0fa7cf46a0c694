/**
 * The worker inside `serve`: enqueues stored generations that match an evaluator, claims due
 * jobs from the queue in the store, runs code checks and judges with bounded concurrency and a
 * per-project budget, and writes results through the store's normal write path. It reads what
 * ingestion already stored and never sits in the request path.
 */
import { randomUUID } from 'node:crypto';
import type { AiEvent } from '@llm-analytics/core';
import { P } from '@llm-analytics/core/semconv';
import type { EventStore } from '../store/event-store';
import { runCodeCheck } from './code-checks';
import { evaluationEvent, evaluationUuid, judgeGenerationEvent } from './evaluation-events';
import type { EvaluationJob, EvaluationStore } from './evaluation-store';
import type { Evaluator, JudgeKind } from './evaluator-types';
import { InvalidJudgeOutputError, readJudgeAnswer } from './judge-answer';
import {
  callJudge,
  RetryLaterError,
  type JudgeClientOptions,
  type JudgeEndpoint,
} from './judge-client';
import { judgeResponseSchema, renderJudgePrompt } from './judge-prompt';
import { filterMismatch, sampled } from './select-generations';
import type { StoredGeneration } from './stored-generation';

export interface EvaluationBudget {
  /** Judge calls per project and hour (default 1000). */
  maxCallsPerHour?: number;
  /** Judge spend per project and hour, USD (default 5). */
  maxCostPerHourUsd?: number;
}

export interface EvaluationWorkerOptions {
  /** Judge API; judges wait (and say so once) while it is not configured. */
  judge?: JudgeEndpoint & { provider?: string };
  /** Jobs run at once (default 4). */
  concurrency?: number;
  /** How often the queue is looked at, ms (default 1000). */
  pollIntervalMs?: number;
  /** A claimed job is this worker's for this long, ms (default 2 min): then another may take it. */
  leaseMs?: number;
  /** Attempts of a job whose judge keeps failing with 429/5xx (default 5). */
  maxAttempts?: number;
  /** Generations enqueued per evaluator and tick (default 500). */
  enqueueBatch?: number;
  budget?: EvaluationBudget;
  judgeClient?: JudgeClientOptions;
}

export interface EvaluationWorkerDeps {
  store: EventStore;
  /** Prices the judge's generation (the server's pricer). */
  price: (event: AiEvent) => AiEvent;
  log: (line: string) => void;
  now?: () => number;
}

const HOUR_MS = 3_600_000;
/** How far back each round looks again for generations stored late (another replica's). */
const SCAN_MARGIN_MS = 5 * 60_000;

export class EvaluationWorker {
  readonly owner = `worker-${randomUUID()}`;
  private readonly evaluations: EvaluationStore;
  private readonly inFlight = new Set<Promise<void>>();
  /**
   * This process's judge reservations. A released one still counts for usage reads that
   * started before its release: such a read may not contain the job's recorded call yet.
   */
  private readonly reservations = new Set<{ project: string; releasedAt?: number }>();
  private readonly said = new Set<string>();
  /** Per evaluator: every generation received before this was queued (ms). */
  private readonly scannedUntil = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly deps: EvaluationWorkerDeps,
    private readonly options: EvaluationWorkerOptions = {},
  ) {
    this.evaluations = deps.store.evaluationStore();
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** Say it once (per key) on the log: a setup problem, not a line per job. */
  private sayOnce(key: string, line: string): void {
    if (this.said.has(key)) return;
    this.said.add(key);
    this.deps.log(line);
  }

  /** Start polling (timer unref'ed: it never keeps the process alive). */
  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.tick(), this.options.pollIntervalMs ?? 1000);
    this.timer.unref();
  }

  /** One round: enqueue new matches, start due jobs. Overlapping calls share the round. */
  tick(): Promise<void> {
    this.ticking ??= this.round()
      .catch((error: unknown) =>
        this.deps.log(`evaluations: worker round failed: ${String(error)}`),
      )
      .finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  /** Run rounds until nothing is due and nothing runs (tests, the demo). */
  async drain(maxRounds = 100): Promise<void> {
    for (let round = 0; round < maxRounds; round++) {
      // A round the timer began may be half done: let it finish, so the next one is counted
      // whole. A round that starts nothing because every slot is busy is not the end either.
      await this.ticking;
      const busy = this.inFlight.size;
      const started = await this.roundCount();
      await Promise.all([...this.inFlight]);
      if (busy === 0 && started === 0) return;
    }
  }

  private async roundCount(): Promise<number> {
    const before = this.startedJobs;
    await this.tick();
    return this.startedJobs - before;
  }

  private startedJobs = 0;

  private async round(): Promise<void> {
    if (this.stopped) return;
    const evaluators = (await this.evaluations.listEvaluators()).filter((item) => item.enabled);
    for (const evaluator of evaluators) await this.enqueue(evaluator);
    const free = (this.options.concurrency ?? 4) - this.inFlight.size;
    if (free <= 0 || this.stopped) return;
    const now = this.now();
    const jobs = await this.evaluations.claimJobs(
      this.owner,
      now,
      now + (this.options.leaseMs ?? 120_000),
      free,
    );
    const byId = new Map(evaluators.map((item) => [`${item.project}\u0000${item.id}`, item]));
    for (const job of jobs) {
      this.startedJobs++;
      const running = this.run(job, byId.get(`${job.project}\u0000${job.evaluatorId}`))
        .catch((error: unknown) =>
          this.deps.log(
            `evaluations: job ${job.evaluatorId}/${job.eventUuid} failed: ${String(error)}`,
          ),
        )
        .finally(() => this.inFlight.delete(running));
      this.inFlight.add(running);
    }
  }

  private async enqueue(evaluator: Evaluator): Promise<void> {
    // After one complete scan, later rounds look only at recent arrivals (with a margin for
    // writes of other replicas that land late), so a big store is not rescanned every second.
    const key = `${evaluator.project}\u0000${evaluator.id}`;
    const since = Math.max(evaluator.createdAt, this.scannedUntil.get(key) ?? 0);
    const roundStarted = this.now();
    const batch = this.options.enqueueBatch ?? 500;
    const generations = await this.evaluations.unqueuedGenerations(
      evaluator.project,
      evaluator.id,
      since,
      batch,
    );
    if (generations.length < batch) this.scannedUntil.set(key, roundStarted - SCAN_MARGIN_MS);
    const now = this.now();
    await this.evaluations.addJobs(
      generations.map((generation) => {
        const mismatch = filterMismatch(evaluator.filters, generation);
        const skip = mismatch ?? (sampled(evaluator, generation.uuid) ? undefined : 'not sampled');
        return newJob(evaluator, generation.uuid, now, skip);
      }),
    );
  }

  /** Queue the newest `limit` generations that pass the filters ("try it before enabling"). */
  async runOnLatest(evaluator: Evaluator, limit: number): Promise<number> {
    const generations = await this.evaluations.latestGenerations(evaluator.project, limit);
    const now = this.now();
    const jobs = generations
      .filter((generation) => filterMismatch(evaluator.filters, generation) === undefined)
      .map((generation) => newJob(evaluator, generation.uuid, now));
    await this.evaluations.addJobs(jobs, true);
    return jobs.length;
  }

  private async run(job: EvaluationJob, enabled: Evaluator | undefined): Promise<void> {
    const evaluator =
      enabled ?? (await this.evaluations.getEvaluator(job.project, job.evaluatorId));
    const update = (change: Partial<EvaluationJob>) =>
      this.evaluations.updateJob({
        ...job,
        leaseOwner: '',
        leaseUntil: 0,
        updatedAt: this.now(),
        ...change,
      });
    if (!evaluator) return update({ state: 'skipped', detail: 'evaluator deleted' });
    // A result written before a crash or by another replica: never run (or pay) twice.
    if (
      await this.evaluations.hasEvent(
        job.project,
        evaluationUuid(job.project, evaluator.id, job.eventUuid),
      )
    )
      return update({ state: 'done', detail: 'already evaluated' });
    const generation = await this.evaluations.generation(job.project, job.eventUuid);
    if (!generation)
      return update({ state: 'failed', detail: 'the generation is no longer stored' });
    const startedAt = this.now();
    const kind = evaluator.evaluator;
    if (kind.kind === 'code') {
      const outcome = runCodeCheck(kind.check, generation);
      await this.deps.store.write({
        insert: [
          {
            project: job.project,
            event: evaluationEvent(evaluator, generation, outcome, startedAt),
          },
        ],
      });
      return update({ state: 'done', detail: '' });
    }
    const judge = this.options.judge;
    if (!judge) {
      this.sayOnce(
        'no-judge',
        'evaluations: LLM-judge evaluators are waiting: set LLM_ANALYTICS_JUDGE_BASE_URL (and LLM_ANALYTICS_JUDGE_API_KEY) to run them',
      );
      return update({
        state: 'pending',
        notBefore: this.now() + 60_000,
        detail: 'no judge API configured',
      });
    }
    const overBudget = await this.reserveJudgeCall(job.project);
    if (typeof overBudget === 'string') {
      this.sayOnce(
        `budget-${job.project}-${Math.floor(this.now() / HOUR_MS)}`,
        `evaluations: project ${job.project}: ${overBudget}; judges wait for the next hour`,
      );
      return update({ state: 'pending', notBefore: this.now() + 60_000, detail: overBudget });
    }
    // The reservation holds until the job row records the call: the budget never loses sight of it.
    try {
      return await this.judgeAndRecord(job, evaluator, kind, generation, judge, startedAt, update);
    } finally {
      overBudget.reservation.releasedAt = performance.now();
    }
  }

  private async judgeAndRecord(
    job: EvaluationJob,
    evaluator: Evaluator,
    kind: JudgeKind,
    generation: StoredGeneration,
    judge: NonNullable<EvaluationWorkerOptions['judge']>,
    startedAt: number,
    update: (change: Partial<EvaluationJob>) => Promise<void>,
  ): Promise<void> {
    const prompt = renderJudgePrompt(kind.prompt, generation);
    let reply;
    try {
      reply = await callJudge(
        judge,
        { model: kind.model, prompt, schema: judgeResponseSchema(kind.result) },
        this.options.judgeClient,
      );
    } catch (error) {
      const attempts = job.attempts + 1;
      if (error instanceof RetryLaterError && attempts < (this.options.maxAttempts ?? 5))
        return update({
          state: 'pending',
          attempts,
          notBefore: error.retryAt,
          detail: error.message,
        });
      return update({ state: 'failed', attempts, detail: (error as Error).message });
    }
    const judgeGeneration = this.deps.price(
      judgeGenerationEvent(
        evaluator,
        generation,
        prompt,
        reply,
        startedAt,
        judge.provider ?? 'openai',
      ),
    );
    const cost = judgeGeneration.properties[P.totalCostUsd];
    const spend = {
      judgeCalls: job.judgeCalls + 1,
      judgeCostUsd: (job.judgeCostUsd ?? 0) + (typeof cost === 'number' ? cost : 0),
    };
    let outcome;
    try {
      outcome = readJudgeAnswer(reply.content, kind.result);
    } catch (error) {
      if (!(error instanceof InvalidJudgeOutputError)) throw error;
      // The call was made and paid for: it is recorded even though it gave no verdict.
      await this.deps.store.write({ insert: [{ project: job.project, event: judgeGeneration }] });
      return update({
        state: 'failed',
        attempts: job.attempts + 1,
        detail: error.message,
        ...spend,
      });
    }
    await this.deps.store.write({
      insert: [
        { project: job.project, event: judgeGeneration },
        {
          project: job.project,
          event: evaluationEvent(evaluator, generation, outcome, startedAt, {
            reply,
            generation: judgeGeneration,
          }),
        },
      ],
    });
    return update({ state: 'done', detail: '', ...spend });
  }

  /**
   * Reserve one judge call of the project's hourly budget; the reason when there is none left.
   * The check and the reservation run without an await between them, so concurrent jobs
   * cannot all pass on the same count.
   */
  private async reserveJudgeCall(
    project: string,
  ): Promise<string | { reservation: { project: string; releasedAt?: number } }> {
    const budget = this.options.budget ?? {};
    const maxCalls = budget.maxCallsPerHour ?? 1000;
    const maxCost = budget.maxCostPerHourUsd ?? 5;
    const readStarted = performance.now();
    const usage = await this.evaluations.judgeUsage(project, this.now() - HOUR_MS);
    let running = 0;
    for (const reservation of this.reservations) {
      if (reservation.releasedAt !== undefined && reservation.releasedAt < readStarted - 60_000)
        this.reservations.delete(reservation);
      else if (
        reservation.project === project &&
        (reservation.releasedAt === undefined || reservation.releasedAt >= readStarted)
      )
        running++;
    }
    if (usage.calls + running >= maxCalls)
      return `judge budget reached: ${usage.calls} calls made and ${running} running, of ${maxCalls} per hour`;
    if (usage.costUsd >= maxCost)
      return `judge budget reached: $${usage.costUsd.toFixed(4)} of $${maxCost} this hour`;
    const reservation: { project: string; releasedAt?: number } = { project };
    this.reservations.add(reservation);
    return { reservation };
  }

  /** Stop polling and wait for running jobs (their results are written before this resolves). */
  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
    await Promise.all([...this.inFlight]);
  }
}

function newJob(
  evaluator: Evaluator,
  eventUuid: string,
  now: number,
  skip?: string,
): EvaluationJob {
  return {
    project: evaluator.project,
    evaluatorId: evaluator.id,
    eventUuid,
    state: skip ? 'skipped' : 'pending',
    attempts: 0,
    notBefore: now,
    leaseOwner: '',
    leaseUntil: 0,
    detail: skip ?? '',
    judgeCalls: 0,
    judgeCostUsd: null,
    updatedAt: now,
  };
}
