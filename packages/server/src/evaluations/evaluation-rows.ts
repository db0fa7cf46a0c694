/** Row <-> object conversions shared by the DuckDB and ClickHouse evaluation stores. */
import { AI_GENERATION } from '@llm-analytics/core/semconv';
import type { Evaluator, EvaluatorInput } from './evaluator-types';
import type { EvaluationJob, JobState } from './evaluation-store';
import { EVALUATION_SERVICE_NAME } from './evaluation-events';
import type { StoredGeneration } from './stored-generation';

const num = (value: unknown): number =>
  typeof value === 'number'
    ? value
    : typeof value === 'bigint'
      ? Number(value)
      : Number(value ?? 0);
const nullableNum = (value: unknown): number | null =>
  value === null || value === undefined ? null : num(value);
const nullableText = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The columns of a generation the evaluators read (timestamp as µs in `ts`). */
export const GENERATION_COLUMNS = `uuid, distinct_id, trace_id, span_id, session_id, model, provider,
  service_name, span_name, latency, total_cost_usd, properties`;

/** Generations that are not the evaluations' own judge calls. */
export const EVALUABLE = `event = '${AI_GENERATION}' AND coalesce(service_name, '') <> '${EVALUATION_SERVICE_NAME}'`;

export function evaluatorDefinition(evaluator: Evaluator): string {
  const definition: EvaluatorInput = {
    name: evaluator.name,
    enabled: evaluator.enabled,
    samplingRate: evaluator.samplingRate,
    filters: evaluator.filters,
    evaluator: evaluator.evaluator,
  };
  return JSON.stringify(definition);
}

export function rowToEvaluator(row: Record<string, unknown>): Evaluator {
  const definition = JSON.parse(String(row['definition'])) as EvaluatorInput;
  return {
    ...definition,
    id: String(row['id']),
    project: String(row['project']),
    createdAt: num(row['created_at']),
    updatedAt: num(row['updated_at']),
  };
}

export function rowToGeneration(project: string, row: Record<string, unknown>): StoredGeneration {
  let properties: Record<string, unknown> = {};
  try {
    properties = JSON.parse(String(row['properties'])) as Record<string, unknown>;
  } catch {
    // Stored properties are always JSON; an unreadable one is judged on its columns alone.
  }
  return {
    project,
    uuid: String(row['uuid']),
    timestamp: new Date(Math.floor(num(row['ts']) / 1000)).toISOString(),
    distinctId: String(row['distinct_id']),
    traceId: nullableText(row['trace_id']),
    spanId: nullableText(row['span_id']),
    sessionId: nullableText(row['session_id']),
    model: nullableText(row['model']),
    provider: nullableText(row['provider']),
    serviceName: nullableText(row['service_name']),
    spanName: nullableText(row['span_name']),
    latency: nullableNum(row['latency']),
    totalCostUsd: nullableNum(row['total_cost_usd']),
    properties,
  };
}

export const JOB_COLUMNS = `project, evaluator_id, event_uuid, state, attempts, not_before, lease_owner,
  lease_until, detail, judge_calls, judge_cost_usd, updated_at`;

export function rowToJob(row: Record<string, unknown>): EvaluationJob {
  return {
    project: String(row['project']),
    evaluatorId: String(row['evaluator_id']),
    eventUuid: String(row['event_uuid']),
    state: String(row['state']) as JobState,
    attempts: num(row['attempts']),
    notBefore: num(row['not_before']),
    leaseOwner: String(row['lease_owner'] ?? ''),
    leaseUntil: num(row['lease_until']),
    detail: String(row['detail'] ?? ''),
    judgeCalls: num(row['judge_calls']),
    judgeCostUsd: nullableNum(row['judge_cost_usd']),
    updatedAt: num(row['updated_at']),
  };
}

/** A job as column values, in JOB_COLUMNS order. */
export function jobValues(job: EvaluationJob): unknown[] {
  return [
    job.project,
    job.evaluatorId,
    job.eventUuid,
    job.state,
    job.attempts,
    job.notBefore,
    job.leaseOwner,
    job.leaseUntil,
    job.detail,
    job.judgeCalls,
    job.judgeCostUsd,
    job.updatedAt,
  ];
}
