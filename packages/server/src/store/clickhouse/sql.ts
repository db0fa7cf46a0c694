/** Small helpers for parameterised ClickHouse SQL (`{name:Type}` placeholders). */

/** Runs one parameterised read and returns plain row objects. */
export type ClickHouseRunQuery = (
  sql: string,
  params: Record<string, unknown>,
) => Promise<Array<Record<string, unknown>>>;

/** Collects bound values and hands out placeholders: user input never enters the SQL text. */
export class ClickHouseParams {
  readonly values: Record<string, unknown> = {};
  private count = 0;

  add(value: unknown, type = 'String'): string {
    const name = `p${++this.count}`;
    this.values[name] = value;
    return `{${name}:${type}}`;
  }

  time(date: Date): string {
    return `fromUnixTimestamp64Micro(${this.add(date.getTime() * 1000, 'Int64')}, 'UTC')`;
  }

  /** `search_text` (stored lower-cased) contains the text, case-insensitively. */
  textContains(column: string, text: string): string {
    return `position(${column}, ${this.add(text.toLowerCase())}) > 0`;
  }

  /** A case-insensitive "contains" pattern for `ilike` (backslash escapes % and _). */
  contains(text: string): string {
    return this.add(`%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`);
  }
}

/** `timestamp` range conditions shared by every view. */
export function timeRange(params: ClickHouseParams, range: { from?: Date; to?: Date }): string {
  let sql = '';
  if (range.from) sql += ` AND timestamp >= ${params.time(range.from)}`;
  if (range.to) sql += ` AND timestamp < ${params.time(range.to)}`;
  return sql;
}

/** A SQL string literal (for constant keys and names only; user input goes through params). */
export const chQuote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * A top-level property of the `properties` JSON as text, or NULL when absent or null: strings
 * as they are, numbers and booleans as their JSON text (what DuckDB's `json_extract_string` gives).
 */
export function jsonText(key: string, column = 'properties'): string {
  const k = chQuote(key);
  return `multiIf(JSONType(${column}, ${k}) = 'String', toNullable(JSONExtractString(${column}, ${k})),
    JSONType(${column}, ${k}) = 'Null', NULL, toNullable(JSONExtractRaw(${column}, ${k})))`;
}

/** Deduplicated events: the newest version of each uuid (ReplacingMergeTree). */
export const EVENTS = 'events FINAL';

/** Every stored version of each event (no merge at read time): for reads duplicates can't change. */
export const EVENT_VERSIONS = 'events AS versions';

/**
 * The days one trace's events fall on. Read without `FINAL` (versions of an event share its
 * day, so duplicates change nothing), where the bloom-filter index on `trace_id` skips most
 * granules; the trace's `FINAL` reads then filter on those days, which `ORDER BY (project,
 * toDate(timestamp), …)` turns into a key range instead of a merge of the whole table.
 */
export async function traceDays(
  run: ClickHouseRunQuery,
  project: string,
  traceId: string,
): Promise<string[]> {
  const params = new ClickHouseParams();
  const rows = await run(
    `SELECT DISTINCT toString(toDate(timestamp)) AS day FROM ${EVENT_VERSIONS}
     WHERE project = ${params.add(project)} AND trace_id = ${params.add(traceId)}`,
    params.values,
  );
  return rows.map((row) => String(row['day']));
}

/** The condition for {@link traceDays}' days (none: matches nothing). */
export const onDays = (params: ClickHouseParams, days: readonly string[]): string =>
  ` AND toDate(timestamp) IN ${params.add(days, 'Array(Date)')}`;

/** Microseconds since the epoch as a bigint (ClickHouse may send 64-bit integers as strings). */
export function toMicros(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(Math.round(value));
  return BigInt(String(value));
}

/** ClickHouse JSON numbers may arrive as strings (64-bit integers): the API speaks numbers. */
export function chNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value !== '') return Number(value);
  if (typeof value === 'bigint') return Number(value);
  return 0;
}

export function chNullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : chNumber(value);
}

export function chNullableString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
