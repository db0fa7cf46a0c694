/**
 * Scores: `$ai_feedback`, `$ai_metric` and `$ai_evaluation` events read as one shape (name,
 * numeric value, label, text), with PostHog's property names:
 * - feedback: name "feedback", text `$ai_feedback_text`;
 * - metric: name `$ai_metric_name`; `$ai_metric_value` is the value when it reads as a number
 *   (posthog-js sends it as a string), else the label;
 * - evaluation: name `$ai_evaluation_name`; `$ai_evaluation_result` true / false is the value
 *   1 / 0 and the label "pass" / "fail", `$ai_evaluation_applicable: false` is "n/a" with no
 *   value, `$ai_evaluation_numeric_result` is the value of numeric evaluations; text is
 *   `$ai_evaluation_reasoning`.
 * A score is about a generation when it names its span (`$ai_span_id`, else `$ai_parent_id`)
 * or its event (`$ai_target_event_id`).
 */
import { listValue } from '@duckdb/node-api';
import { AI_EVALUATION, AI_FEEDBACK, AI_METRIC, P } from '@llm-analytics/core/semconv';
import type { ScoreRow, ScoreSummary } from '../../api-types';
import { microsToIso } from '../event-row';
import { Params, toNullableNumber, toNullableString, toNumber } from '../sql';
import { SCORE } from './definitions';
import type { RunQuery } from './run-query';
import { TRACE_ROWS, withTraceRows } from './trace-rows';

const prop = (key: string) => `json_extract_string(properties, '$."${key}"')`;
const isEvent = (name: string) => `event = '${name}'`;

export const SCORE_NAME = `CASE
  WHEN ${isEvent(AI_FEEDBACK)} THEN 'feedback'
  WHEN ${isEvent(AI_METRIC)} THEN coalesce(${prop(P.metricName)}, 'metric')
  ELSE coalesce(${prop(P.evaluationName)}, 'evaluation') END`;

const NOT_APPLICABLE = `${prop(P.evaluationApplicable)} = 'false'`;

export const SCORE_VALUE = `CASE
  WHEN ${isEvent(AI_METRIC)} THEN TRY_CAST(${prop(P.metricValue)} AS DOUBLE)
  WHEN ${isEvent(AI_EVALUATION)} AND ${NOT_APPLICABLE} THEN NULL
  WHEN ${isEvent(AI_EVALUATION)} THEN coalesce(
    TRY_CAST(${prop(P.evaluationNumericResult)} AS DOUBLE),
    CASE ${prop(P.evaluationResult)} WHEN 'true' THEN 1.0 WHEN 'false' THEN 0.0 END)
  END`;

export const SCORE_LABEL = `CASE
  WHEN ${isEvent(AI_METRIC)} AND TRY_CAST(${prop(P.metricValue)} AS DOUBLE) IS NULL
    THEN ${prop(P.metricValue)}
  WHEN ${isEvent(AI_EVALUATION)} AND ${NOT_APPLICABLE} THEN 'n/a'
  WHEN ${isEvent(AI_EVALUATION)} THEN
    CASE ${prop(P.evaluationResult)} WHEN 'true' THEN 'pass' WHEN 'false' THEN 'fail' END
  END`;

const SCORE_TEXT = `CASE
  WHEN ${isEvent(AI_FEEDBACK)} THEN ${prop(P.feedbackText)}
  WHEN ${isEvent(AI_EVALUATION)} THEN ${prop(P.evaluationReasoning)}
  END`;

/**
 * Generations a score of this name (with this label, when given) is about, by the one rule
 * above (its event or its span): the Generations filter on scores and evaluation results.
 * Used in a WHERE over `events` (the generations).
 */
export function hasScore(
  params: Params,
  project: string,
  score: { name: string; label?: string },
): string {
  const { name, label } = score;
  return `EXISTS (SELECT 1 FROM events AS score
    WHERE score.project = ${params.add(project)} AND ${SCORE}
      AND ${SCORE_NAME} = ${params.add(name)}${label === undefined ? '' : ` AND ${SCORE_LABEL} = ${params.add(label)}`}
      AND (${prop(P.targetEventId)} = events.uuid
        OR (score.trace_id = events.trace_id AND coalesce(score.span_id, score.parent_id) = events.span_id)))`;
}

/** Every score of one trace, oldest first. */
export async function queryTraceScores(
  run: RunQuery,
  project: string,
  traceId: string,
): Promise<ScoreRow[]> {
  const rows = await run(
    `${withTraceRows('$2')}SELECT uuid, event, epoch_us(timestamp) AS ts, trace_id, distinct_id,
       coalesce(span_id, parent_id) AS target_span_id, ${prop(P.targetEventId)} AS target_event_id,
       ${SCORE_NAME} AS name, ${SCORE_VALUE} AS value, ${SCORE_LABEL} AS label, ${SCORE_TEXT} AS text
     FROM ${TRACE_ROWS} WHERE project = $1 AND ${SCORE}
     ORDER BY timestamp, uuid LIMIT 1000`,
    [project, traceId],
  );
  return rows.map((row) => ({
    uuid: String(row['uuid']),
    event: String(row['event']),
    timestamp: microsToIso(row['ts'] as bigint),
    trace_id: toNullableString(row['trace_id']),
    distinct_id: String(row['distinct_id']),
    target_span_id: toNullableString(row['target_span_id']),
    target_event_id: toNullableString(row['target_event_id']),
    name: String(row['name']),
    value: toNullableNumber(row['value']),
    label: toNullableString(row['label']),
    text: toNullableString(row['text']),
  }));
}

/** Scores of these traces summarised by name, whatever the range (feedback comes later). */
export async function queryScoreSummaries(
  run: RunQuery,
  project: string,
  traceIds: readonly string[],
): Promise<Map<string, ScoreSummary[]>> {
  const byTrace = new Map<string, ScoreSummary[]>();
  if (!traceIds.length) return byTrace;
  const params = new Params();
  const projectParam = params.add(project);
  // One trace (the trace detail) is a point read; a page of traces filters a scan.
  const [prefix, source, traceFilter] =
    traceIds.length === 1
      ? [withTraceRows(params.add(traceIds[0]!)), TRACE_ROWS, '']
      : [
          '',
          'events',
          ` AND trace_id IN (SELECT unnest(${params.add(listValue([...traceIds]))}::VARCHAR[]))`,
        ];
  const rows = await run(
    `${prefix}SELECT trace_id, ${SCORE_NAME} AS name, count(*) AS count, avg(${SCORE_VALUE}) AS average
     FROM ${source}
     WHERE project = ${projectParam} AND ${SCORE}${traceFilter}
     GROUP BY trace_id, name ORDER BY trace_id, name`,
    params.values,
  );
  for (const row of rows) {
    const traceId = String(row['trace_id']);
    const list = byTrace.get(traceId) ?? [];
    list.push({
      name: String(row['name']),
      count: toNumber(row['count']),
      average: toNullableNumber(row['average']),
    });
    byTrace.set(traceId, list);
  }
  return byTrace;
}
