/** OTLP logs (protobuf or JSON export requests) → log records, for joining content events to spans. */
import { EVENT_NAME } from '../semconv/common';
import type { AttributeValue, Attributes, LogRecordRecord } from '../types';
import {
  anyValueFromJson,
  anyValueFromProto,
  attributesFromJson,
  attributesFromProto,
  isJsonObject,
  jsonArray,
  jsonField,
} from './any-value';
import {
  type OtlpContentType,
  decodeProtobufMessage,
  idFromJson,
  idFromProto,
  jsonTime,
  optionalJsonString,
  parseJsonBody,
  rejectionReason,
} from './decode-common';
import { ItemRejection, OtlpDecodeError, type RejectedLogRecord } from './errors';
import { uint64ToDecimal } from './int64';
import {
  ExportLogsServiceRequestType,
  type ProtoExportLogsServiceRequest,
  type ProtoLogRecord,
} from './proto';

/** Decoded log records, and those of the request that were rejected (for an OTLP partial success). */
export interface DecodedLogs {
  logs: LogRecordRecord[];
  rejected: RejectedLogRecord[];
}

/**
 * Decode an OTLP/HTTP logs body. Throws {@link OtlpDecodeError} when the request is
 * malformed; a single bad record (e.g. a span id of the wrong length) lands in `rejected`.
 */
export function decodeLogs(body: Uint8Array | string, contentType: OtlpContentType): DecodedLogs {
  if (contentType === 'json') return decodeLogsJson(body);
  if (typeof body === 'string') throw new OtlpDecodeError('invalid protobuf: body must be bytes');
  return decodeLogsProtobuf(body);
}

/** Decode an `ExportLogsServiceRequest` protobuf body. */
export function decodeLogsProtobuf(bytes: Uint8Array): DecodedLogs {
  const request = decodeProtobufMessage<ProtoExportLogsServiceRequest>(
    ExportLogsServiceRequestType,
    bytes,
  );
  const result: DecodedLogs = { logs: [], rejected: [] };
  let index = 0;
  for (const resourceLogs of request.resourceLogs ?? []) {
    for (const scopeLogs of resourceLogs.scopeLogs ?? []) {
      for (const record of scopeLogs.logRecords ?? []) {
        try {
          result.logs.push(logFromProto(record));
        } catch (error) {
          result.rejected.push({ index, reason: rejectionReason(error) });
        }
        index++;
      }
    }
  }
  return result;
}

function logFromProto(record: ProtoLogRecord): LogRecordRecord {
  const traceId = idFromProto(record.traceId, 16, 'traceId');
  const spanId = idFromProto(record.spanId, 8, 'spanId');
  const time = uint64ToDecimal(record.timeUnixNano);
  return buildLogRecord({
    timeUnixNano: time === '0' ? uint64ToDecimal(record.observedTimeUnixNano) : time,
    eventName: record.eventName ?? undefined,
    severityText: record.severityText ?? undefined,
    body: anyValueFromProto(record.body),
    attributes: attributesFromProto(record.attributes),
    traceId,
    spanId,
  });
}

/** Decode an OTLP/JSON `ExportLogsServiceRequest` (text, UTF-8 bytes, or a parsed object). */
export function decodeLogsJson(body: unknown): DecodedLogs {
  const request = parseJsonBody(body);
  const result: DecodedLogs = { logs: [], rejected: [] };
  let index = 0;
  const fail = (message: string) => new OtlpDecodeError(`OTLP/JSON: ${message}`);
  const resourceLogsList = jsonArray(
    jsonField(request, 'resourceLogs', 'resource_logs'),
    'resourceLogs',
    fail,
  );
  resourceLogsList.forEach((resourceLogs, resourceIndex) => {
    const resourcePath = `resourceLogs[${resourceIndex}]`;
    if (!isJsonObject(resourceLogs)) throw fail(`${resourcePath} must be an object`);
    const scopeLogsList = jsonArray(
      jsonField(resourceLogs, 'scopeLogs', 'scope_logs'),
      `${resourcePath}.scopeLogs`,
      fail,
    );
    scopeLogsList.forEach((scopeLogs, scopeIndex) => {
      const scopePath = `${resourcePath}.scopeLogs[${scopeIndex}]`;
      if (!isJsonObject(scopeLogs)) throw fail(`${scopePath} must be an object`);
      const records = jsonArray(
        jsonField(scopeLogs, 'logRecords', 'log_records'),
        `${scopePath}.logRecords`,
        fail,
      );
      for (const record of records) {
        try {
          result.logs.push(logFromJson(record));
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

function logFromJson(record: unknown): LogRecordRecord {
  if (!isJsonObject(record)) throw new ItemRejection('log record must be an object');
  const time = jsonTime(jsonField(record, 'timeUnixNano', 'time_unix_nano'), 'timeUnixNano');
  return buildLogRecord({
    timeUnixNano:
      time === '0'
        ? jsonTime(
            jsonField(record, 'observedTimeUnixNano', 'observed_time_unix_nano'),
            'observedTimeUnixNano',
          )
        : time,
    eventName: optionalJsonString(jsonField(record, 'eventName', 'event_name'), 'eventName'),
    severityText: optionalJsonString(
      jsonField(record, 'severityText', 'severity_text'),
      'severityText',
    ),
    body: anyValueFromJson(record['body'], 'body'),
    attributes: attributesFromJson(record['attributes'], 'attributes'),
    traceId: idFromJson(jsonField(record, 'traceId', 'trace_id'), 16, 'traceId'),
    spanId: idFromJson(jsonField(record, 'spanId', 'span_id'), 8, 'spanId'),
  });
}

interface LogRecordParts {
  timeUnixNano: string;
  eventName: string | undefined;
  severityText: string | undefined;
  body: AttributeValue;
  attributes: Attributes;
  traceId: string | undefined;
  spanId: string | undefined;
}

/** Same rules as `logRecordFromSdk`: event name field, else the `event.name` attribute; empty body omitted. */
function buildLogRecord(parts: LogRecordParts): LogRecordRecord {
  const record: LogRecordRecord = {
    timeUnixNano: parts.timeUnixNano,
    attributes: parts.attributes,
  };
  const eventNameAttribute = parts.attributes[EVENT_NAME];
  const eventName =
    parts.eventName || (typeof eventNameAttribute === 'string' ? eventNameAttribute : undefined);
  if (eventName) record.eventName = eventName;
  if (parts.severityText) record.severityText = parts.severityText;
  if (parts.body !== null) record.body = parts.body;
  if (parts.traceId !== undefined) record.traceId = parts.traceId;
  if (parts.spanId !== undefined) record.spanId = parts.spanId;
  return record;
}
