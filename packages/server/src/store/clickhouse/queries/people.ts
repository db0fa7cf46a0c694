/** Sessions and users: both are groupings of events by an identity column. */
import type { ListQuery, SessionRow, UserRow } from '../../event-store';
import { microsToIso } from '../../event-row';
import {
  ClickHouseParams,
  chNumber,
  chNullableString,
  timeRange,
  toMicros,
  type ClickHouseRunQuery,
} from '../sql';
import {
  IDENTIFIED,
  SPAN,
  USAGE_AGGREGATES,
  eventsWithErrors,
  readUsageAggregates,
} from './definitions';

const USAGE_COLUMNS = `
  toUnixTimestamp64Micro(min(timestamp)) AS first_us,
  toUnixTimestamp64Micro(max(coalesce(end_timestamp, timestamp))) AS last_us,
  uniqExact(trace_id) AS trace_count,
  ${USAGE_AGGREGATES}`;

function usage(row: Record<string, unknown>) {
  return {
    first_seen: microsToIso(toMicros(row['first_us'])),
    last_seen: microsToIso(toMicros(row['last_us'])),
    trace_count: chNumber(row['trace_count']),
    ...readUsageAggregates(row),
  };
}

/** Sessions and people are made of spans: a score sent later does not extend them. */
export async function querySessionsClickHouse(
  run: ClickHouseRunQuery,
  project: string,
  query: ListQuery,
): Promise<SessionRow[]> {
  const params = new ClickHouseParams();
  const projectParam = params.add(project);
  let where = `session_id IS NOT NULL AND ${SPAN}${timeRange(params, query)}`;
  if (query.distinctId) where += ` AND distinct_id = ${params.add(query.distinctId)}`;
  if (query.search) where += ` AND session_id ILIKE ${params.contains(query.search)}`;
  const rows = await run(
    `SELECT session_id, argMin(distinct_id, timestamp) AS distinct_id, ${USAGE_COLUMNS}
     FROM ${eventsWithErrors(projectParam)} AS ev WHERE ${where} GROUP BY session_id
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
  const projectParam = params.add(project);
  let where = `${SPAN}${timeRange(params, query)}`;
  if (query.distinctId) where += ` AND distinct_id = ${params.add(query.distinctId)}`;
  if (query.search) where += ` AND distinct_id ILIKE ${params.contains(query.search)}`;
  // Anonymous: no event of the id is identified.
  const having =
    query.anonymous === undefined
      ? ''
      : `HAVING max(${IDENTIFIED}) = ${query.anonymous ? '0' : '1'}`;
  const rows = await run(
    `SELECT distinct_id, uniqExact(session_id) AS session_count,
       toBool(max(${IDENTIFIED}) = 0) AS is_anonymous, ${USAGE_COLUMNS}
     FROM ${eventsWithErrors(projectParam)} AS ev WHERE ${where} GROUP BY distinct_id ${having}
     ORDER BY last_us DESC, distinct_id LIMIT ${query.limit} OFFSET ${query.offset}`,
    params.values,
  );
  return rows.map((row) => {
    const { first_seen, last_seen, ...rest } = usage(row);
    return {
      distinct_id: String(row['distinct_id']),
      anonymous: row['is_anonymous'] === true || row['is_anonymous'] === 1,
      first_seen,
      last_seen,
      session_count: chNumber(row['session_count']),
      ...rest,
    };
  });
}
