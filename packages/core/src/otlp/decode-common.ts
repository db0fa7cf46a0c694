/** Pieces shared by the traces and logs decoders: body parsing, ids, scopes, enums. */
import type protobuf from 'protobufjs/light.js';
import type { SpanKindName, SpanRecord, StatusCodeName } from '../types';
import { base64ToBytes, bytesToHex, isAllZeroBytes, isAllZeroHex } from '../span-record/encoding';
import {
  OTLP_SPAN_KIND_NAMES,
  STATUS_CODE_NAMES,
  spanKindFromOtlp,
  statusCodeName,
} from '../span-record/kinds';
import { isJsonObject, jsonField } from './any-value';
import { ItemRejection, OtlpDecodeError } from './errors';
import { parseJsonUint64 } from './int64';
import type { ProtoScope } from './proto';

/** Wire format of an OTLP/HTTP body. */
export type OtlpContentType = 'protobuf' | 'json';

/** Decode a protobuf message, turning every failure into an {@link OtlpDecodeError}. */
export function decodeProtobufMessage<T>(type: protobuf.Type, bytes: unknown): T {
  if (!(bytes instanceof Uint8Array))
    throw new OtlpDecodeError('invalid protobuf: body must be bytes');
  try {
    return type.decode(bytes) as unknown as T;
  } catch (error) {
    throw new OtlpDecodeError(`invalid protobuf: ${protobufFailure(error)}`);
  }
}

function protobufFailure(error: unknown): string {
  // protobufjs caps nesting at 100 messages; older releases could still overflow the stack.
  if (error instanceof RangeError && /call stack/i.test(error.message))
    return 'maximum nesting depth exceeded';
  return error instanceof Error ? error.message : String(error);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parse an OTLP/JSON body (text, UTF-8 bytes, or an already parsed value) into its top object. */
export function parseJsonBody(body: unknown): Record<string, unknown> {
  let parsed: unknown = body;
  if (body instanceof Uint8Array) {
    try {
      parsed = utf8.decode(body);
    } catch (error) {
      throw new OtlpDecodeError(
        `OTLP/JSON: body is not valid UTF-8 (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  if (typeof parsed === 'string') {
    try {
      parsed = JSON.parse(parsed) as unknown;
    } catch (error) {
      throw new OtlpDecodeError(
        `OTLP/JSON: body is not JSON (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  if (!isJsonObject(parsed)) throw new OtlpDecodeError('OTLP/JSON: body must be a JSON object');
  return parsed;
}

/** Run envelope-level decoding: an item rejection there fails the whole request. */
export function envelope<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ItemRejection) throw new OtlpDecodeError(`OTLP/JSON: ${error.message}`);
    throw error;
  }
}

/** Reason text for a rejected item. */
export function rejectionReason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Hex of a protobuf id field; `undefined` when empty or all zeros; rejects a wrong length. */
export function idFromProto(
  bytes: Uint8Array | null | undefined,
  byteLength: number,
  label: string,
): string | undefined {
  if (!bytes || bytes.length === 0) return undefined;
  if (bytes.length !== byteLength)
    throw new ItemRejection(`${label} must be ${byteLength} bytes, got ${bytes.length}`);
  return isAllZeroBytes(bytes) ? undefined : bytesToHex(bytes);
}

const HEX = /^[0-9a-fA-F]+$/;

/**
 * Hex of an OTLP/JSON id: hex per the spec, or base64 as some producers send (the proto3
 * JSON mapping of `bytes`). `undefined` when empty or all zeros; rejects anything else.
 */
export function idFromJson(value: unknown, byteLength: number, label: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ItemRejection(`${label} must be a string`);
  let hex: string | undefined;
  if (value.length === byteLength * 2 && HEX.test(value)) {
    hex = value.toLowerCase();
  } else {
    const bytes = base64ToBytes(value);
    if (bytes && bytes.length === byteLength) hex = bytesToHex(bytes);
  }
  if (hex === undefined) {
    throw new ItemRejection(
      `${label} must be ${byteLength * 2} hex characters (or base64 of ${byteLength} bytes)`,
    );
  }
  return isAllZeroHex(hex) ? undefined : hex;
}

/** A required id: rejects the item when missing or all zeros. */
export function requireId(id: string | undefined, label: string): string {
  if (id === undefined) throw new ItemRejection(`${label} is missing or all zeros`);
  return id;
}

/** The record's scope from a protobuf InstrumentationScope. */
export function scopeFromProto(scope: ProtoScope | null | undefined): SpanRecord['scope'] {
  const name = scope?.name ?? '';
  return scope?.version ? { name, version: scope.version } : { name };
}

/** The record's scope from an OTLP/JSON `scope` (or pre-1.0 `instrumentationLibrary`). */
export function scopeFromJson(
  container: Record<string, unknown>,
  path: string,
): SpanRecord['scope'] {
  const scope =
    jsonField(container, 'scope') ??
    jsonField(container, 'instrumentationLibrary', 'instrumentation_library');
  if (scope === undefined || scope === null) return { name: '' };
  if (!isJsonObject(scope)) throw new ItemRejection(`${path}.scope must be an object`);
  const name = optionalJsonString(scope['name'], `${path}.scope.name`) ?? '';
  const version = optionalJsonString(scope['version'], `${path}.scope.version`);
  return version ? { name, version } : { name };
}

/** A string field that may be missing. */
export function optionalJsonString(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ItemRejection(`${path} must be a string`);
  return value;
}

/** An OTLP/JSON enum: its number per the spec, or its name (`SPAN_KIND_CLIENT`) for leniency. */
function jsonEnum(value: unknown, prefix: string, names: readonly string[], path: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string') {
    const index = names.indexOf(value.toLowerCase().replace(prefix, ''));
    if (index >= 0) return index;
    if (/^\d+$/.test(value)) return Number(value);
  }
  throw new ItemRejection(`${path} must be an enum number or name`);
}

export function spanKindFromJson(value: unknown, path: string): SpanKindName {
  return spanKindFromOtlp(jsonEnum(value, 'span_kind_', OTLP_SPAN_KIND_NAMES, path));
}

export function statusCodeFromJson(value: unknown, path: string): StatusCodeName {
  return statusCodeName(jsonEnum(value, 'status_code_', STATUS_CODE_NAMES, path));
}

/** An OTLP/JSON fixed64 time (decimal string or number) as a decimal string. */
export function jsonTime(value: unknown, path: string): string {
  const nanos = parseJsonUint64(value);
  if (nanos === undefined) throw new ItemRejection(`${path} must be an unsigned 64-bit integer`);
  return nanos;
}
