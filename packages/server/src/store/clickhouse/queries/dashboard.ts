import type { Dashboard, DashboardQuery, DashboardStats, Percentiles } from '../../event-store';
import { microsToIso } from '../../event-row';
import {
  ClickHouseParams,
  EVENTS,
  MODEL_CALL,
  chNumber,
  chNullableString,
  timeRange,
  toMicros,
  type ClickHouseRunQuery,
} from '../sql';

/** Linear interpolation between closest ranks: the same definition as DuckDB's quantile_cont. */
const quantiles = (column: string) =>
  `if(count(${column}) = 0, [NULL, NULL, NULL], arrayMap(x -> toNullable(x), quantilesExactInclusive(0.5, 0.95, 0.99)(${column})))`;

const STATS_COLUMNS = `
  count() AS requests,
  countIf(is_error) AS errors,
  toFloat64(coalesce(sum(input_tokens), 0)) AS input_tokens,
  toFloat64(coalesce(sum(output_tokens), 0)) AS output_tokens,
  coalesce(sum(total_cost_usd), 0) AS total_cost_usd,
  ${quantiles('latency')} AS latency,
  ${quantiles('ttft')} AS ttft`;

const BUCKETS: Record<DashboardQuery['bucket'], string> = {
  minute: 'toStartOfMinute',
  hour: 'toStartOfHour',
  day: 'toStartOfDay',
};

function percentiles(value: unknown): Percentiles {
  const list = Array.isArray(value) ? (value as Array<number | null>) : [];
  const at = (index: number) =>
    list[index] === null || list[index] === undefined ? null : Number(list[index]);
  return { p50: at(0), p95: at(1), p99: at(2) };
}

function stats(row: Record<string, unknown>): DashboardStats {
  const requests = chNumber(row['requests']);
  const errors = chNumber(row['errors']);
  return {
    requests,
    errors,
    error_rate: requests ? errors / requests : 0,
    input_tokens: chNumber(row['input_tokens']),
    output_tokens: chNumber(row['output_tokens']),
    total_cost_usd: chNumber(row['total_cost_usd']),
    latency: percentiles(row['latency']),
    time_to_first_token: percentiles(row['ttft']),
  };
}

/** Aggregates over model calls (generations and embeddings): totals, per model, per time bucket. */
export async function queryDashboardClickHouse(
  run: ClickHouseRunQuery,
  project: string,
  query: DashboardQuery,
): Promise<Dashboard> {
  const params = new ClickHouseParams();
  let where = `project = ${params.add(project)} AND ${MODEL_CALL}${timeRange(params, query)}`;
  if (query.model) where += ` AND model = ${params.add(query.model)}`;
  if (query.provider) where += ` AND provider = ${params.add(query.provider)}`;
  const values = params.values;
  const [totals, byModel, byTime] = await Promise.all([
    run(
      `SELECT ${STATS_COLUMNS}, uniqExact(trace_id) AS traces, uniqExact(distinct_id) AS users
       FROM ${EVENTS} WHERE ${where}`,
      values,
    ),
    run(
      `SELECT model, provider, ${STATS_COLUMNS} FROM ${EVENTS} WHERE ${where}
       GROUP BY model, provider ORDER BY requests DESC, model LIMIT 100`,
      values,
    ),
    run(
      `SELECT toUnixTimestamp64Micro(toDateTime64(${BUCKETS[query.bucket]}(timestamp), 6, 'UTC')) AS bucket_us,
         ${STATS_COLUMNS}
       FROM ${EVENTS} WHERE ${where} GROUP BY bucket_us ORDER BY bucket_us LIMIT 10000`,
      values,
    ),
  ]);
  const total = totals[0] ?? {};
  return {
    totals: { ...stats(total), traces: chNumber(total['traces']), users: chNumber(total['users']) },
    by_model: byModel.map((row) => ({
      model: chNullableString(row['model']),
      provider: chNullableString(row['provider']),
      ...stats(row),
    })),
    by_time: byTime.map((row) => ({
      bucket: microsToIso(toMicros(row['bucket_us'])),
      ...stats(row),
    })),
  };
}
