import type { TracePage, TraceQuery, TraceRead } from '../../event-store';
import { microsToIso } from '../../event-row';
import {
  ClickHouseParams,
  EVENTS,
  chNumber,
  chNullableString,
  onDays,
  timeRange,
  toMicros,
  traceDays,
  type ClickHouseRunQuery,
} from '../sql';
import {
  SCORE,
  SPAN,
  USAGE_AGGREGATES,
  eventsWithErrors,
  readUsageAggregates,
} from './definitions';
import { queryTraceEventsClickHouse } from './events';
import { SCORE_NAME, queryScoreSummariesClickHouse, queryTraceScoresClickHouse } from './scores';

/**
 * One row per trace, aggregated from its events at query time, as the DuckDB store does:
 * counts, tokens and cost follow the definitions, scores are summarised apart.
 */
export async function queryTracesClickHouse(
  run: ClickHouseRunQuery,
  project: string,
  query: TraceQuery,
  /** The days of `query.traceId`'s events when the caller has read them ({@link traceDays}). */
  knownDays?: readonly string[],
): Promise<TracePage> {
  const days = query.traceId
    ? (knownDays ?? (await traceDays(run, project, query.traceId)))
    : undefined;
  if (days && !days.length) return { results: [] };
  const params = new ClickHouseParams();
  const projectParam = params.add(project);
  let range = timeRange(params, query);
  // One trace: every read (its events, the failed children, its scores) limited to its days.
  const oneTrace = query.traceId
    ? `${onDays(params, days!)} AND trace_id = ${params.add(query.traceId)}`
    : '';
  range += oneTrace;
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
          .map((column) => `${column} ILIKE ${pattern}`)
          .join(' OR ') +
        ` OR ${params.textContains('search_text', query.search)})`,
    );
  }
  // Scores may arrive after the range: their trace is matched whatever the time.
  const scored = query.scoreName
    ? ` AND trace_id IN (SELECT trace_id FROM ${EVENTS} WHERE project = ${projectParam} AND ${SCORE} AND ${SCORE_NAME} = ${params.add(query.scoreName)})`
    : '';
  // Filters on what some event of the trace says pick trace ids first, then whole traces aggregate.
  const subset = matching
    .map(
      (condition) =>
        ` AND trace_id IN (SELECT trace_id FROM ${EVENTS} WHERE project = ${projectParam}${range} AND ${condition})`,
    )
    .join('');
  const having: string[] = [];
  if (query.hasError === true) having.push('countIf(counted_error) > 0');
  if (query.hasError === false) having.push('countIf(counted_error) = 0');
  if (query.cursor) {
    const start = params.add(query.cursor.startMicros.toString(), 'Int64');
    const id = params.add(query.cursor.traceId);
    having.push(`(start_us < ${start} OR (start_us = ${start} AND trace_id < ${id}))`);
  }
  const aggregate = run(
    `SELECT trace_id,
       coalesce(maxIf(trace_name, parent_id IS NULL), max(trace_name),
                argMin(span_name, timestamp)) AS name,
       argMin(distinct_id, timestamp) AS distinct_id,
       max(session_id) AS session_id,
       argMin(service_name, timestamp) AS service_name,
       toUnixTimestamp64Micro(min(timestamp)) AS start_us,
       toUnixTimestamp64Micro(max(coalesce(end_timestamp, timestamp))) AS end_us,
       count() AS span_count,
       ${USAGE_AGGREGATES}
     FROM ${eventsWithErrors(projectParam, oneTrace)} AS ev
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
    ? queryScoreSummariesClickHouse(run, project, [query.traceId], days)
    : undefined;
  const [rows, knownScores] = await Promise.all([aggregate, oneTraceScores]);
  const kept = rows.slice(0, query.limit);
  const scores =
    knownScores ??
    (await queryScoreSummariesClickHouse(
      run,
      project,
      kept.map((row) => String(row['trace_id'])),
      days,
    ));
  const page = kept.map((row) => {
    const startUs = toMicros(row['start_us']);
    const endUs = toMicros(row['end_us']);
    const traceId = String(row['trace_id']);
    const traceScores = scores.get(traceId) ?? [];
    return {
      trace_id: traceId,
      name: chNullableString(row['name']),
      distinct_id: chNullableString(row['distinct_id']),
      session_id: chNullableString(row['session_id']),
      service_name: chNullableString(row['service_name']),
      start_time: microsToIso(startUs),
      end_time: microsToIso(endUs),
      latency: Math.max(0, Number(endUs - startUs) / 1e6),
      span_count: chNumber(row['span_count']),
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

/** The trace detail's reads: the trace's days looked up once, then its reads concurrently. */
export async function queryTraceClickHouse(
  run: ClickHouseRunQuery,
  project: string,
  traceId: string,
): Promise<TraceRead | undefined> {
  const days = await traceDays(run, project, traceId);
  if (!days.length) return undefined;
  // The summary (the slowest read) first: reads take connections in the order they start.
  const [page, events, scores] = await Promise.all([
    queryTracesClickHouse(run, project, { traceId, limit: 1 }, days),
    queryTraceEventsClickHouse(run, project, traceId, days),
    queryTraceScoresClickHouse(run, project, traceId, days),
  ]);
  if (!events.length) return undefined;
  return { summary: page.results[0] ?? null, events, scores };
}
