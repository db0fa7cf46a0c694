/**
 * Shapes of the read API (`GET /api/*`), types only: published as `@llm-analytics/server/types`
 * so the UI (and any other client) imports the contract instead of copying it. No imports, so
 * the entry carries no runtime and pulls in no server dependency.
 */

/** A stored event, as `/batch/` carries it. */
export interface ApiEvent {
  event: string;
  distinct_id: string;
  uuid: string;
  /** ISO 8601 time of the span start. */
  timestamp: string;
  properties: Record<string, unknown>;
}

export type TraceNode = ApiEvent & { children: TraceNode[] };

/**
 * Cost of a set of model calls. `total_cost_usd` is null when any call is unpriced (the total
 * is unknown); `priced_cost_usd` is the sum of the calls that are priced (a partial total).
 */
export interface CostFields {
  total_cost_usd: number | null;
  priced_cost_usd: number;
  /** Model calls without a cost (unknown model, no usage reported); see `cost_errors`. */
  unpriced_count: number;
  /** Why calls are unpriced (`$ai_cost_error`), distinct reasons, at most a few. */
  cost_errors: string[];
}

/**
 * Token counts of a set of model calls. Input includes cached tokens for every provider;
 * cache read and cache write are broken out of it.
 */
export interface TokenFields {
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  /** Calls whose usage the instrumentation estimated rather than read from the provider. */
  estimated_usage_count: number;
}

export interface CountFields {
  /** `$ai_generation` events (model calls that generate). */
  generation_count: number;
  /** `$ai_embedding` events, counted apart from generations. */
  embedding_count: number;
  /** Failed calls, one per failure (see the definitions module). */
  error_count: number;
}

export interface ScoreSummary {
  name: string;
  count: number;
  /** Mean of the numeric values; null when the score has labels only. */
  average: number | null;
}

export interface TraceSummary extends CostFields, TokenFields, CountFields {
  trace_id: string;
  name: string | null;
  distinct_id: string | null;
  session_id: string | null;
  /** `service.name` of the app that sent the trace. */
  service_name: string | null;
  start_time: string;
  end_time: string;
  /** Seconds from the first span's start to the last span's end. */
  latency: number;
  /** Events of the trace tree: scores are not spans. */
  span_count: number;
  score_count: number;
  feedback_count: number;
  /** Scores by name (feedback is counted under the name "feedback"). */
  scores: ScoreSummary[];
}

export interface TraceListResponse {
  results: TraceSummary[];
  next_cursor: string | null;
}

/** A score of a trace or of one of its generations: feedback, a metric or an evaluation. */
export interface ScoreRow {
  uuid: string;
  event: string;
  timestamp: string;
  trace_id: string | null;
  distinct_id: string;
  /** The span (`$ai_span_id` / `$ai_parent_id`) or event uuid the score is about, if any. */
  target_span_id: string | null;
  target_event_id: string | null;
  /** Metric or evaluation name; "feedback" for feedback. */
  name: string;
  /** Numeric value: a metric's number, an evaluation's pass = 1 / fail = 0 or numeric result. */
  value: number | null;
  /** Text value: a metric's label, "pass" / "fail" / "n/a" for evaluations. */
  label: string | null;
  /** Feedback text or an evaluation's reasoning. */
  text: string | null;
}

export interface TraceDetail {
  trace: TraceSummary | null;
  events: TraceNode[];
  scores: ScoreRow[];
}

export interface GenerationRow {
  uuid: string;
  event: string;
  timestamp: string;
  trace_id: string | null;
  span_id: string | null;
  parent_id: string | null;
  distinct_id: string;
  session_id: string | null;
  service_name: string | null;
  span_name: string | null;
  model: string | null;
  provider: string | null;
  /** Input tokens with cached tokens included, whatever the provider's convention. */
  input_tokens: number | null;
  output_tokens: number | null;
  cache_read_input_tokens: number | null;
  cache_write_input_tokens: number | null;
  reasoning_tokens: number | null;
  usage_estimated: boolean;
  total_cost_usd: number | null;
  /** Why the call has no cost (`$ai_cost_error`). */
  cost_error: string | null;
  latency: number | null;
  time_to_first_token: number | null;
  is_error: boolean;
  error: string | null;
}

export interface OffsetPage<T> {
  results: T[];
  next_offset: number | null;
}

export interface Usage extends CostFields, TokenFields, CountFields {
  first_seen: string;
  last_seen: string;
  trace_count: number;
}

export interface SessionRow extends Usage {
  session_id: string;
  distinct_id: string | null;
}

export interface UserRow extends Usage {
  distinct_id: string;
  /** Every event of this person carried `$process_person_profile: false`. */
  anonymous: boolean;
  session_count: number;
}

export interface Percentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface DashboardStats extends CostFields, TokenFields {
  /** Model calls: generations and embeddings. */
  requests: number;
  generations: number;
  embeddings: number;
  errors: number;
  error_rate: number;
  latency: Percentiles;
  time_to_first_token: Percentiles;
}

export interface MetricSummary extends ScoreSummary {
  by_time: Array<{ bucket: string; count: number; average: number | null }>;
  /** Label counts, for labelled metrics and evaluations (pass / fail / n/a). */
  labels: Array<{ label: string; count: number }>;
}

export interface Dashboard {
  totals: DashboardStats & {
    traces: number;
    /** Identified users (not `$process_person_profile: false`). */
    users: number;
    anonymous_users: number;
  };
  by_model: Array<DashboardStats & { model: string | null; provider: string | null }>;
  by_service: Array<{ service_name: string | null; requests: number }>;
  by_time: Array<DashboardStats & { bucket: string }>;
  scores: { feedback_count: number; metrics: MetricSummary[] };
}

/** Failed calls grouped by what failed. */
export interface ErrorGroup {
  error_type: string | null;
  message: string;
  model: string | null;
  count: number;
  first_seen: string;
  last_seen: string;
  /** A recent failed call of the group, to open as an example. */
  example_trace_id: string | null;
  /** Span id of that call, to open the trace at it. */
  example_span_id: string | null;
  example_uuid: string;
}

/** What the project holds at all, whatever the selected range. */
export interface DataExtent {
  first_seen: string | null;
  last_seen: string | null;
}

export interface ServerConfig {
  project_id: string;
  project_token: string;
  ingest: {
    otlp_traces: string;
    otlp_logs: string;
    capture: string;
    /** The OTLP/gRPC port (one endpoint for traces and logs); `null` when gRPC is off. */
    otlp_grpc_port: number | null;
  };
}

export interface EventsPage {
  results: ApiEvent[];
}

export type {
  CodeCheck,
  Evaluator,
  EvaluatorFilters,
  EvaluatorInput,
  ResultShape,
} from './evaluations/evaluator-types';
export type {
  EvaluationJob,
  JobCounts,
  JobState,
  ResultBucket,
} from './evaluations/evaluation-store';

/** `GET /api/evaluations?event_uuid=a,b`: evaluation results of these generations. */
export interface GenerationEvaluationsResponse {
  results: Array<{ event_uuid: string; name: string; label: string | null; value: number | null }>;
}

/** `GET /api/evaluators`: the project's evaluators with their queue, and the judge's spend. */
export interface EvaluatorListResponse {
  results: Array<
    import('./evaluations/evaluator-types').Evaluator & {
      queue: import('./evaluations/evaluation-store').JobCounts;
    }
  >;
  /** Judge calls and their cost (USD) in the last hour, against the budget. */
  judge_last_hour: { calls: number; cost_usd: number };
  /** Results per evaluator and hour over the last day (pass rate, average score). */
  series: Array<import('./evaluations/evaluation-store').ResultBucket>;
  worker: 'running' | 'off';
}
