/** Sessions and users: both are groupings of events by an identity column. */
import type { ListQuery, SessionRow, UserRow } from '../event-store';
import { microsToIso } from '../event-row';
import { Params, timeRange, toNumber, toNullableString } from '../sql';
import {
  IDENTIFIED,
  SPAN,
  USAGE_AGGREGATES,
  eventsWithErrors,
  readUsageAggregates,
} from './definitions';
import type { RunQuery } from './run-query';

const USAGE_COLUMNS = `
  epoch_us(min(timestamp)) AS first_us,
  epoch_us(max(coalesce(end_timestamp, timestamp))) AS last_us,
  count(DISTINCT trace_id) AS trace_count,
  ${USAGE_AGGREGATES}`;

function usage(row: Record<string, unknown>) {
  return {
    first_seen: microsToIso(row['first_us'] as bigint),
    last_seen: microsToIso(row['last_us'] as bigint),
    trace_count: toNumber(row['trace_count']),
    ...readUsageAggregates(row),
  };
}

/** Sessions and people are made of spans: a score sent later does not extend them. */
export async function querySessions(
  run: RunQuery,
  project: string,
  query: ListQuery,
): Promise<SessionRow[]> {
  const params = new Params();
  const projectParam = params.add(project);
  let where = `session_id IS NOT NULL AND ${SPAN}${timeRange(params, query)}`;
  if (query.distinctId) where += ` AND distinct_id = ${params.add(query.distinctId)}`;
  if (query.search) where += ` AND session_id ILIKE ${params.contains(query.search)} ESCAPE '\\'`;
  const rows = await run(
    `SELECT session_id, arg_min(distinct_id, timestamp) AS distinct_id, ${USAGE_COLUMNS}
     FROM ${eventsWithErrors(projectParam)} AS ev WHERE ${where} GROUP BY session_id
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
  const projectParam = params.add(project);
  let where = `${SPAN}${timeRange(params, query)}`;
  if (query.distinctId) where += ` AND distinct_id = ${params.add(query.distinctId)}`;
  if (query.search) where += ` AND distinct_id ILIKE ${params.contains(query.search)} ESCAPE '\\'`;
  const having =
    query.anonymous === undefined
      ? ''
      : `HAVING bool_or(${IDENTIFIED}) = ${query.anonymous ? 'false' : 'true'}`;
  const rows = await run(
    `SELECT distinct_id, count(DISTINCT session_id) AS session_count,
       NOT bool_or(${IDENTIFIED}) AS is_anonymous, ${USAGE_COLUMNS}
     FROM ${eventsWithErrors(projectParam)} AS ev WHERE ${where} GROUP BY distinct_id ${having}
     ORDER BY last_us DESC, distinct_id LIMIT ${query.limit} OFFSET ${query.offset}`,
    params.values,
  );
  return rows.map((row) => {
    const { first_seen, last_seen, ...rest } = usage(row);
    return {
      distinct_id: String(row['distinct_id']),
      anonymous: row['is_anonymous'] === true,
      first_seen,
      last_seen,
      session_count: toNumber(row['session_count']),
      ...rest,
    };
  });
}
