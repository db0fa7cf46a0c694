/**
 * The read API's definitions (`../../queries/definitions.ts` says each in words) in ClickHouse
 * SQL over `events FINAL`, so both stores count the same way. Conditions stay non-Nullable
 * (the `-If` combinators want a plain boolean).
 */
import {
  AI_EMBEDDING,
  AI_EVALUATION,
  AI_FEEDBACK,
  AI_GENERATION,
  AI_METRIC,
  AI_TRACE,
} from '@llm-analytics/core/semconv';
import type { CostFields, CountFields, TokenFields } from '../../../api-types';
import { EVENTS, chNumber, chQuote } from '../sql';

export const GENERATION = `event = ${chQuote(AI_GENERATION)}`;
export const EMBEDDING = `event = ${chQuote(AI_EMBEDDING)}`;
export const MODEL_CALL = `event IN (${chQuote(AI_GENERATION)}, ${chQuote(AI_EMBEDDING)})`;
export const SCORE = `event IN (${[AI_FEEDBACK, AI_METRIC, AI_EVALUATION].map(chQuote).join(', ')})`;
export const SPAN = `NOT (${SCORE})`;
export const FEEDBACK = `event = ${chQuote(AI_FEEDBACK)}`;

/** Input tokens with cached tokens included (null when the call reported none). */
export const INPUT_TOKENS = `if(input_tokens IS NULL, NULL, if(input_includes_cache, input_tokens,
  input_tokens + coalesce(cache_read_tokens, 0) + coalesce(cache_creation_tokens, 0)))`;

export const UNPRICED = `(${MODEL_CALL} AND total_cost_usd IS NULL
  AND NOT (is_error AND input_tokens IS NULL AND output_tokens IS NULL))`;

export const IDENTIFIED = `NOT anonymous`;

/** The id children name in `$ai_parent_id`: a manually captured `$ai_trace` goes by the trace id. */
const NODE_ID = `if(event = ${chQuote(AI_TRACE)}, coalesce(span_id, trace_id), span_id)`;

/**
 * The project's deduplicated events with `counted_error` (the error definition) as a column.
 * The failed children are looked up over the whole project, whatever the range (a child may
 * start before it); the set holds failures only, so it stays small, and it is only probed for
 * failed events. Use as `FROM ${eventsWithErrors(p)} AS ev`. `scope` (SQL conditions, each
 * starting with ` AND `) narrows both reads; only a scope that keeps whole traces (a trace id,
 * that trace's days) leaves `counted_error` unchanged.
 */
export function eventsWithErrors(projectParam: string, scope = ''): string {
  const failedParents = `SELECT assumeNotNull(trace_id), assumeNotNull(parent_id) FROM ${EVENTS}
    WHERE project = ${projectParam}${scope} AND is_error AND trace_id IS NOT NULL AND parent_id IS NOT NULL
      AND ${SPAN}`;
  return `(SELECT *, is_error AND duplicate_of IS NULL
      AND NOT (trace_id IS NOT NULL AND (${NODE_ID}) IS NOT NULL
        AND (assumeNotNull(trace_id), assumeNotNull(${NODE_ID})) IN (${failedParents})) AS counted_error
    FROM ${EVENTS} WHERE project = ${projectParam}${scope})`;
}

/** Aggregates of a group of events (needs `counted_error`): counts, tokens and cost. */
export const USAGE_AGGREGATES = `
  countIf(${GENERATION}) AS generation_count,
  countIf(${EMBEDDING}) AS embedding_count,
  countIf(counted_error) AS error_count,
  toFloat64(coalesce(sumIf(${INPUT_TOKENS}, ${MODEL_CALL}), 0)) AS input_tokens_sum,
  toFloat64(coalesce(sumIf(output_tokens, ${MODEL_CALL}), 0)) AS output_tokens_sum,
  toFloat64(coalesce(sumIf(cache_read_tokens, ${MODEL_CALL}), 0)) AS cache_read_sum,
  toFloat64(coalesce(sumIf(cache_creation_tokens, ${MODEL_CALL}), 0)) AS cache_write_sum,
  countIf(${MODEL_CALL} AND usage_estimated) AS estimated_usage_count,
  toFloat64(coalesce(sumIf(total_cost_usd, ${MODEL_CALL}), 0)) AS priced_cost_usd,
  countIf(${UNPRICED}) AS unpriced_count,
  groupUniqArrayIf(coalesce(cost_error, 'no cost reported'), ${UNPRICED}) AS cost_errors`;

const MAX_COST_ERRORS = 5;

/** The API fields of `USAGE_AGGREGATES` (ClickHouse sends 64-bit counts as strings). */
export function readUsageAggregates(
  row: Record<string, unknown>,
): CountFields & TokenFields & CostFields {
  const unpriced = chNumber(row['unpriced_count']);
  const priced = chNumber(row['priced_cost_usd']);
  const reasons = Array.isArray(row['cost_errors'])
    ? (row['cost_errors'] as unknown[]).filter(
        (reason): reason is string => typeof reason === 'string',
      )
    : [];
  return {
    generation_count: chNumber(row['generation_count']),
    embedding_count: chNumber(row['embedding_count']),
    error_count: chNumber(row['error_count']),
    input_tokens: chNumber(row['input_tokens_sum']),
    output_tokens: chNumber(row['output_tokens_sum']),
    cache_read_tokens: chNumber(row['cache_read_sum']),
    cache_write_tokens: chNumber(row['cache_write_sum']),
    estimated_usage_count: chNumber(row['estimated_usage_count']),
    total_cost_usd: unpriced > 0 ? null : priced,
    priced_cost_usd: priced,
    unpriced_count: unpriced,
    cost_errors: reasons.sort().slice(0, MAX_COST_ERRORS),
  };
}
