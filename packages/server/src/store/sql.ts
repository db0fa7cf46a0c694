/** Small helpers for building parameterised DuckDB SQL. */
import { timestampValue, type DuckDBValue } from '@duckdb/node-api';

/** Collects bound values and hands out `$n` placeholders: user input never enters the SQL text. */
export class Params {
  readonly values: DuckDBValue[] = [];

  add(value: DuckDBValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  time(date: Date): string {
    return this.add(timestampValue(BigInt(date.getTime()) * 1000n));
  }

  /** `search_text` (stored lower-cased) contains the text, case-insensitively. */
  textContains(column: string, text: string): string {
    return `contains(${column}, ${this.add(text.toLowerCase())})`;
  }

  /** A case-insensitive "contains" pattern for ILIKE … ESCAPE '\'. */
  contains(text: string): string {
    return this.add(`%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`);
  }
}

/** `timestamp` range conditions shared by every view. */
export function timeRange(params: Params, range: { from?: Date; to?: Date }): string {
  let sql = '';
  if (range.from) sql += ` AND timestamp >= ${params.time(range.from)}`;
  if (range.to) sql += ` AND timestamp < ${params.time(range.to)}`;
  return sql;
}

/** DuckDB returns BIGINT/HUGEINT as bigint: the API speaks JSON numbers. */
export function toNumber(value: unknown): number {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  return 0;
}

export function toNullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}

export function toNullableString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
