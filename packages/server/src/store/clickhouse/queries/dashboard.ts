/** `GET /api/dashboard` in ClickHouse SQL: the same stats, groupings and scores as DuckDB's. */
import type {
  Dashboard,
  DashboardQuery,
  DashboardStats,
  MetricSummary,
  Percentiles,
} from '../../event-store';
import { microsToIso } from '../../event-row';
import {
  ClickHouseParams,
  EVENTS,
  chNullableNumber,
  chNumber,
  chNullableString,
  timeRange,
  toMicros,
  type ClickHouseRunQuery,
} from '../sql';
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
import { splitDashboardSets } from '../../queries/dashboard-sets';
import { SCORE_LABEL, SCORE_NAME, SCORE_VALUE } from './scores';

/**
 * DuckDB's quantile_cont, to the last bit: over the sorted values that model calls report
 * (NULLs left out, none at all is null), at rank q·(n−1) interpolated as lo·(1−d) + hi·d.
 * ClickHouse's quantilesExactInclusive means the same but rounds differently (lo + (hi−lo)·d).
 */
const quantiles = (column: string) => {
  const sorted = `arraySort(groupArrayIf(assumeNotNull(${column}), ${MODEL_CALL} AND ${column} IS NOT NULL))`;
  const rank = `(q * (toFloat64(length(s)) - 1))`;
  const fraction = `(${rank} - floor(${rank}))`;
  const at = (round: string) => `s[toUInt64(${round}(${rank})) + 1]`;
  return `arrayMap(s -> arrayMap(q -> if(length(s) = 0, NULL,
      toNullable(${at('floor')} * (1 - ${fraction}) + ${at('ceil')} * ${fraction})),
    [0.5, 0.95, 0.99]), [${sorted}])[1]`;
};

/**
 * Errors count every failure (a failed tool too), by the one error definition; the error rate
 * is the share of model calls that failed.
 */
const STATS_COLUMNS = `
  countIf(${MODEL_CALL}) AS requests,
  countIf(${MODEL_CALL} AND counted_error) AS failed_requests,
  ${USAGE_AGGREGATES},
  ${quantiles('latency')} AS latency_quantiles,
  ${quantiles('ttft')} AS ttft_quantiles`;

const BUCKETS: Record<DashboardQuery['bucket'], string> = {
  minute: 'toStartOfMinute',
  hour: 'toStartOfHour',
  day: 'toStartOfDay',
};

const bucketMicros = (bucket: DashboardQuery['bucket']) =>
  `toUnixTimestamp64Micro(toDateTime64(${BUCKETS[bucket]}(timestamp), 6, 'UTC'))`;

function percentiles(value: unknown): Percentiles {
  const list = Array.isArray(value) ? (value as Array<number | null>) : [];
  const at = (index: number) =>
    list[index] === null || list[index] === undefined ? null : Number(list[index]);
  return { p50: at(0), p95: at(1), p99: at(2) };
}

function stats(row: Record<string, unknown>): DashboardStats {
  const requests = chNumber(row['requests']);
  const usage = readUsageAggregates(row);
  const { generation_count, embedding_count, error_count, ...rest } = usage;
  return {
    requests,
    generations: generation_count,
    embeddings: embedding_count,
    errors: error_count,
    error_rate: requests ? chNumber(row['failed_requests']) / requests : 0,
    ...rest,
    latency: percentiles(row['latency_quantiles']),
    time_to_first_token: percentiles(row['ttft_quantiles']),
  };
}

async function queryScores(
  run: ClickHouseRunQuery,
  project: string,
  query: DashboardQuery,
): Promise<Dashboard['scores']> {
  const params = new ClickHouseParams();
  let where = `project = ${params.add(project)} AND ${SCORE}${timeRange(params, query)}`;
  if (query.serviceName) where += ` AND service_name = ${params.add(query.serviceName)}`;
  const scored = `SELECT event, timestamp, ${SCORE_NAME} AS name, ${SCORE_VALUE} AS value,
      ${SCORE_LABEL} AS label FROM ${EVENTS} WHERE ${where}`;
  const [summary, byTime, labels] = await Promise.all([
    run(
      `SELECT name, count() AS count, avg(value) AS average,
         countIf(${FEEDBACK}) AS feedback_count
       FROM (${scored}) GROUP BY name ORDER BY count DESC, name LIMIT 50`,
      params.values,
    ),
    run(
      `SELECT name, ${bucketMicros(query.bucket)} AS bucket_us, count() AS count, avg(value) AS average
       FROM (${scored}) GROUP BY name, bucket_us ORDER BY name, bucket_us LIMIT 20000`,
      params.values,
    ),
    run(
      `SELECT name, label, count() AS count FROM (${scored}) WHERE label IS NOT NULL
       GROUP BY name, label ORDER BY name, count DESC, label LIMIT 1000`,
      params.values,
    ),
  ]);
  const metrics: MetricSummary[] = summary.map((row) => {
    const name = String(row['name']);
    return {
      name,
      count: chNumber(row['count']),
      average: chNullableNumber(row['average']),
      by_time: byTime
        .filter((point) => point['name'] === name)
        .map((point) => ({
          bucket: microsToIso(toMicros(point['bucket_us'])),
          count: chNumber(point['count']),
          average: chNullableNumber(point['average']),
        })),
      labels: labels
        .filter((label) => label['name'] === name)
        .map((label) => ({ label: String(label['label']), count: chNumber(label['count']) })),
    };
  });
  const feedbackCount = summary.reduce((sum, row) => sum + chNumber(row['feedback_count']), 0);
  return { feedback_count: feedbackCount, metrics };
}

/**
 * Aggregates over the spans of the range; requests, tokens and cost count model calls only.
 * As in the DuckDB store, the totals, per-model and per-bucket rows come from one pass
 * (`GROUPING SETS`, one `FINAL` read for the error join instead of one per breakdown);
 * distinct traces and users and requests per app read the table directly, concurrently.
 */
export async function queryDashboardClickHouse(
  run: ClickHouseRunQuery,
  project: string,
  query: DashboardQuery,
): Promise<Dashboard> {
  const params = new ClickHouseParams();
  const projectParam = params.add(project);
  let where = `${SPAN}${timeRange(params, query)}`;
  if (query.model) where += ` AND model = ${params.add(query.model)}`;
  if (query.provider) where += ` AND provider = ${params.add(query.provider)}`;
  if (query.serviceName) where += ` AND service_name = ${params.add(query.serviceName)}`;
  const values = params.values;
  const [grouped, people, byService, scores] = await Promise.all([
    // g_model = 0: a model's calls (is_call); g_bucket = 0: a time bucket; both 1: the totals.
    // `grouping` as the SQL standard has it (1 = rolled up), ClickHouse's default since 22.9
    // (`force_grouping_standard_compatibility`); set here so an older default can't flip it.
    run(
      `SELECT grouping(is_call, model, provider) AS g_model, grouping(bucket_us) AS g_bucket,
         is_call, model, provider, bucket_us, ${STATS_COLUMNS}
       FROM (SELECT *, ${MODEL_CALL} AS is_call, ${bucketMicros(query.bucket)} AS bucket_us
             FROM ${eventsWithErrors(projectParam)} AS ev WHERE ${where})
       GROUP BY GROUPING SETS ((), (is_call, model, provider), (bucket_us))
       ORDER BY g_model, g_bucket, bucket_us, requests DESC, model
       SETTINGS force_grouping_standard_compatibility = 1`,
      values,
    ),
    run(
      `SELECT uniqExact(trace_id) AS traces,
         uniqExactIf(distinct_id, ${IDENTIFIED}) AS users,
         uniqExact(distinct_id) AS all_users
       FROM ${EVENTS} WHERE project = ${projectParam} AND ${where}`,
      values,
    ),
    run(
      `SELECT service_name, countIf(${MODEL_CALL}) AS requests
       FROM ${EVENTS} WHERE project = ${projectParam} AND ${where}
       GROUP BY service_name ORDER BY requests DESC, service_name LIMIT 100`,
      values,
    ),
    // Scores belong to traces, not to a model: a per-model dashboard leaves them out.
    query.model || query.provider
      ? Promise.resolve({ feedback_count: 0, metrics: [] })
      : queryScores(run, project, query),
  ]);
  const { total, byModel, byTime } = splitDashboardSets(grouped, chNumber);
  const person = people[0] ?? {};
  const users = chNumber(person['users']);
  return {
    totals: {
      ...stats(total),
      traces: chNumber(person['traces']),
      users,
      anonymous_users: chNumber(person['all_users']) - users,
    },
    by_model: byModel.map((row) => ({
      model: chNullableString(row['model']),
      provider: chNullableString(row['provider']),
      ...stats(row),
    })),
    by_service: byService.map((row) => ({
      service_name: chNullableString(row['service_name']),
      requests: chNumber(row['requests']),
    })),
    by_time: byTime.map((row) => ({
      bucket: microsToIso(toMicros(row['bucket_us'])),
      ...stats(row),
    })),
    scores,
  };
}
