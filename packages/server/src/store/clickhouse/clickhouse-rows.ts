/** Rows of the ClickHouse tables, as JSONEachRow objects. */
import type { PendingLog, RecentSpan } from '../event-store';
import type { EventRow } from '../event-row';

/** `YYYY-MM-DD hh:mm:ss.ffffff` in UTC: what a DateTime64(6, 'UTC') column parses exactly. */
export function microsToDateTime64(micros: bigint): string {
  const seconds = micros >= 0n ? micros / 1_000_000n : -((-micros + 999_999n) / 1_000_000n);
  const fraction = micros - seconds * 1_000_000n;
  const iso = new Date(Number(seconds) * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${fraction.toString().padStart(6, '0')}`;
}

export function msToDateTime64(ms: number): string {
  return microsToDateTime64(BigInt(Math.round(ms)) * 1000n);
}

export function eventRowValues(row: EventRow, receivedMicros: bigint, version: bigint) {
  return {
    project: row.project,
    uuid: row.uuid,
    event: row.event,
    timestamp: microsToDateTime64(row.timestampMicros),
    end_timestamp:
      row.endTimestampMicros === null ? null : microsToDateTime64(row.endTimestampMicros),
    distinct_id: row.distinctId,
    trace_id: row.traceId,
    span_id: row.spanId,
    parent_id: row.parentId,
    session_id: row.sessionId,
    span_name: row.spanName,
    trace_name: row.traceName,
    model: row.model,
    provider: row.provider,
    input_tokens: row.inputTokens,
    output_tokens: row.outputTokens,
    cache_read_tokens: row.cacheReadTokens,
    cache_creation_tokens: row.cacheCreationTokens,
    reasoning_tokens: row.reasoningTokens,
    input_cost_usd: row.inputCostUsd,
    output_cost_usd: row.outputCostUsd,
    total_cost_usd: row.totalCostUsd,
    latency: row.latency,
    ttft: row.timeToFirstToken,
    is_error: row.isError,
    error: row.error,
    http_status: row.httpStatus,
    search_text: row.searchText,
    properties: row.properties,
    service_name: row.serviceName,
    anonymous: row.anonymous,
    duplicate_of: row.duplicateOf,
    cost_error: row.costError,
    usage_estimated: row.usageEstimated,
    input_includes_cache: row.inputIncludesCache,
    error_type: row.errorType,
    error_message: row.errorMessage,
    received_at: microsToDateTime64(receivedMicros),
    version: version.toString(),
  };
}

/**
 * A kept span: the copy carrying more content logs wins (a late join only ever adds logs),
 * so a retried span request never undoes a join; a replacement wins a tie.
 */
export function recentSpanValues(item: RecentSpan, replacing: boolean) {
  return {
    project: item.project,
    trace_id: item.span.traceId,
    span_id: item.span.spanId,
    received_at: msToDateTime64(item.receivedAt),
    record: JSON.stringify(item.span),
    version: item.span.logs.length * 2 + (replacing ? 1 : 0),
  };
}

export function pendingLogValues(item: PendingLog) {
  return {
    project: item.project,
    span_id: item.spanId,
    id: item.id,
    trace_id: item.traceId ?? null,
    received_at: msToDateTime64(item.receivedAt),
    record: JSON.stringify(item.log),
    version: 1,
    is_deleted: 0,
  };
}
