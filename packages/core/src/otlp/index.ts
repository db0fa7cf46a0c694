export {
  OtlpDecodeError,
  type RejectedItem,
  type RejectedLogRecord,
  type RejectedSpan,
} from './errors';
export type { OtlpContentType } from './decode-common';
export {
  decodeTraces,
  decodeTracesJson,
  decodeTracesProtobuf,
  type DecodedTraces,
} from './decode-traces';
export { decodeLogs, decodeLogsJson, decodeLogsProtobuf, type DecodedLogs } from './decode-logs';
export {
  encodeLogsServiceResponse,
  encodeTraceServiceResponse,
  logsServiceResponseJson,
  partialSuccessMessage,
  traceServiceResponseJson,
} from './response';
export {
  ExportLogsServiceRequestType,
  ExportLogsServiceResponseType,
  ExportTraceServiceRequestType,
  ExportTraceServiceResponseType,
  otlpRoot,
} from './proto';
export { anyValueToJson, attributesToJson, encodeTracesJson, spanToJson } from './encode-json';
