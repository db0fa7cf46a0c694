/** DuckDB schema: the event columns the views use, plus the full properties JSON. */

export const SCHEMA_VERSION = 2;

/**
 * Columns added in version 2, after the version-1 ones so `ALTER TABLE … ADD COLUMN` on an
 * existing file gives the same column order as a new table (the appender relies on it).
 */
export const V2_COLUMNS: ReadonlyArray<readonly [name: string, type: string]> = [
  ['service_name', 'VARCHAR'],
  // `$process_person_profile: false`: the distinct id is an anonymous, per-trace one.
  ['anonymous', 'BOOLEAN'],
  // `$ai_duplicate_of`: a demoted copy of another span's model call.
  ['duplicate_of', 'VARCHAR'],
  ['cost_error', 'VARCHAR'],
  ['usage_estimated', 'BOOLEAN'],
  // Whether `input_tokens` already counts cached tokens (provider conventions differ).
  ['input_includes_cache', 'BOOLEAN'],
  ['error_type', 'VARCHAR'],
  ['error_message', 'VARCHAR'],
];

/** Column list shared by `events` and its staging table, in appender order. */
export const EVENT_COLUMNS = `
  project VARCHAR NOT NULL,
  uuid VARCHAR NOT NULL,
  event VARCHAR NOT NULL,
  timestamp TIMESTAMP NOT NULL,
  end_timestamp TIMESTAMP,
  distinct_id VARCHAR NOT NULL,
  trace_id VARCHAR,
  span_id VARCHAR,
  parent_id VARCHAR,
  session_id VARCHAR,
  span_name VARCHAR,
  trace_name VARCHAR,
  model VARCHAR,
  provider VARCHAR,
  input_tokens BIGINT,
  output_tokens BIGINT,
  cache_read_tokens BIGINT,
  cache_creation_tokens BIGINT,
  reasoning_tokens BIGINT,
  input_cost_usd DOUBLE,
  output_cost_usd DOUBLE,
  total_cost_usd DOUBLE,
  latency DOUBLE,
  ttft DOUBLE,
  is_error BOOLEAN NOT NULL,
  error VARCHAR,
  http_status BIGINT,
  search_text VARCHAR,
  properties VARCHAR NOT NULL,
  received_at TIMESTAMP NOT NULL,
  ${V2_COLUMNS.map(([name, type]) => `${name} ${type}`).join(',\n  ')}`;

export const CREATE_TABLES = [
  `CREATE TABLE IF NOT EXISTS schema_info (key VARCHAR PRIMARY KEY, value VARCHAR)`,
  // The key is per project: one project's events can never shadow another's.
  `CREATE TABLE IF NOT EXISTS events (${EVENT_COLUMNS}, PRIMARY KEY (project, uuid))`,
  // Trace detail is a point read (see queries/trace-rows.ts); built on first open of an older file.
  `CREATE INDEX IF NOT EXISTS events_trace_id ON events (trace_id)`,
  `CREATE TABLE IF NOT EXISTS otlp_recent_spans (
    project VARCHAR NOT NULL,
    span_id VARCHAR NOT NULL,
    trace_id VARCHAR NOT NULL,
    received_at TIMESTAMP NOT NULL,
    record VARCHAR NOT NULL,
    PRIMARY KEY (project, span_id, trace_id))`,
  `CREATE TABLE IF NOT EXISTS otlp_pending_logs (
    id VARCHAR PRIMARY KEY,
    project VARCHAR NOT NULL,
    span_id VARCHAR NOT NULL,
    trace_id VARCHAR,
    received_at TIMESTAMP NOT NULL,
    record VARCHAR NOT NULL)`,
  `INSERT OR IGNORE INTO schema_info VALUES ('version', '${SCHEMA_VERSION}')`,
];

/**
 * Staging tables are per connection and never hit the disk: the appender fills them, then
 * one INSERT … SELECT moves the rows with the duplicate handling the appender lacks.
 */
export const STAGING_TABLES = [
  `CREATE TEMP TABLE IF NOT EXISTS staging_events (${EVENT_COLUMNS})`,
  `CREATE TEMP TABLE IF NOT EXISTS staging_spans (
    project VARCHAR NOT NULL,
    span_id VARCHAR NOT NULL,
    trace_id VARCHAR NOT NULL,
    received_at TIMESTAMP NOT NULL,
    record VARCHAR NOT NULL)`,
];
