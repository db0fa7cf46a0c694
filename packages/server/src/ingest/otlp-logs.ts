/** `POST /i/v0/ai/otel/v1/logs`: OTLP content log records, joined to their spans. */
import { type LogRecordRecord } from '@llm-analytics/core';
import type { PendingLog } from '../store/event-store';
import {
  OtlpDecodeError,
  decodeLogs,
  encodeLogsServiceResponse,
  logsServiceResponseJson,
  type OtlpContentType,
  type RejectedItem,
} from '@llm-analytics/core/otlp';
import { badRequest } from '../http/http-error';
import { readBody } from '../http/read-body';
import type { RouteHandler } from '../http/router';
import { durably, writerProject, type IngestContext } from './ingest-context';
import { otlpFormat, sendOtlp } from './otlp-format';

/** Positions of the decoded records in the request (the decoder skips the ones it rejected). */
function requestIndexes(decodedCount: number, rejected: readonly RejectedItem[]): number[] {
  const skipped = new Set(rejected.map((item) => item.index));
  const indexes: number[] = [];
  for (let index = 0; indexes.length < decodedCount; index++)
    if (!skipped.has(index)) indexes.push(index);
  return indexes;
}

/** Decode an OTLP logs request and keep or join its content records; returns the rejected ones. */
export async function ingestLogs(
  context: IngestContext,
  project: string,
  body: Buffer,
  format: OtlpContentType,
): Promise<RejectedItem[]> {
  let decoded;
  try {
    decoded = decodeLogs(format === 'json' ? body.toString('utf8') : new Uint8Array(body), format);
  } catch (error) {
    if (error instanceof OtlpDecodeError)
      throw badRequest(`malformed OTLP logs request: ${error.message}`);
    throw error;
  }
  const rejected: RejectedItem[] = [...decoded.rejected];
  const indexes = requestIndexes(decoded.logs.length, decoded.rejected);
  const joinable: LogRecordRecord[] = [];
  decoded.logs.forEach((log, position) => {
    if (log.spanId) joinable.push(log);
    else
      rejected.push({
        index: indexes[position]!,
        reason: 'no span id: a content log record must carry its span context',
      });
  });
  await storeLogs(context, project, joinable);
  return rejected.sort((left, right) => left.index - right.index);
}

export function otlpLogsHandler(context: IngestContext): RouteHandler {
  return async ({ request, response }) => {
    const project = writerProject(request, context.projects);
    const format = otlpFormat(request);
    const body = await readBody(request, { maxBytes: context.maxBodyBytes });
    const rejected = await ingestLogs(context, project.id, body, format);
    sendOtlp(
      response,
      format,
      () => encodeLogsServiceResponse(rejected),
      () => logsServiceResponseJson(rejected),
    );
  };
}

/** Late logs re-map their kept span; the others wait, durably, for their span. */
export async function storeLogs(
  context: IngestContext,
  project: string,
  logs: LogRecordRecord[],
): Promise<void> {
  const { joiner } = context;
  await durably(joiner.learnKeptSpans(project, logs), context.log);
  const routed = joiner.route(project, logs);
  const pending = [...routed.pending];
  const evicted = [...routed.evictedIds];
  if (routed.late.length) {
    let orphans: LogRecordRecord[];
    try {
      orphans = await durably(joiner.joinLate(project, routed.late), context.log);
    } catch (error) {
      joiner.unroute(project, pending);
      throw error;
    }
    // Their kept span was pruned meanwhile: they wait like early logs (the span may be re-sent).
    if (orphans.length) {
      const again = joiner.route(project, orphans);
      pending.push(...again.pending);
      evicted.push(...again.evictedIds);
    }
  }
  if (!pending.length && !evicted.length) return;
  try {
    await durably(
      context.store.write({ pendingLogs: pending, removePendingLogIds: evicted }),
      context.log,
    );
  } catch (error) {
    joiner.unroute(project, pending);
    throw error;
  }
  joiner.releasePending(project, pending);
  await joinRacedSpans(context, project, pending);
}

/**
 * Shared store: a replica may have stored the span of a pending log while the log was being
 * written (it found no log to take): join it now. Both sides may join; a join is idempotent.
 */
async function joinRacedSpans(
  context: IngestContext,
  project: string,
  pending: readonly PendingLog[],
): Promise<void> {
  if (!context.store.shared || !pending.length) return;
  const { joiner } = context;
  const logs = pending.map((item) => item.log);
  await durably(joiner.learnKeptSpans(project, logs), context.log);
  const routed = joiner.route(project, logs);
  // Still no span: they wait in the store (route indexed them again; forget that).
  joiner.releasePending(project, routed.pending);
  if (!routed.late.length) return;
  await durably(joiner.joinLate(project, routed.late), context.log);
  const joined = new Set(routed.late);
  await durably(
    context.store.write({
      removePendingLogIds: pending.filter((item) => joined.has(item.log)).map((item) => item.id),
    }),
    context.log,
  );
}
