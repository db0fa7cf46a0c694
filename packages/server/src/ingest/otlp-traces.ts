/** `POST /i/v0/ai/otel`: OTLP/HTTP traces through the very pipeline the SDK runs. */
import { joinLogsToSpans, type SpanRecord } from '@llm-analytics/core';
import { P } from '@llm-analytics/core/semconv';
import {
  OtlpDecodeError,
  decodeTraces,
  partialSuccessMessage,
  ExportTraceServiceResponseType,
  type OtlpContentType,
  type RejectedItem,
} from '@llm-analytics/core/otlp';
import { badRequest } from '../http/http-error';
import { readBody } from '../http/read-body';
import type { RouteHandler } from '../http/router';
import { durably, storeFailure, writerProject, type IngestContext } from './ingest-context';
import type { TakenLogs } from './log-join';
import { mapWithEarlierSpans } from './map-with-earlier-spans';
import { otlpFormat, sendOtlp } from './otlp-format';

export interface TracesOutcome {
  stored: number;
  nonAi: number;
  rejected: RejectedItem[];
}

/**
 * The partial-success message: the rejected spans with reasons (the core's wording), and
 * how many non-AI spans were dropped. Dropped non-AI spans are a warning, not a rejection:
 * mixed trace streams are expected, so they don't count in `rejected_spans`.
 */
export function tracesResponseMessage(outcome: TracesOutcome): string {
  const parts: string[] = [];
  if (outcome.rejected.length) parts.push(partialSuccessMessage(outcome.rejected, 'span'));
  if (outcome.nonAi)
    parts.push(
      `${outcome.nonAi} non-AI span${outcome.nonAi === 1 ? '' : 's'} dropped (only AI spans are stored)`,
    );
  return parts.join('; ');
}

/** The partial-success fields of an export response; `undefined` when everything was taken. */
export function tracesPartialSuccess(
  outcome: TracesOutcome,
): { rejectedSpans: number; errorMessage: string } | undefined {
  const message = tracesResponseMessage(outcome);
  return message ? { rejectedSpans: outcome.rejected.length, errorMessage: message } : undefined;
}

/** The protobuf `ExportTraceServiceResponse` for an outcome (OTLP/HTTP and OTLP/gRPC alike). */
export function encodeTracesResponse(outcome: TracesOutcome): Uint8Array {
  const fields = tracesPartialSuccess(outcome);
  return ExportTraceServiceResponseType.encode(fields ? { partialSuccess: fields } : {}).finish();
}

/** Decode an OTLP traces request and store its AI spans: the one path for HTTP and gRPC. */
export async function ingestTraces(
  context: IngestContext,
  project: string,
  body: Buffer,
  format: OtlpContentType,
): Promise<TracesOutcome> {
  let decoded;
  try {
    decoded = decodeTraces(
      format === 'json' ? body.toString('utf8') : new Uint8Array(body),
      format,
    );
  } catch (error) {
    if (error instanceof OtlpDecodeError)
      throw badRequest(`malformed OTLP traces request: ${error.message}`);
    throw error;
  }
  const outcome = await storeSpans(context, project, decoded.spans);
  outcome.rejected.unshift(...decoded.rejected);
  return outcome;
}

export function otlpTracesHandler(context: IngestContext): RouteHandler {
  return async ({ request, response }) => {
    const project = writerProject(request, context.projects);
    const format = otlpFormat(request);
    const body = await readBody(request, { maxBytes: context.maxBodyBytes });
    const outcome = await ingestTraces(context, project.id, body, format);
    const fields = tracesPartialSuccess(outcome);
    sendOtlp(
      response,
      format,
      () => encodeTracesResponse(outcome),
      () =>
        fields
          ? {
              partialSuccess: {
                rejectedSpans: String(fields.rejectedSpans),
                errorMessage: fields.errorMessage,
              },
            }
          : {},
    );
  };
}

/** Join waiting logs, map, store durably and keep the AI spans for late logs. */
export async function storeSpans(
  context: IngestContext,
  project: string,
  decodedSpans: SpanRecord[],
): Promise<TracesOutcome> {
  const { joiner } = context;
  const taken = joiner.takePending(project, decodedSpans);
  let stored: TakenLogs;
  let earlier: SpanRecord[];
  try {
    [stored, earlier] = await Promise.all([
      joiner.takeStoredPending(project, decodedSpans, taken.ids),
      joiner.earlierSpans(project, decodedSpans),
    ]);
  } catch (error) {
    joiner.restorePending(project, decodedSpans, taken);
    throw storeFailure(error, context.log);
  }
  taken.logs.push(...stored.logs);
  taken.ids.push(...stored.ids);
  const spans = taken.logs.length ? joinLogsToSpans(decodedSpans, taken.logs).spans : decodedSpans;
  const { result, insert, replace } = mapWithEarlierSpans(context.map, spans, earlier);
  const mapped = new Set(
    result.events.map(
      (event) => `${String(event.properties[P.traceId])}:${String(event.properties[P.spanId])}`,
    ),
  );
  const aiSpans = spans.filter((span) => mapped.has(`${span.traceId}:${span.spanId}`));
  const kept = joiner.keepSpans(project, aiSpans);
  try {
    await durably(
      context.store.write({
        insert: insert.map((event) => ({ project, event })),
        replace: replace.map((event) => ({ project, event })),
        recentSpans: kept,
        removePendingLogIds: taken.ids,
      }),
      context.log,
    );
  } catch (error) {
    joiner.forgetSpans(project, aiSpans);
    joiner.restorePending(project, decodedSpans, taken);
    throw error;
  }
  // Another replica may have stored logs for these spans while they were being written: it
  // saw no kept span, so this side joins them.
  const raced = await durably(joiner.takeStoredPending(project, aiSpans, taken.ids), context.log);
  if (raced.logs.length) {
    await durably(joiner.joinLate(project, raced.logs), context.log);
    await durably(context.store.write({ removePendingLogIds: raced.ids }), context.log);
  }
  // Span indexes here count decoded spans, after the decoder's own rejections.
  const rejected: RejectedItem[] = result.failed.map((failure) => ({
    index: decodedSpans.findIndex((span) => span.spanId === failure.spanId),
    reason: `span ${failure.spanId} could not be mapped: ${failure.reason}`,
  }));
  return { stored: insert.length, nonAi: result.nonAi, rejected };
}
