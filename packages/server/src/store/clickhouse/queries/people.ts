/** Sessions and users: both are groupings of events by an identity column. */
import type { ListQuery, SessionRow, UserRow } from '../../event-store';
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

const USAGE_COLUMNS = `
  toUnixTimestamp64Micro(min(timestamp)) AS first_us,
  toUnixTimestamp64Micro(max(coalesce(end_timestamp, timestamp))) AS last_us,
  uniqExact(trace_id) AS trace_count,
  countIf(${MODEL_CALL}) AS generation_count,
  toFloat64(coalesce(sumIf(input_tokens, ${MODEL_CALL}), 0)) AS input_tokens,
  toFloat64(coalesce(sumIf(output_tokens, ${MODEL_CALL}), 0)) AS output_tokens,
  coalesce(sum(total_cost_usd), 0) AS total_cost_usd,
  countIf(is_error) AS error_count`;

function usage(row: Record<string, unknown>) {
  return {
    first_seen: microsToIso(toMicros(row['first_us'])),
    last_seen: microsToIso(toMicros(row['last_us'])),
    trace_count: chNumber(row['trace_count']),
    generation_count: chNumber(row['generation_count']),
    input_tokens: chNumber(row['input_tokens']),
    output_tokens: chNumber(row['output_tokens']),
    total_cost_usd: chNumber(row['total_cost_usd']),
    error_count: chNumber(row['error_count']),
  };
}

export async function querySessionsClickHouse(
  run: ClickHouseRunQuery,
  project: string,
  query: ListQuery,
): Promise<SessionRow[]> {
  const params = new ClickHouseParams();
  let where = `project = ${params.add(project)} AND session_id IS NOT NULL${timeRange(params, query)}`;
  if (query.distinctId) where += ` AND distinct_id = ${params.add(query.distinctId)}`;
  if (query.search) where += ` AND session_id ILIKE ${params.contains(query.search)}`;
  const rows = await run(
    `SELECT session_id, argMin(distinct_id, timestamp) AS distinct_id, ${USAGE_COLUMNS}
     FROM ${EVENTS} WHERE ${where} GROUP BY session_id
     ORDER BY last_us DESC, session_id LIMIT ${query.limit} OFFSET ${query.offset}`,
    params.values,
  );
  return rows.map((row) => ({
    session_id: String(row['session_id']),
    distinct_id: chNullableString(row['distinct_id']),
    ...usage(row),
  }));
}

export async function queryUsersClickHouse(
  run: ClickHouseRunQuery,
  project: string,
  query: ListQuery,
): Promise<UserRow[]> {
  const params = new ClickHouseParams();
  let where = `project = ${params.add(project)}${timeRange(params, query)}`;
  if (query.distinctId) where += ` AND distinct_id = ${params.add(query.distinctId)}`;
  if (query.search) where += ` AND distinct_id ILIKE ${params.contains(query.search)}`;
  const rows = await run(
    `SELECT distinct_id, uniqExact(session_id) AS session_count, ${USAGE_COLUMNS}
     FROM ${EVENTS} WHERE ${where} GROUP BY distinct_id
     ORDER BY last_us DESC, distinct_id LIMIT ${query.limit} OFFSET ${query.offset}`,
    params.values,
  );
  return rows.map((row) => {
    const { first_seen, last_seen, ...rest } = usage(row);
    return {
      distinct_id: String(row['distinct_id']),
      first_seen,
      last_seen,
      session_count: chNumber(row['session_count']),
      ...rest,
    };
  });
}
