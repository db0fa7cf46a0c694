/** `GET /api/errors` and `GET /api/extent` in ClickHouse SQL, as `../../queries/errors.ts`. */
import type { DataExtent, ErrorGroup, ErrorQuery } from '../../event-store';
import { microsToIso } from '../../event-row';
import {
  ClickHouseParams,
  EVENTS,
  chNumber,
  chNullableString,
  timeRange,
  toMicros,
  type ClickHouseRunQuery,
} from '../sql';
import { eventsWithErrors } from './definitions';

/** Messages longer than this are grouped by their start (ids and timestamps tend to trail). */
const MESSAGE_PREFIX = 300;

export async function queryErrorsClickHouse(
  run: ClickHouseRunQuery,
  project: string,
  query: ErrorQuery,
): Promise<ErrorGroup[]> {
  const params = new ClickHouseParams();
  const projectParam = params.add(project);
  let where = `counted_error${timeRange(params, query)}`;
  if (query.model) where += ` AND model = ${params.add(query.model)}`;
  if (query.serviceName) where += ` AND service_name = ${params.add(query.serviceName)}`;
  const rows = await run(
    `SELECT error_type,
       substringUTF8(coalesce(error_message, error, 'unknown error'), 1, ${MESSAGE_PREFIX}) AS message,
       model, count() AS count,
       toUnixTimestamp64Micro(min(timestamp)) AS first_us,
       toUnixTimestamp64Micro(max(timestamp)) AS last_us,
       argMax(trace_id, timestamp) AS example_trace_id,
       argMax(span_id, timestamp) AS example_span_id, argMax(uuid, timestamp) AS example_uuid
     FROM ${eventsWithErrors(projectParam)} AS ev WHERE ${where}
     GROUP BY error_type, message, model
     ORDER BY count DESC, last_us DESC LIMIT ${query.limit}`,
    params.values,
  );
  return rows.map((row) => ({
    error_type: chNullableString(row['error_type']),
    message: String(row['message']),
    model: chNullableString(row['model']),
    count: chNumber(row['count']),
    first_seen: microsToIso(toMicros(row['first_us'])),
    last_seen: microsToIso(toMicros(row['last_us'])),
    example_trace_id: chNullableString(row['example_trace_id']),
    example_span_id: chNullableString(row['example_span_id']),
    example_uuid: String(row['example_uuid']),
  }));
}

/** First and last event of the project: tells "nothing in this range" from "nothing at all". */
export async function queryExtentClickHouse(
  run: ClickHouseRunQuery,
  project: string,
): Promise<DataExtent> {
  const params = new ClickHouseParams();
  // `count()` tells an empty project apart: min/max of no rows give the epoch, not NULL.
  const [row] = await run(
    `SELECT count() AS n, toUnixTimestamp64Micro(min(timestamp)) AS first_us,
       toUnixTimestamp64Micro(max(timestamp)) AS last_us
     FROM ${EVENTS} WHERE project = ${params.add(project)}`,
    params.values,
  );
  if (!row || chNumber(row['n']) === 0) return { first_seen: null, last_seen: null };
  return {
    first_seen: microsToIso(toMicros(row['first_us'])),
    last_seen: microsToIso(toMicros(row['last_us'])),
  };
}
