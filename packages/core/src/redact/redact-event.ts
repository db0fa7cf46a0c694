import { P } from '../semconv/posthog';
import type { AiEvent } from '../types';
import { setOwn } from '../util/own';

/**
 * The redact / limit stage: media replaced by placeholders, privacy mode, size limits with
 * visible truncation markers. Copy-on-write: values that need no change are shared, nothing
 * the caller holds is mutated.
 */
export interface RedactOptions {
  /** Drop message content: inputs, outputs, states and content-bearing pass-through keys. */
  privacyMode?: boolean;
  /** Replace base64 and data-URL media with placeholders (default true). */
  redactMedia?: boolean;
  /** Longest string kept in a property, in UTF-16 units (default 64 KiB). */
  maxStringLength?: number;
  /** Largest serialized event in bytes (default 900 KB, under PostHog's 1 MB event limit). */
  maxEventBytes?: number;
}

export const DEFAULT_MAX_STRING_LENGTH = 64 * 1024;
export const DEFAULT_MAX_EVENT_BYTES = 900 * 1024;

const CONTENT_PROPERTIES = [P.input, P.outputChoices, P.inputState, P.outputState];
/** Pass-through keys that carry message content (for privacy mode). */
const CONTENT_KEY =
  /(^|\.)(prompt|completion|messages|system_instructions|input\.value|output\.value|entity\.input|entity\.output|tool\.call\.arguments|tool\.call\.result|response\.text|response\.object|response\.toolCalls|toolCall\.args|toolCall\.result)(\.|$)/;

const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+)?(;[\w-]+=[^;,]*)*;base64,/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const MIN_BARE_BASE64 = 256;

/** UTF-8 byte length without allocating. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function mediaPlaceholder(text: string): string | undefined {
  if (text.length < 32) return undefined;
  const dataUrl = DATA_URL.exec(text);
  if (dataUrl) {
    const bytes = Math.floor(((text.length - dataUrl[0].length) * 3) / 4);
    return `[redacted ${dataUrl[1] ?? 'media'} data URL, ${bytes} bytes]`;
  }
  // Long binary payloads in base64 always mix cases, digits and +/ (or -_): plain words do not.
  if (
    text.length >= MIN_BARE_BASE64 &&
    BASE64.test(text) &&
    /[+/_-]/.test(text) &&
    /[A-Z]/.test(text) &&
    /[a-z]/.test(text) &&
    /\d/.test(text)
  ) {
    return `[redacted base64, ${Math.floor((text.length * 3) / 4)} bytes]`;
  }
  return undefined;
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… [truncated ${text.length - max} chars]`;
}

interface WalkState {
  media: boolean;
  maxString: number;
  /** A string was cut somewhere inside the value being walked. */
  truncated: boolean;
  depth: number;
}

const MAX_DEPTH = 64;

/** Copy-on-write walk: returns the same reference when nothing inside changed. */
function walk(value: unknown, state: WalkState): unknown {
  if (typeof value === 'string') {
    const placeholder = state.media ? mediaPlaceholder(value) : undefined;
    if (placeholder) return placeholder;
    if (value.length <= state.maxString) return value;
    state.truncated = true;
    return truncate(value, state.maxString);
  }
  if (typeof value !== 'object' || value === null) return value;
  if (state.depth >= MAX_DEPTH) {
    state.truncated = true;
    return '[max depth]';
  }
  state.depth++;
  try {
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const next = walk(value[i], state);
        if (next !== value[i]) {
          copy ??= value.slice();
          copy[i] = next;
        }
      }
      return copy ?? value;
    }
    let copy: Record<string, unknown> | undefined;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const next = walk(record[key], state);
      if (next !== record[key]) {
        copy ??= copyRecord(record);
        setKey(copy, key, next);
      }
    }
    return copy ?? value;
  } finally {
    state.depth--;
  }
}

function copyRecord(record: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record)) setKey(copy, key, record[key]);
  return copy;
}

const setKey = setOwn;

/** Media placeholders and string truncation over any value (span attributes in the otlp transport). */
export function redactValue<T>(value: T, options: RedactOptions = {}): T {
  return walk(value, {
    media: options.redactMedia !== false,
    maxString: options.maxStringLength ?? DEFAULT_MAX_STRING_LENGTH,
    truncated: false,
    depth: 0,
  }) as T;
}

/** Whether a pass-through attribute key carries message content (dropped in privacy mode). */
export function isContentKey(key: string): boolean {
  return CONTENT_KEY.test(key);
}

function serializedSize(value: unknown): number {
  try {
    return utf8Length(JSON.stringify(value) ?? '');
  } catch {
    return 0;
  }
}

/** JSON.stringify writes a UTF-16 unit as at most 6 bytes (`\u001f`); a pair as 4. */
const MAX_BYTES_PER_UNIT = 6;
/** The longest JSON number: `-1.7976931348623157e+308`. */
const MAX_NUMBER_BYTES = 24;

/**
 * A bound of `serializedSize(value)` that builds no string, or `Infinity` once it passes
 * `limit` or meets a value `JSON.stringify` might expand (`toJSON`, class instances). Most
 * events are far below the event limit: this spares them a full serialization whose only
 * use would be to find that out (the transport serializes them again to send them).
 */
function serializedSizeBound(value: unknown, limit: number, depth = 0): number {
  switch (typeof value) {
    case 'string':
      return value.length * MAX_BYTES_PER_UNIT + 2;
    case 'number':
      return MAX_NUMBER_BYTES;
    case 'boolean':
    case 'undefined':
    case 'function':
    case 'symbol':
      return 5;
    case 'bigint':
      return Infinity;
  }
  if (value === null) return 4;
  if (depth >= MAX_DEPTH) return Infinity;
  let size = 2;
  if (Array.isArray(value)) {
    for (const item of value) {
      size += serializedSizeBound(item, limit, depth + 1) + 1;
      if (size > limit) return Infinity;
    }
    return size;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return Infinity;
  const record = value as Record<string, unknown>;
  if (typeof record['toJSON'] === 'function') return Infinity;
  for (const key of Object.keys(record)) {
    size +=
      key.length * MAX_BYTES_PER_UNIT + 4 + serializedSizeBound(record[key], limit, depth + 1);
    if (size > limit) return Infinity;
  }
  return size;
}

/** Apply privacy mode, media redaction and size limits to one event. */
export function redactEvent(event: AiEvent, options: RedactOptions = {}): AiEvent {
  return redactInto(event, {}, options);
}

/**
 * `redactEvent` for an event the caller owns (the pipeline's freshly built ones): only the
 * properties that change are replaced, in its own bag. Privacy mode still copies (dropping
 * keys with `delete` would make the bag a slow dictionary).
 */
export function redactEventInPlace(event: AiEvent, options: RedactOptions = {}): AiEvent {
  return redactInto(event, options.privacyMode ? {} : event.properties, options);
}

/** Redacts `event`'s properties into `properties` (a new bag, or the event's own). */
function redactInto(
  event: AiEvent,
  properties: Record<string, unknown>,
  options: RedactOptions,
): AiEvent {
  const inPlace = properties === event.properties;
  const state: WalkState = {
    media: options.redactMedia !== false,
    maxString: options.maxStringLength ?? DEFAULT_MAX_STRING_LENGTH,
    truncated: false,
    depth: 0,
  };
  const truncated: string[] = [];
  for (const key of Object.keys(event.properties)) {
    if (
      options.privacyMode &&
      (CONTENT_PROPERTIES.includes(key as (typeof CONTENT_PROPERTIES)[number]) ||
        CONTENT_KEY.test(key))
    )
      continue;
    state.truncated = false;
    const value = event.properties[key];
    const next = walk(value, state);
    if (state.truncated) truncated.push(key);
    if (!inPlace || next !== value) setKey(properties, key, next);
  }

  const maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
  // The exact size only when the cheap bound cannot rule out an oversized event.
  let size =
    serializedSizeBound(properties, maxEventBytes) <= maxEventBytes
      ? 0
      : serializedSize(properties);
  if (size > maxEventBytes) {
    // Shrink the largest properties first until the event fits; each gets a visible marker.
    const bySize = Object.keys(properties)
      .map((key) => ({ key, bytes: serializedSize(properties[key]) }))
      .sort((a, b) => b.bytes - a.bytes);
    for (const { key, bytes } of bySize) {
      if (size <= maxEventBytes || key.startsWith(P.traceId) || key === P.spanId) break;
      const budget = Math.max(1024, maxEventBytes - (size - bytes) - 256);
      const shrunk = walk(properties[key], {
        media: true,
        maxString: Math.max(256, Math.floor(budget / 4)),
        truncated: false,
        depth: 0,
      });
      const shrunkBytes = serializedSize(shrunk);
      const replacement = shrunkBytes <= budget ? shrunk : `[truncated: ${bytes} bytes]`;
      setKey(properties, key, replacement);
      size = size - bytes + serializedSize(replacement);
      truncated.push(key);
    }
  }
  if (truncated.length) properties[P.truncated] = [...new Set(truncated)];
  return inPlace ? event : { ...event, properties };
}
