import type { GenerationQuery, GenerationRow, GenerationSort } from '../../event-store';
import { microsToIso } from '../../event-row';
import {
  ClickHouseParams,
  EVENTS,
  chNullableNumber,
  chNullableString,
  timeRange,
  toMicros,
  type ClickHouseRunQuery,
} from '../sql';
import { GENERATION, INPUT_TOKENS } from './definitions';
import { hasScore } from './scores';

const SORT_COLUMNS: Record<GenerationSort, string> = {
  timestamp: 'timestamp',
  latency: 'latency',
  cost: 'total_cost_usd',
  tokens: `(coalesce(${INPUT_TOKENS}, 0) + coalesce(output_tokens, 0))`,
  ttft: 'ttft',
};

export async function queryGenerationsClickHouse(
  run: ClickHouseRunQuery,
  project: string,
  query: GenerationQuery,
): Promise<GenerationRow[]> {
  const params = new ClickHouseParams();
  let where = `project = ${params.add(project)} AND ${GENERATION}`;
  where += timeRange(params, query);
  if (query.model) where += ` AND model = ${params.add(query.model)}`;
  if (query.provider) where += ` AND provider = ${params.add(query.provider)}`;
  if (query.distinctId) where += ` AND distinct_id = ${params.add(query.distinctId)}`;
  if (query.sessionId) where += ` AND session_id = ${params.add(query.sessionId)}`;
  if (query.traceId) where += ` AND trace_id = ${params.add(query.traceId)}`;
  if (query.serviceName) where += ` AND service_name = ${params.add(query.serviceName)}`;
  if (query.isError !== undefined) where += ` AND is_error = ${query.isError ? 'true' : 'false'}`;
  if (query.search) where += ` AND ${params.textContains('search_text', query.search)}`;
  if (query.score) where += ` AND ${hasScore(params, project, query.score)}`;
  const direction = query.order === 'asc' ? 'ASC' : 'DESC';
  const rows = await run(
    `SELECT uuid, event, toUnixTimestamp64Micro(timestamp) AS ts, trace_id, span_id, parent_id,
       distinct_id, session_id, service_name, span_name, model, provider,
       ${INPUT_TOKENS} AS input_with_cache, output_tokens, cache_read_tokens, cache_creation_tokens,
       reasoning_tokens, usage_estimated, total_cost_usd, cost_error, latency, ttft, is_error, error
     FROM ${EVENTS} WHERE ${where}
     ORDER BY ${SORT_COLUMNS[query.sort]} ${direction} NULLS LAST, timestamp DESC, uuid
     LIMIT ${query.limit} OFFSET ${query.offset}`,
    params.values,
  );
  return rows.map((row) => ({
    uuid: String(row['uuid']),
    event: String(row['event']),
    timestamp: microsToIso(toMicros(row['ts'])),
    trace_id: chNullableString(row['trace_id']),
    span_id: chNullableString(row['span_id']),
    parent_id: chNullableString(row['parent_id']),
    distinct_id: String(row['distinct_id']),
    session_id: chNullableString(row['session_id']),
    service_name: chNullableString(row['service_name']),
    span_name: chNullableString(row['span_name']),
    model: chNullableString(row['model']),
    provider: chNullableString(row['provider']),
    input_tokens: chNullableNumber(row['input_with_cache']),
    output_tokens: chNullableNumber(row['output_tokens']),
    cache_read_input_tokens: chNullableNumber(row['cache_read_tokens']),
    cache_write_input_tokens: chNullableNumber(row['cache_creation_tokens']),
    reasoning_tokens: chNullableNumber(row['reasoning_tokens']),
    usage_estimated: row['usage_estimated'] === true || row['usage_estimated'] === 1,
    total_cost_usd: chNullableNumber(row['total_cost_usd']),
    cost_error: chNullableString(row['cost_error']),
    latency: chNullableNumber(row['latency']),
    time_to_first_token: chNullableNumber(row['ttft']),
    is_error: row['is_error'] === true || row['is_error'] === 1,
    error: chNullableString(row['error']),
  }));
}
