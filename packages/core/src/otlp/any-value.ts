/** OTLP AnyValue / KeyValue (protobuf-decoded or OTLP/JSON) → JSON-safe attribute values. */
import type { AttributeValue, Attributes } from '../types';
import {
  MAX_ATTRIBUTE_DEPTH,
  MAX_DEPTH_MARKER,
  normalizeNumber,
  setAttribute,
} from '../span-record/attributes';
import { base64ToBytes, bytesToBase64 } from '../span-record/encoding';
import { ItemRejection } from './errors';
import { int64ToAttributeValue, parseJsonInt64 } from './int64';
import type { ProtoAnyValue, ProtoKeyValue } from './proto';

const hasOwn = (target: object, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(target, key);

/** A protobuf-decoded AnyValue; an empty one is `null`. */
export function anyValueFromProto(
  value: ProtoAnyValue | null | undefined,
  depth = 1,
): AttributeValue {
  if (!value) return null;
  // protobufjs sets decoded fields as own properties; unset ones only exist as defaults.
  if (hasOwn(value, 'stringValue')) return value.stringValue ?? '';
  if (hasOwn(value, 'boolValue')) return value.boolValue === true;
  if (hasOwn(value, 'intValue'))
    return value.intValue == null ? 0 : int64ToAttributeValue(value.intValue);
  if (hasOwn(value, 'doubleValue')) return normalizeNumber(value.doubleValue ?? 0);
  if (hasOwn(value, 'bytesValue')) return bytesToBase64(value.bytesValue ?? new Uint8Array(0));
  if (hasOwn(value, 'arrayValue')) {
    if (depth > MAX_ATTRIBUTE_DEPTH) return MAX_DEPTH_MARKER;
    const values = value.arrayValue?.values ?? [];
    const items = new Array<AttributeValue>(values.length);
    for (let index = 0; index < values.length; index++)
      items[index] = anyValueFromProto(values[index], depth + 1);
    return items;
  }
  if (hasOwn(value, 'kvlistValue')) {
    if (depth > MAX_ATTRIBUTE_DEPTH) return MAX_DEPTH_MARKER;
    return attributesFromProto(value.kvlistValue?.values, depth + 1);
  }
  return null;
}

/** Protobuf-decoded repeated KeyValue → attributes (hostile keys stay own properties, last wins). */
export function attributesFromProto(
  keyValues: readonly ProtoKeyValue[] | null | undefined,
  depth = 1,
): Attributes {
  const attributes: Attributes = {};
  if (!keyValues) return attributes;
  for (const keyValue of keyValues)
    setAttribute(attributes, keyValue.key ?? '', anyValueFromProto(keyValue.value, depth));
  return attributes;
}

/** Own property of a JSON object under its camelCase or snake_case name. */
export function jsonField(
  source: Record<string, unknown>,
  camelCase: string,
  snakeCase?: string,
): unknown {
  if (hasOwn(source, camelCase)) return source[camelCase];
  if (snakeCase !== undefined && hasOwn(source, snakeCase)) return source[snakeCase];
  return undefined;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON array field: missing or null is empty, anything else but an array is an error. */
export function jsonArray(
  value: unknown,
  path: string,
  fail: (message: string) => Error,
): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw fail(`${path} must be an array`);
  return value;
}

const rejection = (message: string): Error => new ItemRejection(message);

/** An OTLP/JSON AnyValue (`{"stringValue": "…"}`, …); an empty one is `null`. */
export function anyValueFromJson(value: unknown, path: string, depth = 1): AttributeValue {
  if (value === undefined || value === null) return null;
  if (!isJsonObject(value)) throw rejection(`${path} must be an AnyValue object`);
  let field: unknown;
  if ((field = jsonField(value, 'stringValue', 'string_value')) !== undefined && field !== null) {
    if (typeof field !== 'string') throw rejection(`${path}.stringValue must be a string`);
    return field;
  }
  if ((field = jsonField(value, 'boolValue', 'bool_value')) !== undefined && field !== null) {
    if (typeof field !== 'boolean') throw rejection(`${path}.boolValue must be a boolean`);
    return field;
  }
  if ((field = jsonField(value, 'intValue', 'int_value')) !== undefined && field !== null) {
    const parsed = parseJsonInt64(field);
    if (parsed === undefined) throw rejection(`${path}.intValue must be an int64`);
    return parsed;
  }
  if ((field = jsonField(value, 'doubleValue', 'double_value')) !== undefined && field !== null) {
    if (typeof field === 'number') return normalizeNumber(field);
    // proto3 JSON spells non-finite doubles as strings; numeric strings are accepted too.
    if (field === 'NaN' || field === 'Infinity' || field === '-Infinity') return field;
    if (typeof field === 'string' && field.trim() !== '' && Number.isFinite(Number(field)))
      return normalizeNumber(Number(field));
    throw rejection(`${path}.doubleValue must be a number`);
  }
  if ((field = jsonField(value, 'bytesValue', 'bytes_value')) !== undefined && field !== null) {
    if (typeof field !== 'string') throw rejection(`${path}.bytesValue must be a base64 string`);
    const bytes = base64ToBytes(field);
    if (!bytes) throw rejection(`${path}.bytesValue must be a base64 string`);
    return bytesToBase64(bytes);
  }
  if ((field = jsonField(value, 'arrayValue', 'array_value')) !== undefined && field !== null) {
    if (!isJsonObject(field)) throw rejection(`${path}.arrayValue must be an object`);
    if (depth > MAX_ATTRIBUTE_DEPTH) return MAX_DEPTH_MARKER;
    const values = jsonArray(field['values'], `${path}.arrayValue.values`, rejection);
    const items = new Array<AttributeValue>(values.length);
    for (let index = 0; index < values.length; index++) {
      items[index] = anyValueFromJson(
        values[index],
        `${path}.arrayValue.values[${index}]`,
        depth + 1,
      );
    }
    return items;
  }
  if ((field = jsonField(value, 'kvlistValue', 'kvlist_value')) !== undefined && field !== null) {
    if (!isJsonObject(field)) throw rejection(`${path}.kvlistValue must be an object`);
    if (depth > MAX_ATTRIBUTE_DEPTH) return MAX_DEPTH_MARKER;
    return attributesFromJson(field['values'], `${path}.kvlistValue.values`, depth + 1);
  }
  return null;
}

/** OTLP/JSON `[{"key": …, "value": AnyValue}]` → attributes (own properties, last wins). */
export function attributesFromJson(keyValues: unknown, path: string, depth = 1): Attributes {
  const attributes: Attributes = {};
  const entries = jsonArray(keyValues, path, rejection);
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    if (!isJsonObject(entry)) throw rejection(`${path}[${index}] must be a KeyValue object`);
    const key = entry['key'];
    if (typeof key !== 'string') throw rejection(`${path}[${index}].key must be a string`);
    setAttribute(
      attributes,
      key,
      anyValueFromJson(entry['value'], `${path}[${index}].value`, depth),
    );
  }
  return attributes;
}
