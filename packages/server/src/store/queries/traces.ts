import type { TracePage, TraceQuery, TraceRead } from '../event-store';
import { microsToIso } from '../event-row';
import { Params, timeRange, toNumber, toNullableString } from '../sql';
import {
  SCORE,
  SPAN,
  USAGE_AGGREGATES,
  eventsWithErrors,
  readUsageAggregates,
} from './definitions';
import type { RunQuery } from './run-query';
import { TRACE_ROWS, withTraceRows } from './trace-rows';
import { queryTraceEvents } from './events';
import { SCORE_NAME, queryScoreSummaries, queryTraceScores } from './scores';

/**
 * One row per trace, aggregated from its events at query time (no second table to keep in
 * sync). The time range selects events, so a trace is summarised from its events in range.
 * Counts, tokens and cost follow `definitions.ts`; scores are summarised apart (they are
 * not spans, and feedback arriving later must not stretch the trace's time).
 */
export async function queryTraces(
  run: RunQuery,
  project: string,
  query: TraceQuery,
): Promise<TracePage> {
  const params = new Params();
  const projectParam = params.add(project);
  const range = timeRange(params, query);
  // One trace (the trace detail): its rows by the trace-id index, not a scan of the project.
  const traceRows = query.traceId ? withTraceRows(params.add(query.traceId)) : '';
  const matching: string[] = [];
  if (query.distinctId) matching.push(`distinct_id = ${params.add(query.distinctId)}`);
  if (query.sessionId) matching.push(`session_id = ${params.add(query.sessionId)}`);
  if (query.serviceName) matching.push(`service_name = ${params.add(query.serviceName)}`);
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
  // Scores may arrive after the range: their trace is matched whatever the time.
  const scored = query.scoreName
    ? ` AND trace_id IN (SELECT trace_id FROM events WHERE project = ${projectParam} AND ${SCORE} AND ${SCORE_NAME} = ${params.add(query.scoreName)})`
    : '';
  // Filters on what some event of the trace says pick trace ids first, then whole traces aggregate.
  const subset = matching
    .map(
      (condition) =>
        ` AND trace_id IN (SELECT trace_id FROM events WHERE project = ${projectParam}${range} AND ${condition})`,
    )
    .join('');
  const having: string[] = [];
  if (query.hasError === true) having.push('count(*) FILTER (WHERE counted_error) > 0');
  if (query.hasError === false) having.push('count(*) FILTER (WHERE counted_error) = 0');
  if (query.cursor) {
    const start = params.add(query.cursor.startMicros);
    const id = params.add(query.cursor.traceId);
    having.push(
      `(epoch_us(min(timestamp)) < ${start} OR (epoch_us(min(timestamp)) = ${start} AND trace_id < ${id}))`,
    );
  }
  const aggregate = run(
    `${traceRows}SELECT trace_id,
       coalesce(max(trace_name) FILTER (WHERE parent_id IS NULL), max(trace_name),
                arg_min(span_name, timestamp)) AS name,
       arg_min(distinct_id, timestamp) AS distinct_id,
       max(session_id) AS session_id,
       arg_min(service_name, timestamp) AS service_name,
       epoch_us(min(timestamp)) AS start_us,
       epoch_us(max(coalesce(end_timestamp, timestamp))) AS end_us,
       count(*) AS span_count,
       ${USAGE_AGGREGATES}
     FROM ${eventsWithErrors(projectParam, traceRows ? TRACE_ROWS : 'events')} AS ev
     WHERE trace_id IS NOT NULL AND ${SPAN}${range}${subset}${scored}
     GROUP BY trace_id
     ${having.length ? `HAVING ${having.join(' AND ')}` : ''}
     ORDER BY start_us DESC, trace_id DESC
     LIMIT ${query.limit + 1}`,
    params.values,
  );
  // One trace: its score summary does not wait for the aggregate (the trace id is known),
  // and is queued after it, so that the longest read is the first to get a connection.
  const oneTraceScores = query.traceId
    ? queryScoreSummaries(run, project, [query.traceId])
    : undefined;
  const [rows, knownScores] = await Promise.all([aggregate, oneTraceScores]);
  const kept = rows.slice(0, query.limit);
  const scores =
    knownScores ??
    (await queryScoreSummaries(
      run,
      project,
      kept.map((row) => String(row['trace_id'])),
    ));
  const page = kept.map((row) => {
    const startUs = row['start_us'] as bigint;
    const endUs = row['end_us'] as bigint;
    const traceId = String(row['trace_id']);
    const traceScores = scores.get(traceId) ?? [];
    return {
      trace_id: traceId,
      name: toNullableString(row['name']),
      distinct_id: toNullableString(row['distinct_id']),
      session_id: toNullableString(row['session_id']),
      service_name: toNullableString(row['service_name']),
      start_time: microsToIso(startUs),
      end_time: microsToIso(endUs),
      latency: Math.max(0, Number(endUs - startUs) / 1e6),
      span_count: toNumber(row['span_count']),
      ...readUsageAggregates(row),
      score_count: traceScores.reduce((sum, score) => sum + score.count, 0),
      feedback_count: traceScores.find((score) => score.name === 'feedback')?.count ?? 0,
      scores: traceScores,
      startUs,
    };
  });
  const last = page[page.length - 1];
  const result: TracePage = { results: page.map(({ startUs: _startUs, ...summary }) => summary) };
  if (rows.length > query.limit && last)
    result.next = { startMicros: last.startUs, traceId: last.trace_id };
  return result;
}

/** The trace detail's reads, run concurrently (the store has more than one read connection). */
export async function queryTrace(
  run: RunQuery,
  project: string,
  traceId: string,
): Promise<TraceRead | undefined> {
  // The summary (the slowest read) first: reads take connections in the order they start.
  const [page, events, scores] = await Promise.all([
    queryTraces(run, project, { traceId, limit: 1 }),
    queryTraceEvents(run, project, traceId),
    queryTraceScores(run, project, traceId),
  ]);
  if (!events.length) return undefined;
  return { summary: page.results[0] ?? null, events, scores };
}
