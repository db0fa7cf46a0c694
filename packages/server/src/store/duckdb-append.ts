/** Appender loops for the write path: one column value at a time, in schema order. */
import { timestampValue, type DuckDBAppender } from '@duckdb/node-api';
import type { EventRow } from './event-row';

function appendText(appender: DuckDBAppender, value: string | null): void {
  if (value === null) appender.appendNull();
  else appender.appendVarchar(value);
}

function appendCount(appender: DuckDBAppender, value: number | null): void {
  if (value === null) appender.appendNull();
  else appender.appendBigInt(BigInt(value));
}

function appendDouble(appender: DuckDBAppender, value: number | null): void {
  if (value === null) appender.appendNull();
  else appender.appendDouble(value);
}

function appendMicros(appender: DuckDBAppender, value: bigint | null): void {
  if (value === null) appender.appendNull();
  else appender.appendTimestamp(timestampValue(value));
}

export function appendEventRow(
  appender: DuckDBAppender,
  row: EventRow,
  receivedMicros: bigint,
): void {
  appender.appendVarchar(row.project);
  appender.appendVarchar(row.uuid);
  appender.appendVarchar(row.event);
  appendMicros(appender, row.timestampMicros);
  appendMicros(appender, row.endTimestampMicros);
  appender.appendVarchar(row.distinctId);
  appendText(appender, row.traceId);
  appendText(appender, row.spanId);
  appendText(appender, row.parentId);
  appendText(appender, row.sessionId);
  appendText(appender, row.spanName);
  appendText(appender, row.traceName);
  appendText(appender, row.model);
  appendText(appender, row.provider);
  appendCount(appender, row.inputTokens);
  appendCount(appender, row.outputTokens);
  appendCount(appender, row.cacheReadTokens);
  appendCount(appender, row.cacheCreationTokens);
  appendCount(appender, row.reasoningTokens);
  appendDouble(appender, row.inputCostUsd);
  appendDouble(appender, row.outputCostUsd);
  appendDouble(appender, row.totalCostUsd);
  appendDouble(appender, row.latency);
  appendDouble(appender, row.timeToFirstToken);
  appender.appendBoolean(row.isError);
  appendText(appender, row.error);
  appendCount(appender, row.httpStatus);
  appendText(appender, row.searchText);
  appender.appendVarchar(row.properties);
  appendMicros(appender, receivedMicros);
  // Version-2 columns, in V2_COLUMNS order.
  appendText(appender, row.serviceName);
  appender.appendBoolean(row.anonymous);
  appendText(appender, row.duplicateOf);
  appendText(appender, row.costError);
  appender.appendBoolean(row.usageEstimated);
  appender.appendBoolean(row.inputIncludesCache);
  appendText(appender, row.errorType);
  appendText(appender, row.errorMessage);
  appender.endRow();
}

export interface KeptRow {
  project: string;
  spanId: string;
  traceId: string | null;
  receivedMicros: bigint;
  record: string;
}

/** Rows of `otlp_recent_spans` / `staging_spans` (no id) and `otlp_pending_logs` (with one). */
export function appendKeptRow(appender: DuckDBAppender, row: KeptRow, id?: string): void {
  if (id !== undefined) appender.appendVarchar(id);
  appender.appendVarchar(row.project);
  appender.appendVarchar(row.spanId);
  appendText(appender, row.traceId);
  appender.appendTimestamp(timestampValue(row.receivedMicros));
  appender.appendVarchar(row.record);
  appender.endRow();
}
