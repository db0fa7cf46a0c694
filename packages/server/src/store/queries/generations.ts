import type { GenerationQuery, GenerationRow, GenerationSort } from '../event-store';
import { microsToIso } from '../event-row';
import { Params, timeRange, toNullableNumber, toNullableString } from '../sql';
import { GENERATION, INPUT_TOKENS } from './definitions';
import type { RunQuery } from './run-query';
import { hasScore } from './scores';

const SORT_COLUMNS: Record<GenerationSort, string> = {
  timestamp: 'timestamp',
  latency: 'latency',
  cost: 'total_cost_usd',
  tokens: `(coalesce(${INPUT_TOKENS}, 0) + coalesce(output_tokens, 0))`,
  ttft: 'ttft',
};

export async function queryGenerations(
  run: RunQuery,
  project: string,
  query: GenerationQuery,
): Promise<GenerationRow[]> {
  const params = new Params();
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
    `SELECT uuid, event, epoch_us(timestamp) AS ts, trace_id, span_id, parent_id, distinct_id,
       session_id, service_name, span_name, model, provider, ${INPUT_TOKENS} AS input_with_cache,
       output_tokens, cache_read_tokens, cache_creation_tokens, reasoning_tokens, usage_estimated,
       total_cost_usd, cost_error, latency, ttft, is_error, error
     FROM events WHERE ${where}
     ORDER BY ${SORT_COLUMNS[query.sort]} ${direction} NULLS LAST, timestamp DESC, uuid
     LIMIT ${query.limit} OFFSET ${query.offset}`,
    params.values,
  );
  return rows.map((row) => ({
    uuid: String(row['uuid']),
    event: String(row['event']),
    timestamp: microsToIso(row['ts'] as bigint),
    trace_id: toNullableString(row['trace_id']),
    span_id: toNullableString(row['span_id']),
    parent_id: toNullableString(row['parent_id']),
    distinct_id: String(row['distinct_id']),
    session_id: toNullableString(row['session_id']),
    service_name: toNullableString(row['service_name']),
    span_name: toNullableString(row['span_name']),
    model: toNullableString(row['model']),
    provider: toNullableString(row['provider']),
    input_tokens: toNullableNumber(row['input_with_cache']),
    output_tokens: toNullableNumber(row['output_tokens']),
    cache_read_input_tokens: toNullableNumber(row['cache_read_tokens']),
    cache_write_input_tokens: toNullableNumber(row['cache_creation_tokens']),
    reasoning_tokens: toNullableNumber(row['reasoning_tokens']),
    usage_estimated: row['usage_estimated'] === true,
    total_cost_usd: toNullableNumber(row['total_cost_usd']),
    cost_error: toNullableString(row['cost_error']),
    latency: toNullableNumber(row['latency']),
    time_to_first_token: toNullableNumber(row['ttft']),
    is_error: row['is_error'] === true,
    error: toNullableString(row['error']),
  }));
}
