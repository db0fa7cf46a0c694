/** OTLP traces (protobuf or JSON export requests) → span records. */
import type { Attributes, SpanEventRecord, SpanRecord } from '../types';
import { spanKindFromOtlp, statusCodeName } from '../span-record/kinds';
import {
  attributesFromJson,
  attributesFromProto,
  isJsonObject,
  jsonArray,
  jsonField,
} from './any-value';
import {
  type OtlpContentType,
  decodeProtobufMessage,
  envelope,
  idFromJson,
  idFromProto,
  jsonTime,
  optionalJsonString,
  parseJsonBody,
  rejectionReason,
  requireId,
  scopeFromJson,
  scopeFromProto,
  spanKindFromJson,
  statusCodeFromJson,
} from './decode-common';
import { ItemRejection, OtlpDecodeError, type RejectedSpan } from './errors';
import { uint64ToDecimal } from './int64';
import {
  ExportTraceServiceRequestType,
  type ProtoExportTraceServiceRequest,
  type ProtoSpan,
} from './proto';

/** Decoded spans, and the spans of the request that were rejected (for an OTLP partial success). */
export interface DecodedTraces {
  spans: SpanRecord[];
  rejected: RejectedSpan[];
}

/**
 * Decode an OTLP/HTTP traces body. Throws {@link OtlpDecodeError} when the request is
 * malformed; a single bad span only lands in `rejected`.
 */
export function decodeTraces(
  body: Uint8Array | string,
  contentType: OtlpContentType,
): DecodedTraces {
  if (contentType === 'json') return decodeTracesJson(body);
  if (typeof body === 'string') throw new OtlpDecodeError('invalid protobuf: body must be bytes');
  return decodeTracesProtobuf(body);
}

/** Decode an `ExportTraceServiceRequest` protobuf body. */
export function decodeTracesProtobuf(bytes: Uint8Array): DecodedTraces {
  const request = decodeProtobufMessage<ProtoExportTraceServiceRequest>(
    ExportTraceServiceRequestType,
    bytes,
  );
  const result: DecodedTraces = { spans: [], rejected: [] };
  let index = 0;
  for (const resourceSpans of request.resourceSpans ?? []) {
    const resource = attributesFromProto(resourceSpans.resource?.attributes);
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      const scope = scopeFromProto(scopeSpans.scope);
      for (const span of scopeSpans.spans ?? []) {
        try {
          result.spans.push(spanFromProto(span, resource, scope));
        } catch (error) {
          result.rejected.push({ index, reason: rejectionReason(error) });
        }
        index++;
      }
    }
  }
  return result;
}

function spanFromProto(
  span: ProtoSpan,
  resource: Attributes,
  scope: SpanRecord['scope'],
): SpanRecord {
  const traceId = requireId(idFromProto(span.traceId, 16, 'traceId'), 'traceId');
  const spanId = requireId(idFromProto(span.spanId, 8, 'spanId'), 'spanId');
  const parentSpanId = idFromProto(span.parentSpanId, 8, 'parentSpanId');
  const events: SpanEventRecord[] = (span.events ?? []).map((event) => ({
    name: event.name ?? '',
    timeUnixNano: uint64ToDecimal(event.timeUnixNano),
    attributes: attributesFromProto(event.attributes),
  }));
  const statusMessage = span.status?.message;
  const record: SpanRecord = {
    traceId,
    spanId,
    name: span.name ?? '',
    kind: spanKindFromOtlp(span.kind ?? 0),
    startTimeUnixNano: uint64ToDecimal(span.startTimeUnixNano),
    endTimeUnixNano: uint64ToDecimal(span.endTimeUnixNano),
    status: statusMessage
      ? { code: statusCodeName(span.status?.code ?? 0), message: statusMessage }
      : { code: statusCodeName(span.status?.code ?? 0) },
    scope: { ...scope },
    // Each span gets its own copy (spread keeps a `__proto__` key an own property).
    resource: { ...resource },
    attributes: attributesFromProto(span.attributes),
    events,
    logs: [],
  };
  if (parentSpanId !== undefined) record.parentSpanId = parentSpanId;
  return record;
}

/** Decode an OTLP/JSON `ExportTraceServiceRequest` (text, UTF-8 bytes, or a parsed object). */
export function decodeTracesJson(body: unknown): DecodedTraces {
  const request = parseJsonBody(body);
  const result: DecodedTraces = { spans: [], rejected: [] };
  let index = 0;
  const fail = (message: string) => new OtlpDecodeError(`OTLP/JSON: ${message}`);
  const resourceSpansList = jsonArray(
    jsonField(request, 'resourceSpans', 'resource_spans'),
    'resourceSpans',
    fail,
  );
  resourceSpansList.forEach((resourceSpans, resourceIndex) => {
    const resourcePath = `resourceSpans[${resourceIndex}]`;
    if (!isJsonObject(resourceSpans)) throw fail(`${resourcePath} must be an object`);
    const resource = envelope(() => resourceFromJson(resourceSpans, resourcePath));
    const scopeSpansList = jsonArray(
      jsonField(resourceSpans, 'scopeSpans', 'scope_spans') ??
        jsonField(resourceSpans, 'instrumentationLibrarySpans', 'instrumentation_library_spans'),
      `${resourcePath}.scopeSpans`,
      fail,
    );
    scopeSpansList.forEach((scopeSpans, scopeIndex) => {
      const scopePath = `${resourcePath}.scopeSpans[${scopeIndex}]`;
      if (!isJsonObject(scopeSpans)) throw fail(`${scopePath} must be an object`);
      const scope = envelope(() => scopeFromJson(scopeSpans, scopePath));
      const spans = jsonArray(jsonField(scopeSpans, 'spans'), `${scopePath}.spans`, fail);
      for (const span of spans) {
        try {
          result.spans.push(spanFromJson(span, resource, scope));
        } catch (error) {
          if (!(error instanceof ItemRejection)) throw error;
          result.rejected.push({ index, reason: rejectionReason(error) });
        }
        index++;
      }
    });
  });
  return result;
}

/** Resource attributes of a JSON `resourceSpans` / `resourceLogs` entry. */
export function resourceFromJson(container: Record<string, unknown>, path: string): Attributes {
  const resource = jsonField(container, 'resource');
  if (resource === undefined || resource === null) return {};
  if (!isJsonObject(resource)) throw new ItemRejection(`${path}.resource must be an object`);
  return attributesFromJson(resource['attributes'], `${path}.resource.attributes`);
}

function spanFromJson(span: unknown, resource: Attributes, scope: SpanRecord['scope']): SpanRecord {
  if (!isJsonObject(span)) throw new ItemRejection('span must be an object');
  const traceId = requireId(
    idFromJson(jsonField(span, 'traceId', 'trace_id'), 16, 'traceId'),
    'traceId',
  );
  const spanId = requireId(idFromJson(jsonField(span, 'spanId', 'span_id'), 8, 'spanId'), 'spanId');
  const parentSpanId = idFromJson(
    jsonField(span, 'parentSpanId', 'parent_span_id'),
    8,
    'parentSpanId',
  );
  const events = jsonArray(
    jsonField(span, 'events'),
    'events',
    (message) => new ItemRejection(message),
  ).map((event, eventIndex): SpanEventRecord => {
    const path = `events[${eventIndex}]`;
    if (!isJsonObject(event)) throw new ItemRejection(`${path} must be an object`);
    return {
      name: optionalJsonString(event['name'], `${path}.name`) ?? '',
      timeUnixNano: jsonTime(
        jsonField(event, 'timeUnixNano', 'time_unix_nano'),
        `${path}.timeUnixNano`,
      ),
      attributes: attributesFromJson(event['attributes'], `${path}.attributes`),
    };
  });
  const status = jsonField(span, 'status');
  if (status !== undefined && status !== null && !isJsonObject(status))
    throw new ItemRejection('status must be an object');
  const statusCode = statusCodeFromJson(status?.['code'], 'status.code');
  const statusMessage = optionalJsonString(status?.['message'], 'status.message');
  const record: SpanRecord = {
    traceId,
    spanId,
    name: optionalJsonString(span['name'], 'name') ?? '',
    kind: spanKindFromJson(span['kind'], 'kind'),
    startTimeUnixNano: jsonTime(
      jsonField(span, 'startTimeUnixNano', 'start_time_unix_nano'),
      'startTimeUnixNano',
    ),
    endTimeUnixNano: jsonTime(
      jsonField(span, 'endTimeUnixNano', 'end_time_unix_nano'),
      'endTimeUnixNano',
    ),
    status: statusMessage ? { code: statusCode, message: statusMessage } : { code: statusCode },
    scope: { ...scope },
    resource: { ...resource },
    attributes: attributesFromJson(span['attributes'], 'attributes'),
    events,
    logs: [],
  };
  if (parentSpanId !== undefined) record.parentSpanId = parentSpanId;
  return record;
}
