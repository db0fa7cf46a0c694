/**
 * What every number of the read API means, defined once and used by every view (traces,
 * generations, sessions, users, dashboard, errors). Each definition is said in words first;
 * the SQL below it is DuckDB over the `events` table and is what a ClickHouse store ports.
 *
 * - Generation: an `$ai_generation` event. Embeddings (`$ai_embedding`) are counted apart.
 * - Model call: a generation or an embedding. Only model calls carry tokens and cost: outer
 *   spans sum their children and are never counted again.
 * - Score: an `$ai_feedback`, `$ai_metric` or `$ai_evaluation` event. A score belongs to its
 *   trace (and to a generation when it names its span or event), and is never a span.
 * - Span: any other event of a trace (generation, embedding, span, trace): a tree node.
 * - Error: one per failure. A failed event counts unless (a) it is a demoted duplicate of
 *   another span's model call (`$ai_duplicate_of`), or (b) one of its children failed too:
 *   that is the same failure propagating up (a failed call fails its `generateText` wrapper).
 * - Input tokens: with cached tokens included, for every provider (`$ai_input_tokens` plus
 *   cache read and cache write when the event says, or the provider's convention implies,
 *   that the count leaves them out). Cache read and cache write are also reported apart.
 * - Cost: the sum of the model calls' `$ai_total_cost_usd`, and unknown (null) as soon as
 *   one call is unpriced. Unpriced: a model call without a cost, except a failed call that
 *   reports no usage at all (a rejected request is not billed). The partial sum of the
 *   priced calls and the number of unpriced ones are given alongside, with the reasons.
 * - Identified user: a distinct id with at least one event that does not carry
 *   `$process_person_profile: false`; the others are anonymous (ids derived per trace or
 *   session by instrumentation that knew no user).
 */
import {
  AI_EMBEDDING,
  AI_EVALUATION,
  AI_FEEDBACK,
  AI_GENERATION,
  AI_METRIC,
  AI_TRACE,
} from '@llm-analytics/core/semconv';
import type { CostFields, CountFields, TokenFields } from '../../api-types';
import { toNumber } from '../sql';

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

export const GENERATION = `event = ${quote(AI_GENERATION)}`;
export const EMBEDDING = `event = ${quote(AI_EMBEDDING)}`;
export const MODEL_CALL = `event IN (${quote(AI_GENERATION)}, ${quote(AI_EMBEDDING)})`;
export const SCORE_EVENTS = [AI_FEEDBACK, AI_METRIC, AI_EVALUATION] as const;
export const SCORE = `event IN (${SCORE_EVENTS.map(quote).join(', ')})`;
export const SPAN = `NOT (${SCORE})`;
export const FEEDBACK = `event = ${quote(AI_FEEDBACK)}`;

/** Input tokens with cached tokens included (null when the call reported none). */
export const INPUT_TOKENS = `CASE WHEN input_tokens IS NULL THEN NULL
  WHEN coalesce(input_includes_cache, true) THEN input_tokens
  ELSE input_tokens + coalesce(cache_read_tokens, 0) + coalesce(cache_creation_tokens, 0) END`;

export const UNPRICED = `(${MODEL_CALL} AND total_cost_usd IS NULL
  AND NOT (is_error AND input_tokens IS NULL AND output_tokens IS NULL))`;

export const IDENTIFIED = `NOT coalesce(anonymous, false)`;

/** The id children name in `$ai_parent_id`: a manually captured `$ai_trace` goes by the trace id. */
const nodeId = (alias: string) =>
  `CASE WHEN ${alias}.event = ${quote(AI_TRACE)} THEN coalesce(${alias}.span_id, ${alias}.trace_id) ELSE ${alias}.span_id END`;

/** The columns views aggregate (not the properties JSON: a union would carry it along). */
const VIEW_COLUMNS = [
  'project',
  'uuid',
  'event',
  'timestamp',
  'end_timestamp',
  'distinct_id',
  'trace_id',
  'span_id',
  'parent_id',
  'session_id',
  'span_name',
  'trace_name',
  'model',
  'provider',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_creation_tokens',
  'reasoning_tokens',
  'total_cost_usd',
  'latency',
  'ttft',
  'is_error',
  'error',
  'service_name',
  'anonymous',
  'duplicate_of',
  'cost_error',
  'usage_estimated',
  'input_includes_cache',
  'error_type',
  'error_message',
]
  .map((column) => `e.${column}`)
  .join(', ');

/**
 * The project's events with `counted_error` (the error definition above) as a column. The
 * events with a failed child are found over the whole project, whatever the range: a child
 * may start before the range. Only failed events take part in the join (a union with the
 * others), which keeps it cheap: failures are few. Use as `FROM ${eventsWithErrors(p)} AS ev`.
 * `source` is `events` or a CTE of whole traces (the failed child is in its parent's trace).
 */
export function eventsWithErrors(projectParam: string, source = 'events'): string {
  return `(SELECT ${VIEW_COLUMNS}, false AS counted_error FROM ${source} e
      WHERE e.project = ${projectParam} AND NOT e.is_error
    UNION ALL
    SELECT ${VIEW_COLUMNS}, (e.duplicate_of IS NULL AND failed_child.parent_id IS NULL) AS counted_error
    FROM ${source} e
    LEFT JOIN (
      SELECT DISTINCT trace_id, parent_id FROM ${source}
      WHERE project = ${projectParam} AND is_error AND parent_id IS NOT NULL AND ${SPAN}
    ) failed_child
      ON failed_child.trace_id = e.trace_id AND failed_child.parent_id = (${nodeId('e')})
    WHERE e.project = ${projectParam} AND e.is_error)`;
}

/** Aggregates of a group of events (needs `counted_error`): counts, tokens and cost. */
export const USAGE_AGGREGATES = `
  count(*) FILTER (WHERE ${GENERATION}) AS generation_count,
  count(*) FILTER (WHERE ${EMBEDDING}) AS embedding_count,
  count(*) FILTER (WHERE counted_error) AS error_count,
  coalesce(sum(${INPUT_TOKENS}) FILTER (WHERE ${MODEL_CALL}), 0)::DOUBLE AS input_tokens_sum,
  coalesce(sum(output_tokens) FILTER (WHERE ${MODEL_CALL}), 0)::DOUBLE AS output_tokens_sum,
  coalesce(sum(cache_read_tokens) FILTER (WHERE ${MODEL_CALL}), 0)::DOUBLE AS cache_read_sum,
  coalesce(sum(cache_creation_tokens) FILTER (WHERE ${MODEL_CALL}), 0)::DOUBLE AS cache_write_sum,
  count(*) FILTER (WHERE ${MODEL_CALL} AND usage_estimated) AS estimated_usage_count,
  coalesce(sum(total_cost_usd) FILTER (WHERE ${MODEL_CALL}), 0)::DOUBLE AS priced_cost_usd,
  count(*) FILTER (WHERE ${UNPRICED}) AS unpriced_count,
  list(DISTINCT coalesce(cost_error, 'no cost reported')) FILTER (WHERE ${UNPRICED}) AS cost_errors`;

const MAX_COST_ERRORS = 5;

/** The API fields of `USAGE_AGGREGATES`. */
export function readUsageAggregates(
  row: Record<string, unknown>,
): CountFields & TokenFields & CostFields {
  const unpriced = toNumber(row['unpriced_count']);
  const priced = toNumber(row['priced_cost_usd']);
  const reasons = Array.isArray(row['cost_errors'])
    ? (row['cost_errors'] as unknown[]).filter(
        (reason): reason is string => typeof reason === 'string',
      )
    : [];
  return {
    generation_count: toNumber(row['generation_count']),
    embedding_count: toNumber(row['embedding_count']),
    error_count: toNumber(row['error_count']),
    input_tokens: toNumber(row['input_tokens_sum']),
    output_tokens: toNumber(row['output_tokens_sum']),
    cache_read_tokens: toNumber(row['cache_read_sum']),
    cache_write_tokens: toNumber(row['cache_write_sum']),
    estimated_usage_count: toNumber(row['estimated_usage_count']),
    total_cost_usd: unpriced > 0 ? null : priced,
    priced_cost_usd: priced,
    unpriced_count: unpriced,
    cost_errors: reasons.sort().slice(0, MAX_COST_ERRORS),
  };
}
