import type { TracePage, TraceQuery } from '../event-store';
import { microsToIso } from '../event-row';
import { MODEL_CALL, Params, timeRange, toNumber, toNullableString } from '../sql';
import type { RunQuery } from './run-query';

/**
 * One row per trace, aggregated from its events at query time (no second table to keep in
 * sync). The time range selects events, so a trace is summarised from its events in range.
 * Tokens and cost count model calls only: outer spans carry their children's sums.
 */
export async function queryTraces(
  run: RunQuery,
  project: string,
  query: TraceQuery,
): Promise<TracePage> {
  const params = new Params();
  const projectParam = params.add(project);
  let range = timeRange(params, query);
  if (query.traceId) range += ` AND trace_id = ${params.add(query.traceId)}`;
  const matching: string[] = [];
  if (query.distinctId) matching.push(`distinct_id = ${params.add(query.distinctId)}`);
  if (query.sessionId) matching.push(`session_id = ${params.add(query.sessionId)}`);
  if (query.search) {
    const exact = params.add(query.search);
    const pattern = params.contains(query.search);
    matching.push(
      `(trace_id = ${exact} OR ` +
        ['trace_name', 'span_name', 'distinct_id', 'model']
          .map((column) => `${column} ILIKE ${pattern} ESCAPE '\\'`)
          .join(' OR ') +
        ` OR ${params.textContains('search_text', query.search)})`,
    );
  }
  // Filters on what some event of the trace says pick trace ids first, then whole traces aggregate.
  const subset = matching
    .map(
      (condition) =>
        ` AND trace_id IN (SELECT trace_id FROM events WHERE project = ${projectParam}${range} AND ${condition})`,
    )
    .join('');
  const having: string[] = [];
  if (query.hasError === true) having.push('count(*) FILTER (WHERE is_error) > 0');
  if (query.hasError === false) having.push('count(*) FILTER (WHERE is_error) = 0');
  if (query.cursor) {
    const start = params.add(query.cursor.startMicros);
    const id = params.add(query.cursor.traceId);
    having.push(
      `(epoch_us(min(timestamp)) < ${start} OR (epoch_us(min(timestamp)) = ${start} AND trace_id < ${id}))`,
    );
  }
  const rows = await run(
    `SELECT trace_id,
       coalesce(max(trace_name) FILTER (WHERE parent_id IS NULL), max(trace_name),
                arg_min(span_name, timestamp)) AS name,
       arg_min(distinct_id, timestamp) AS distinct_id,
       max(session_id) AS session_id,
       epoch_us(min(timestamp)) AS start_us,
       epoch_us(max(coalesce(end_timestamp, timestamp))) AS end_us,
       count(*) AS span_count,
       count(*) FILTER (WHERE ${MODEL_CALL}) AS generation_count,
       coalesce(sum(input_tokens) FILTER (WHERE ${MODEL_CALL}), 0)::DOUBLE AS input_tokens,
       coalesce(sum(output_tokens) FILTER (WHERE ${MODEL_CALL}), 0)::DOUBLE AS output_tokens,
       coalesce(sum(total_cost_usd), 0) AS total_cost_usd,
       count(*) FILTER (WHERE is_error) AS error_count
     FROM events
     WHERE project = ${projectParam} AND trace_id IS NOT NULL${range}${subset}
     GROUP BY trace_id
     ${having.length ? `HAVING ${having.join(' AND ')}` : ''}
     ORDER BY start_us DESC, trace_id DESC
     LIMIT ${query.limit + 1}`,
    params.values,
  );
  const page = rows.slice(0, query.limit).map((row) => {
    const startUs = row['start_us'] as bigint;
    const endUs = row['end_us'] as bigint;
    return {
      trace_id: String(row['trace_id']),
      name: toNullableString(row['name']),
      distinct_id: toNullableString(row['distinct_id']),
      session_id: toNullableString(row['session_id']),
      start_time: microsToIso(startUs),
      end_time: microsToIso(endUs),
      latency: Math.max(0, Number(endUs - startUs) / 1e6),
      span_count: toNumber(row['span_count']),
      generation_count: toNumber(row['generation_count']),
      input_tokens: toNumber(row['input_tokens']),
      output_tokens: toNumber(row['output_tokens']),
      total_cost_usd: toNumber(row['total_cost_usd']),
      error_count: toNumber(row['error_count']),
      startUs,
    };
  });
  const last = page[page.length - 1];
  const result: TracePage = { results: page.map(({ startUs: _startUs, ...summary }) => summary) };
  if (rows.length > query.limit && last)
    result.next = { startMicros: last.startUs, traceId: last.trace_id };
  return result;
}
