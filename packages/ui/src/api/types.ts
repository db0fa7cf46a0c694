/**
 * Shapes of the server's read API (`packages/server/README.md`). Written out here rather than
 * imported: the server depends on this package, so importing back would make a cycle.
 */

export interface AiEvent {
  event: '$ai_generation' | '$ai_embedding' | '$ai_span' | '$ai_trace' | string;
  distinct_id: string;
  uuid: string;
  /** ISO 8601 time of the span start. */
  timestamp: string;
  properties: Record<string, unknown>;
}

export type TraceNode = AiEvent & { children: TraceNode[] };

export interface TraceSummary {
  trace_id: string;
  name: string | null;
  distinct_id: string | null;
  session_id: string | null;
  start_time: string;
  end_time: string;
  latency: number;
  span_count: number;
  generation_count: number;
  input_tokens: number;
  output_tokens: number;
  total_cost_usd: number;
  error_count: number;
}

export interface TracePage {
  results: TraceSummary[];
  next_cursor: string | null;
}

export interface TraceDetail {
  trace: TraceSummary | null;
  events: TraceNode[];
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
  span_name: string | null;
  model: string | null;
  provider: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cache_read_input_tokens: number | null;
  reasoning_tokens: number | null;
  total_cost_usd: number | null;
  latency: number | null;
  time_to_first_token: number | null;
  is_error: boolean;
  error: string | null;
}

export interface OffsetPage<T> {
  results: T[];
  next_offset: number | null;
}

export interface Usage {
  first_seen: string;
  last_seen: string;
  trace_count: number;
  generation_count: number;
  input_tokens: number;
  output_tokens: number;
  total_cost_usd: number;
  error_count: number;
}

export interface SessionRow extends Usage {
  session_id: string;
  distinct_id: string | null;
}

export interface UserRow extends Usage {
  distinct_id: string;
  session_count: number;
}

export interface Percentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface DashboardStats {
  requests: number;
  errors: number;
  error_rate: number;
  input_tokens: number;
  output_tokens: number;
  total_cost_usd: number;
  latency: Percentiles;
  time_to_first_token: Percentiles;
}

export interface Dashboard {
  totals: DashboardStats & { traces: number; users: number };
  by_model: Array<DashboardStats & { model: string | null; provider: string | null }>;
  by_time: Array<DashboardStats & { bucket: string }>;
}

export interface ServerConfig {
  project_id: string;
  project_token: string;
  ingest: { otlp_traces: string; otlp_logs: string; capture: string };
}

export interface EventsPage {
  results: AiEvent[];
}
