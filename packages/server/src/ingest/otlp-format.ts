/** OTLP/HTTP content types and the `google.rpc.Status` error body the OTLP spec asks for. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OtlpContentType } from '@llm-analytics/core/otlp';
import { HttpError } from '../http/http-error';
import { sendBytes, sendJson } from '../http/respond';

const PROTOBUF_TYPES = new Set(['application/x-protobuf', 'application/protobuf']);

function mediaType(request: IncomingMessage): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The request's OTLP encoding; 415 for anything else. */
export function otlpFormat(request: IncomingMessage): OtlpContentType {
  const type = mediaType(request);
  if (PROTOBUF_TYPES.has(type)) return 'protobuf';
  if (type === 'application/json') return 'json';
  throw new HttpError(
    415,
    `unsupported content-type "${type || '(none)'}": OTLP/HTTP needs application/x-protobuf or application/json`,
  );
}

/** Send an OTLP export response in the request's encoding. */
export function sendOtlp(
  response: ServerResponse,
  format: OtlpContentType,
  protobuf: () => Uint8Array,
  json: () => unknown,
): void {
  if (format === 'protobuf') sendBytes(response, 200, 'application/x-protobuf', protobuf());
  else sendJson(response, 200, json());
}

/** gRPC status codes for the HTTP statuses we answer with (OTLP reuses google.rpc.Status). */
export function grpcCode(status: number): number {
  if (status === 400 || status === 415) return 3; // INVALID_ARGUMENT
  if (status === 401) return 16; // UNAUTHENTICATED
  if (status === 404) return 5; // NOT_FOUND
  if (status === 413) return 8; // RESOURCE_EXHAUSTED
  if (status === 503) return 14; // UNAVAILABLE
  return 13; // INTERNAL
}

function varint(value: number): number[] {
  const bytes: number[] = [];
  while (value > 0x7f) {
    bytes.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  bytes.push(value);
  return bytes;
}

/**
 * `google.rpc.Status { int32 code = 1; string message = 2; }`, written by hand: two fields
 * are not worth loading a second proto schema for.
 */
export function encodeStatus(code: number, message: string): Uint8Array {
  const text = Buffer.from(message, 'utf8');
  return Uint8Array.from([0x08, ...varint(code), 0x12, ...varint(text.byteLength), ...text]);
}

/** An OTLP error: protobuf Status for protobuf requests, JSON Status otherwise. */
export function sendOtlpError(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  const code = grpcCode(status);
  if (PROTOBUF_TYPES.has(mediaType(request)))
    sendBytes(response, status, 'application/x-protobuf', encodeStatus(code, message), headers);
  else sendJson(response, status, { code, message, error: message }, headers);
}
