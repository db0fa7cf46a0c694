/**
 * ClickHouse schema as versioned migrations, in a single-node and a clustered form.
 *
 * Every statement is idempotent (`IF NOT EXISTS`), so replicas that start at once may all
 * apply the same migration: the second run is a no-op. A new migration appends to the list;
 * a released one never changes.
 *
 * - `events`: ReplacingMergeTree keyed on (project, day, uuid): a re-sent event replaces itself
 *   and reads use `FINAL`, so no duplicate is ever shown. The day in the key lets time ranges
 *   skip whole ranges of the primary index; the partition is the month (a partition-aligned
 *   `FINAL` merges nothing across months). `version` orders copies of one uuid: an insert is
 *   1, a replacement (late content logs, cross-request dedupe) its write time in µs, so a
 *   retried insert never undoes a replacement.
 * - `otlp_recent_spans`, `otlp_pending_logs`: the log-join state every replica shares, with a
 *   TTL (the join window is minutes; a day is a generous bound) and tombstones
 *   (`is_deleted`) for pending logs that were joined.
 *
 * Clustered: each table is `Replicated*` on every node (`ON CLUSTER`), and `events` is read and
 * written through a `Distributed` table sharded by (project, uuid): copies of one event always
 * land on one shard, where `FINAL` dedupes them.
 */

import { P, SERVICE_NAME } from '@llm-analytics/core/semconv';
import { jsonText } from './sql';

export interface SchemaTarget {
  database: string;
  /** Cluster name for the clustered form; single-node when absent. */
  cluster?: string;
}

export interface Migration {
  version: number;
  name: string;
  statements: (target: SchemaTarget) => string[];
}

const quote = (name: string) => `\`${name.replace(/`/g, '``')}\``;

function onCluster(target: SchemaTarget): string {
  return target.cluster ? ` ON CLUSTER ${quote(target.cluster)}` : '';
}

/** Engine for a replacing table: plain on one node, `Replicated` on a cluster. */
function replacingEngine(target: SchemaTarget, table: string, columns: string): string {
  if (!target.cluster) return `ReplacingMergeTree(${columns})`;
  return `ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/${target.database}/${table}', '{replica}', ${columns})`;
}

/** Name of the physical table: `<name>_local` under a Distributed table on a cluster. */
export function localTable(target: SchemaTarget, name: string): string {
  return target.cluster ? `${name}_local` : name;
}

const EVENT_COLUMNS = `
  project LowCardinality(String),
  uuid String,
  event LowCardinality(String),
  timestamp DateTime64(6, 'UTC'),
  end_timestamp Nullable(DateTime64(6, 'UTC')),
  distinct_id String,
  trace_id Nullable(String),
  span_id Nullable(String),
  parent_id Nullable(String),
  session_id Nullable(String),
  span_name Nullable(String),
  trace_name Nullable(String),
  model LowCardinality(Nullable(String)),
  provider LowCardinality(Nullable(String)),
  input_tokens Nullable(Int64),
  output_tokens Nullable(Int64),
  cache_read_tokens Nullable(Int64),
  cache_creation_tokens Nullable(Int64),
  reasoning_tokens Nullable(Int64),
  input_cost_usd Nullable(Float64),
  output_cost_usd Nullable(Float64),
  total_cost_usd Nullable(Float64),
  latency Nullable(Float64),
  ttft Nullable(Float64),
  is_error Bool,
  error Nullable(String),
  http_status Nullable(Int64),
  search_text Nullable(String) CODEC(ZSTD(3)),
  properties String CODEC(ZSTD(3)),
  received_at DateTime64(6, 'UTC'),
  version UInt64,
  INDEX trace_id_index trace_id TYPE bloom_filter(0.01) GRANULARITY 4,
  INDEX session_id_index session_id TYPE bloom_filter(0.01) GRANULARITY 4,
  INDEX distinct_id_index distinct_id TYPE bloom_filter(0.01) GRANULARITY 4`;

/**
 * Version 2 (issue #17's read API): the columns every view's definitions read. Their DEFAULT
 * computes each from the stored properties the way `toEventRow` does (as DuckDB's `migrate.ts`
 * backfills), and ClickHouse evaluates a DEFAULT for parts written before the column existed:
 * old events count like new ones without rewriting a single part. New rows carry the values.
 */
const V2_COLUMNS: ReadonlyArray<readonly [name: string, type: string, fill: string]> = [
  ['service_name', 'LowCardinality(Nullable(String))', jsonText(SERVICE_NAME)],
  // `$process_person_profile: false`: the distinct id is an anonymous, per-trace one.
  [
    'anonymous',
    'Bool',
    `JSONType(properties, '${P.processPersonProfile}') = 'Bool' AND NOT JSONExtractBool(properties, '${P.processPersonProfile}')`,
  ],
  // `$ai_duplicate_of`: a demoted copy of another span's model call.
  ['duplicate_of', 'Nullable(String)', jsonText(P.duplicateOf)],
  ['cost_error', 'Nullable(String)', jsonText(P.costError)],
  ['usage_estimated', 'Bool', `ifNull(${jsonText(P.usageEstimated)} IN ('true', '1'), false)`],
  // Whether `input_tokens` already counts cached tokens (provider conventions differ).
  [
    'input_includes_cache',
    'Bool',
    `multiIf(ifNull(${jsonText(P.inputTokensIncludeCache)} = 'true', false), true,
      ifNull(${jsonText(P.inputTokensIncludeCache)} = 'false', false), false,
      lower(ifNull(provider, '')) != 'anthropic')`,
  ],
  ['error_type', 'LowCardinality(Nullable(String))', jsonText(P.errorType)],
  ['error_message', 'Nullable(String)', 'if(is_error, error, NULL)'],
];

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events and log-join state',
    statements: (target) => {
      const db = quote(target.database);
      const cluster = onCluster(target);
      const events = localTable(target, 'events');
      const statements = [
        `CREATE TABLE IF NOT EXISTS ${db}.${quote(events)}${cluster} (${EVENT_COLUMNS})
         ENGINE = ${replacingEngine(target, events, 'version')}
         PARTITION BY toYYYYMM(timestamp)
         ORDER BY (project, toDate(timestamp), uuid)`,
        `CREATE TABLE IF NOT EXISTS ${db}.otlp_recent_spans${cluster} (
           project LowCardinality(String),
           trace_id String,
           span_id String,
           received_at DateTime64(3, 'UTC'),
           record String CODEC(ZSTD(3)),
           version UInt64)
         ENGINE = ${replacingEngine(target, 'otlp_recent_spans', 'version')}
         ORDER BY (project, trace_id, span_id)
         TTL toDateTime(received_at) + INTERVAL 1 DAY`,
        `CREATE TABLE IF NOT EXISTS ${db}.otlp_pending_logs${cluster} (
           project LowCardinality(String),
           span_id String,
           id String,
           trace_id Nullable(String),
           received_at DateTime64(3, 'UTC'),
           record String CODEC(ZSTD(3)),
           version UInt64,
           is_deleted UInt8)
         ENGINE = ${replacingEngine(target, 'otlp_pending_logs', 'version, is_deleted')}
         ORDER BY (project, span_id, id)
         TTL toDateTime(received_at) + INTERVAL 1 DAY`,
      ];
      if (target.cluster)
        statements.push(
          `CREATE TABLE IF NOT EXISTS ${db}.events${cluster} AS ${db}.${quote(events)}
           ENGINE = Distributed(${quote(target.cluster)}, ${db}, ${quote(events)}, cityHash64(project, uuid))`,
        );
      return statements;
    },
  },
  {
    version: 2,
    name: 'columns of the read API definitions',
    statements: (target) => {
      const db = quote(target.database);
      const cluster = onCluster(target);
      const add = V2_COLUMNS.map(
        ([name, type, fill]) => `ADD COLUMN IF NOT EXISTS ${name} ${type} DEFAULT ${fill}`,
      ).join(',\n         ');
      const statements = [
        `ALTER TABLE ${db}.${quote(localTable(target, 'events'))}${cluster} ${add}`,
      ];
      // The Distributed table has its own column list: it gains the same columns.
      if (target.cluster) statements.push(`ALTER TABLE ${db}.events${cluster} ${add}`);
      return statements;
    },
  },
  {
    version: 3,
    name: 'evaluators and the evaluation queue',
    statements: (target) => {
      const db = quote(target.database);
      const cluster = onCluster(target);
      return [
        `CREATE TABLE IF NOT EXISTS ${db}.evaluators${cluster} (
           project LowCardinality(String),
           id String,
           definition String,
           created_at Int64,
           updated_at Int64,
           version UInt64,
           is_deleted UInt8)
         ENGINE = ${replacingEngine(target, 'evaluators', 'version, is_deleted')}
         ORDER BY (project, id)`,
        // One row per (evaluator, generation); a state change is a newer version of it.
        `CREATE TABLE IF NOT EXISTS ${db}.evaluation_jobs${cluster} (
           project LowCardinality(String),
           evaluator_id String,
           event_uuid String,
           state LowCardinality(String),
           attempts UInt32,
           not_before Int64,
           lease_owner String,
           lease_until Int64,
           detail String,
           judge_calls UInt32,
           judge_cost_usd Nullable(Float64),
           updated_at Int64,
           version UInt64)
         ENGINE = ${replacingEngine(target, 'evaluation_jobs', 'version')}
         ORDER BY (project, evaluator_id, event_uuid)`,
      ];
    },
  },
];

/** The table that records applied migrations (created before any migration runs). */
export function migrationsTable(target: SchemaTarget): string {
  return `CREATE TABLE IF NOT EXISTS ${quote(target.database)}.schema_migrations${onCluster(target)} (
    version UInt32, name String, applied_at DateTime DEFAULT now())
    ENGINE = ${replacingEngine(target, 'schema_migrations', 'applied_at')} ORDER BY version`;
}

/** Retention: events older than this many days are dropped by ClickHouse's TTL merges. */
export function retentionStatement(target: SchemaTarget, days: number): string {
  const table = `${quote(target.database)}.${quote(localTable(target, 'events'))}${onCluster(target)}`;
  return `ALTER TABLE ${table} MODIFY TTL toDateTime(timestamp) + INTERVAL ${Math.floor(days)} DAY`;
}

export const quoteIdentifier = quote;
