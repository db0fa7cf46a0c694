/** Sessions and users: both are groupings of events by an identity column. */
import type { ListQuery, SessionRow, UserRow } from '../event-store';
import { microsToIso } from '../event-row';
import { MODEL_CALL, Params, timeRange, toNumber, toNullableString } from '../sql';
import type { RunQuery } from './run-query';

const USAGE_COLUMNS = `
  epoch_us(min(timestamp)) AS first_us,
  epoch_us(max(coalesce(end_timestamp, timestamp))) AS last_us,
  count(DISTINCT trace_id) AS trace_count,
  count(*) FILTER (WHERE ${MODEL_CALL}) AS generation_count,
  coalesce(sum(input_tokens) FILTER (WHERE ${MODEL_CALL}), 0)::DOUBLE AS input_tokens,
  coalesce(sum(output_tokens) FILTER (WHERE ${MODEL_CALL}), 0)::DOUBLE AS output_tokens,
  coalesce(sum(total_cost_usd), 0) AS total_cost_usd,
  count(*) FILTER (WHERE is_error) AS error_count`;

function usage(row: Record<string, unknown>) {
  return {
    first_seen: microsToIso(row['first_us'] as bigint),
    last_seen: microsToIso(row['last_us'] as bigint),
    trace_count: toNumber(row['trace_count']),
    generation_count: toNumber(row['generation_count']),
    input_tokens: toNumber(row['input_tokens']),
    output_tokens: toNumber(row['output_tokens']),
    total_cost_usd: toNumber(row['total_cost_usd']),
    error_count: toNumber(row['error_count']),
  };
}

export async function querySessions(
  run: RunQuery,
  project: string,
  query: ListQuery,
): Promise<SessionRow[]> {
  const params = new Params();
  let where = `project = ${params.add(project)} AND session_id IS NOT NULL${timeRange(params, query)}`;
  if (query.distinctId) where += ` AND distinct_id = ${params.add(query.distinctId)}`;
  if (query.search) where += ` AND session_id ILIKE ${params.contains(query.search)} ESCAPE '\\'`;
  const rows = await run(
    `SELECT session_id, arg_min(distinct_id, timestamp) AS distinct_id, ${USAGE_COLUMNS}
     FROM events WHERE ${where} GROUP BY session_id
     ORDER BY last_us DESC, session_id LIMIT ${query.limit} OFFSET ${query.offset}`,
    params.values,
  );
  return rows.map((row) => ({
    session_id: String(row['session_id']),
    distinct_id: toNullableString(row['distinct_id']),
    ...usage(row),
  }));
}

export async function queryUsers(
  run: RunQuery,
  project: string,
  query: ListQuery,
): Promise<UserRow[]> {
  const params = new Params();
  let where = `project = ${params.add(project)}${timeRange(params, query)}`;
  if (query.distinctId) where += ` AND distinct_id = ${params.add(query.distinctId)}`;
  if (query.search) where += ` AND distinct_id ILIKE ${params.contains(query.search)} ESCAPE '\\'`;
  const rows = await run(
    `SELECT distinct_id, count(DISTINCT session_id) AS session_count, ${USAGE_COLUMNS}
     FROM events WHERE ${where} GROUP BY distinct_id
     ORDER BY last_us DESC, distinct_id LIMIT ${query.limit} OFFSET ${query.offset}`,
    params.values,
  );
  return rows.map((row) => {
    const { first_seen, last_seen, ...rest } = usage(row);
    return {
      distinct_id: String(row['distinct_id']),
      first_seen,
      last_seen,
      session_count: toNumber(row['session_count']),
      ...rest,
    };
  });
}
