/** Scores in ClickHouse SQL: the same name, value, label and text as `../../queries/scores.ts`. */
import { AI_EVALUATION, AI_FEEDBACK, AI_METRIC, P } from '@llm-analytics/core/semconv';
import type { ScoreRow, ScoreSummary } from '../../../api-types';
import { microsToIso } from '../../event-row';
import {
  ClickHouseParams,
  EVENTS,
  chNullableNumber,
  chNullableString,
  chNumber,
  chQuote,
  jsonText,
  onDays,
  toMicros,
  type ClickHouseRunQuery,
} from '../sql';
import { SCORE } from './definitions';

const isEvent = (name: string) => `event = ${chQuote(name)}`;

export const SCORE_NAME = `multiIf(
  ${isEvent(AI_FEEDBACK)}, 'feedback',
  ${isEvent(AI_METRIC)}, coalesce(${jsonText(P.metricName)}, 'metric'),
  coalesce(${jsonText(P.evaluationName)}, 'evaluation'))`;

const NOT_APPLICABLE = `ifNull(${jsonText(P.evaluationApplicable)} = 'false', false)`;
const METRIC_NUMBER = `toFloat64OrNull(${jsonText(P.metricValue)})`;
const EVALUATION_RESULT = jsonText(P.evaluationResult);

export const SCORE_VALUE = `multiIf(
  ${isEvent(AI_METRIC)}, ${METRIC_NUMBER},
  ${isEvent(AI_EVALUATION)} AND ${NOT_APPLICABLE}, NULL,
  ${isEvent(AI_EVALUATION)}, coalesce(toFloat64OrNull(${jsonText(P.evaluationNumericResult)}),
    multiIf(${EVALUATION_RESULT} = 'true', 1.0, ${EVALUATION_RESULT} = 'false', 0.0, NULL)),
  NULL)`;

export const SCORE_LABEL = `multiIf(
  ${isEvent(AI_METRIC)} AND ${METRIC_NUMBER} IS NULL, ${jsonText(P.metricValue)},
  ${isEvent(AI_EVALUATION)} AND ${NOT_APPLICABLE}, 'n/a',
  ${isEvent(AI_EVALUATION)},
    multiIf(${EVALUATION_RESULT} = 'true', 'pass', ${EVALUATION_RESULT} = 'false', 'fail', NULL),
  NULL)`;

/**
 * Generations a score of this name (with this label, when given) is about, by the one rule of
 * the DuckDB twin (its event or its span): the Generations filter on scores and evaluations.
 */
export function hasScore(
  params: ClickHouseParams,
  project: string,
  score: { name: string; label?: string },
): string {
  const { name, label } = score;
  const scores = `FROM ${EVENTS} WHERE project = ${params.add(project)} AND ${SCORE}
      AND ${SCORE_NAME} = ${params.add(name)}${label === undefined ? '' : ` AND ${SCORE_LABEL} = ${params.add(label)}`}`;
  return `(uuid IN (SELECT ${jsonText(P.targetEventId)} ${scores})
    OR (trace_id, span_id) IN (SELECT trace_id, coalesce(span_id, parent_id) ${scores}))`;
}

const SCORE_TEXT = `multiIf(
  ${isEvent(AI_FEEDBACK)}, ${jsonText(P.feedbackText)},
  ${isEvent(AI_EVALUATION)}, ${jsonText(P.evaluationReasoning)},
  NULL)`;

/** Every score of one trace, oldest first. */
export async function queryTraceScoresClickHouse(
  run: ClickHouseRunQuery,
  project: string,
  traceId: string,
  /** The days of the trace's events (`traceDays`): a key range to read. */
  days: readonly string[],
): Promise<ScoreRow[]> {
  const params = new ClickHouseParams();
  const rows = await run(
    `SELECT uuid, event, toUnixTimestamp64Micro(timestamp) AS ts, trace_id, distinct_id,
       coalesce(span_id, parent_id) AS target_span_id, ${jsonText(P.targetEventId)} AS target_event_id,
       ${SCORE_NAME} AS name, ${SCORE_VALUE} AS value, ${SCORE_LABEL} AS label, ${SCORE_TEXT} AS text
     FROM ${EVENTS}
     WHERE project = ${params.add(project)}${onDays(params, days)} AND trace_id = ${params.add(traceId)} AND ${SCORE}
     ORDER BY timestamp, uuid LIMIT 1000`,
    params.values,
  );
  return rows.map((row) => ({
    uuid: String(row['uuid']),
    event: String(row['event']),
    timestamp: microsToIso(toMicros(row['ts'])),
    trace_id: chNullableString(row['trace_id']),
    distinct_id: String(row['distinct_id']),
    target_span_id: chNullableString(row['target_span_id']),
    target_event_id: chNullableString(row['target_event_id']),
    name: String(row['name']),
    value: chNullableNumber(row['value']),
    label: chNullableString(row['label']),
    text: chNullableString(row['text']),
  }));
}

/** Scores of these traces summarised by name, whatever the range (feedback comes later). */
export async function queryScoreSummariesClickHouse(
  run: ClickHouseRunQuery,
  project: string,
  traceIds: readonly string[],
  /** The days of these traces' events, when known (`traceDays`): a key range to read. */
  days?: readonly string[],
): Promise<Map<string, ScoreSummary[]>> {
  const byTrace = new Map<string, ScoreSummary[]>();
  if (!traceIds.length) return byTrace;
  const params = new ClickHouseParams();
  const rows = await run(
    `SELECT trace_id, ${SCORE_NAME} AS name, count() AS count, avg(${SCORE_VALUE}) AS average
     FROM ${EVENTS}
     WHERE project = ${params.add(project)}${days ? onDays(params, days) : ''} AND ${SCORE}
       AND trace_id IN ${params.add([...traceIds], 'Array(String)')}
     GROUP BY trace_id, name ORDER BY trace_id, name`,
    params.values,
  );
  for (const row of rows) {
    const traceId = String(row['trace_id']);
    const list = byTrace.get(traceId) ?? [];
    list.push({
      name: String(row['name']),
      count: chNumber(row['count']),
      average: chNullableNumber(row['average']),
    });
    byTrace.set(traceId, list);
  }
  return byTrace;
}
