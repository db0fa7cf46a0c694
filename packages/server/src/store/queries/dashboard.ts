/** `GET /api/dashboard`: model-call stats (totals, per model, per app, per time bucket) and scores. */
import type {
  Dashboard,
  DashboardQuery,
  DashboardStats,
  MetricSummary,
  Percentiles,
} from '../event-store';
import { microsToIso } from '../event-row';
import { Params, timeRange, toNullableNumber, toNumber, toNullableString } from '../sql';
import {
  FEEDBACK,
  IDENTIFIED,
  MODEL_CALL,
  SCORE,
  SPAN,
  USAGE_AGGREGATES,
  eventsWithErrors,
  readUsageAggregates,
} from './definitions';
import { splitDashboardSets } from './dashboard-sets';
import type { RunQuery } from './run-query';
import { SCORE_LABEL, SCORE_NAME, SCORE_VALUE } from './scores';

/**
 * Errors count every failure (a failed tool too), by the one error definition; the error rate
 * is the share of model calls that failed.
 */
const STATS_COLUMNS = `
  count(*) FILTER (WHERE ${MODEL_CALL}) AS requests,
  count(*) FILTER (WHERE ${MODEL_CALL} AND counted_error) AS failed_requests,
  ${USAGE_AGGREGATES},
  quantile_cont(latency, [0.5, 0.95, 0.99]) FILTER (WHERE ${MODEL_CALL}) AS latency,
  quantile_cont(ttft, [0.5, 0.95, 0.99]) FILTER (WHERE ${MODEL_CALL}) AS ttft`;

function percentiles(value: unknown): Percentiles {
  const list = Array.isArray(value) ? (value as Array<number | null>) : [];
  return { p50: list[0] ?? null, p95: list[1] ?? null, p99: list[2] ?? null };
}

function stats(row: Record<string, unknown>): DashboardStats {
  const requests = toNumber(row['requests']);
  const usage = readUsageAggregates(row);
  const { generation_count, embedding_count, error_count, ...rest } = usage;
  return {
    requests,
    generations: generation_count,
    embeddings: embedding_count,
    errors: error_count,
    error_rate: requests ? toNumber(row['failed_requests']) / requests : 0,
    ...rest,
    latency: percentiles(row['latency']),
    time_to_first_token: percentiles(row['ttft']),
  };
}

async function queryScores(
  run: RunQuery,
  project: string,
  query: DashboardQuery,
): Promise<Dashboard['scores']> {
  const params = new Params();
  let where = `project = ${params.add(project)} AND ${SCORE}${timeRange(params, query)}`;
  if (query.serviceName) where += ` AND service_name = ${params.add(query.serviceName)}`;
  const scored = `SELECT event, timestamp, ${SCORE_NAME} AS name, ${SCORE_VALUE} AS value,
      ${SCORE_LABEL} AS label FROM events WHERE ${where}`;
  const [summary, byTime, labels] = await Promise.all([
    run(
      `SELECT name, count(*) AS count, avg(value) AS average,
         count(*) FILTER (WHERE ${FEEDBACK}) AS feedback_count
       FROM (${scored}) GROUP BY name ORDER BY count DESC, name LIMIT 50`,
      params.values,
    ),
    run(
      `SELECT name, epoch_us(date_trunc('${query.bucket}', timestamp)) AS bucket_us,
         count(*) AS count, avg(value) AS average
       FROM (${scored}) GROUP BY name, bucket_us ORDER BY name, bucket_us LIMIT 20000`,
      params.values,
    ),
    run(
      `SELECT name, label, count(*) AS count FROM (${scored}) WHERE label IS NOT NULL
       GROUP BY name, label ORDER BY name, count DESC, label LIMIT 1000`,
      params.values,
    ),
  ]);
  const metrics: MetricSummary[] = summary.map((row) => {
    const name = String(row['name']);
    return {
      name,
      count: toNumber(row['count']),
      average: toNullableNumber(row['average']),
      by_time: byTime
        .filter((point) => point['name'] === name)
        .map((point) => ({
          bucket: microsToIso(point['bucket_us'] as bigint),
          count: toNumber(point['count']),
          average: toNullableNumber(point['average']),
        })),
      labels: labels
        .filter((label) => label['name'] === name)
        .map((label) => ({ label: String(label['label']), count: toNumber(label['count']) })),
    };
  });
  const feedbackCount = summary.reduce((sum, row) => sum + toNumber(row['feedback_count']), 0);
  return { feedback_count: feedbackCount, metrics };
}

/**
 * Aggregates over the spans of the range; requests, tokens and cost count model calls only.
 * The totals, the per-model rows (model calls only) and the per-bucket rows come from one
 * pass over the rows (`GROUPING SETS`): the error join and the aggregates' scan are done once,
 * not once per breakdown. Distinct traces and users, and requests per app, need no error
 * join and read the table directly, concurrently with it.
 */
export async function queryDashboard(
  run: RunQuery,
  project: string,
  query: DashboardQuery,
): Promise<Dashboard> {
  const params = new Params();
  const projectParam = params.add(project);
  let where = `${SPAN}${timeRange(params, query)}`;
  if (query.model) where += ` AND model = ${params.add(query.model)}`;
  if (query.provider) where += ` AND provider = ${params.add(query.provider)}`;
  if (query.serviceName) where += ` AND service_name = ${params.add(query.serviceName)}`;
  const values = params.values;
  const bucket = `epoch_us(date_trunc('${query.bucket}', timestamp))`;
  const [grouped, people, byService, scores] = await Promise.all([
    // g_model = 0: a model's calls (is_call); g_bucket = 0: a time bucket; both 1: the totals.
    run(
      `SELECT grouping(is_call, model, provider) AS g_model, grouping(bucket_us) AS g_bucket,
         is_call, model, provider, bucket_us, ${STATS_COLUMNS}
       FROM (SELECT *, ${MODEL_CALL} AS is_call, ${bucket} AS bucket_us
             FROM ${eventsWithErrors(projectParam)} AS ev WHERE ${where})
       GROUP BY GROUPING SETS ((), (is_call, model, provider), (bucket_us))
       ORDER BY g_model, g_bucket, bucket_us, requests DESC, model`,
      values,
    ),
    run(
      `SELECT count(DISTINCT trace_id) AS traces,
         count(DISTINCT distinct_id) FILTER (WHERE ${IDENTIFIED}) AS users,
         count(DISTINCT distinct_id) AS all_users
       FROM events WHERE project = ${projectParam} AND ${where}`,
      values,
    ),
    run(
      `SELECT service_name, count(*) FILTER (WHERE ${MODEL_CALL}) AS requests
       FROM events WHERE project = ${projectParam} AND ${where}
       GROUP BY service_name ORDER BY requests DESC, service_name LIMIT 100`,
      values,
    ),
    // Scores belong to traces, not to a model: a per-model dashboard leaves them out.
    query.model || query.provider
      ? Promise.resolve({ feedback_count: 0, metrics: [] })
      : queryScores(run, project, query),
  ]);
  const { total, byModel, byTime } = splitDashboardSets(grouped, toNumber);
  const person = people[0] ?? {};
  const users = toNumber(person['users']);
  return {
    totals: {
      ...stats(total),
      traces: toNumber(person['traces']),
      users,
      anonymous_users: toNumber(person['all_users']) - users,
    },
    by_model: byModel.map((row) => ({
      model: toNullableString(row['model']),
      provider: toNullableString(row['provider']),
      ...stats(row),
    })),
    by_service: byService.map((row) => ({
      service_name: toNullableString(row['service_name']),
      requests: toNumber(row['requests']),
    })),
    by_time: byTime.map((row) => ({
      bucket: microsToIso(row['bucket_us'] as bigint),
      ...stats(row),
    })),
    scores,
  };
}
