import type { Dashboard, DashboardQuery, DashboardStats, Percentiles } from '../event-store';
import { microsToIso } from '../event-row';
import { MODEL_CALL, Params, timeRange, toNumber, toNullableString } from '../sql';
import type { RunQuery } from './run-query';

const STATS_COLUMNS = `
  count(*) AS requests,
  count(*) FILTER (WHERE is_error) AS errors,
  coalesce(sum(input_tokens), 0)::DOUBLE AS input_tokens,
  coalesce(sum(output_tokens), 0)::DOUBLE AS output_tokens,
  coalesce(sum(total_cost_usd), 0) AS total_cost_usd,
  quantile_cont(latency, [0.5, 0.95, 0.99]) AS latency,
  quantile_cont(ttft, [0.5, 0.95, 0.99]) AS ttft`;

function percentiles(value: unknown): Percentiles {
  const list = Array.isArray(value) ? (value as Array<number | null>) : [];
  return { p50: list[0] ?? null, p95: list[1] ?? null, p99: list[2] ?? null };
}

function stats(row: Record<string, unknown>): DashboardStats {
  const requests = toNumber(row['requests']);
  const errors = toNumber(row['errors']);
  return {
    requests,
    errors,
    error_rate: requests ? errors / requests : 0,
    input_tokens: toNumber(row['input_tokens']),
    output_tokens: toNumber(row['output_tokens']),
    total_cost_usd: toNumber(row['total_cost_usd']),
    latency: percentiles(row['latency']),
    time_to_first_token: percentiles(row['ttft']),
  };
}

/** Aggregates over model calls (generations and embeddings): totals, per model, per time bucket. */
export async function queryDashboard(
  run: RunQuery,
  project: string,
  query: DashboardQuery,
): Promise<Dashboard> {
  const params = new Params();
  let where = `project = ${params.add(project)} AND ${MODEL_CALL}${timeRange(params, query)}`;
  if (query.model) where += ` AND model = ${params.add(query.model)}`;
  if (query.provider) where += ` AND provider = ${params.add(query.provider)}`;
  const values = params.values;
  const [totals, byModel, byTime] = await Promise.all([
    run(
      `SELECT ${STATS_COLUMNS}, count(DISTINCT trace_id) AS traces, count(DISTINCT distinct_id) AS users
       FROM events WHERE ${where}`,
      values,
    ),
    run(
      `SELECT model, provider, ${STATS_COLUMNS} FROM events WHERE ${where}
       GROUP BY model, provider ORDER BY requests DESC, model LIMIT 100`,
      values,
    ),
    run(
      `SELECT epoch_us(date_trunc('${query.bucket}', timestamp)) AS bucket_us, ${STATS_COLUMNS}
       FROM events WHERE ${where} GROUP BY bucket_us ORDER BY bucket_us LIMIT 10000`,
      values,
    ),
  ]);
  const total = totals[0] ?? {};
  return {
    totals: { ...stats(total), traces: toNumber(total['traces']), users: toNumber(total['users']) },
    by_model: byModel.map((row) => ({
      model: toNullableString(row['model']),
      provider: toNullableString(row['provider']),
      ...stats(row),
    })),
    by_time: byTime.map((row) => ({
      bucket: microsToIso(row['bucket_us'] as bigint),
      ...stats(row),
    })),
  };
}
