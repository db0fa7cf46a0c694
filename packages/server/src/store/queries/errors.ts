/** `GET /api/errors`: failed calls (the one error definition) grouped by type, message and model. */
import type { ErrorGroup, ErrorQuery } from '../event-store';
import { microsToIso } from '../event-row';
import { Params, timeRange, toNumber, toNullableString } from '../sql';
import { eventsWithErrors } from './definitions';
import type { RunQuery } from './run-query';

/** Messages longer than this are grouped by their start (ids and timestamps tend to trail). */
const MESSAGE_PREFIX = 300;

export async function queryErrors(
  run: RunQuery,
  project: string,
  query: ErrorQuery,
): Promise<ErrorGroup[]> {
  const params = new Params();
  const projectParam = params.add(project);
  let where = `counted_error${timeRange(params, query)}`;
  if (query.model) where += ` AND model = ${params.add(query.model)}`;
  if (query.serviceName) where += ` AND service_name = ${params.add(query.serviceName)}`;
  const rows = await run(
    `SELECT error_type, left(coalesce(error_message, error, 'unknown error'), ${MESSAGE_PREFIX}) AS message,
       model, count(*) AS count,
       epoch_us(min(timestamp)) AS first_us, epoch_us(max(timestamp)) AS last_us,
       arg_max(trace_id, timestamp) AS example_trace_id,
       arg_max(span_id, timestamp) AS example_span_id, arg_max(uuid, timestamp) AS example_uuid
     FROM ${eventsWithErrors(projectParam)} AS ev WHERE ${where}
     GROUP BY error_type, message, model
     ORDER BY count DESC, last_us DESC LIMIT ${query.limit}`,
    params.values,
  );
  return rows.map((row) => ({
    error_type: toNullableString(row['error_type']),
    message: String(row['message']),
    model: toNullableString(row['model']),
    count: toNumber(row['count']),
    first_seen: microsToIso(row['first_us'] as bigint),
    last_seen: microsToIso(row['last_us'] as bigint),
    example_trace_id: toNullableString(row['example_trace_id']),
    example_span_id: toNullableString(row['example_span_id']),
    example_uuid: String(row['example_uuid']),
  }));
}

/** First and last event of the project: tells "nothing in this range" from "nothing at all". */
export async function queryExtent(
  run: RunQuery,
  project: string,
): Promise<{ first_seen: string | null; last_seen: string | null }> {
  const [row] = await run(
    `SELECT epoch_us(min(timestamp)) AS first_us, epoch_us(max(timestamp)) AS last_us
     FROM events WHERE project = $1`,
    [project],
  );
  const first = row?.['first_us'];
  const last = row?.['last_us'];
  return {
    first_seen: typeof first === 'bigint' ? microsToIso(first) : null,
    last_seen: typeof last === 'bigint' ? microsToIso(last) : null,
  };
}
