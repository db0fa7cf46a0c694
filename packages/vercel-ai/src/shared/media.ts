import { isPlainObject } from '@llm-analytics/core';

/** Binary data longer than this is not rebuilt from its JSON form (a placeholder is kept). */
const MAX_JSON_BYTES = 8 * 1024 * 1024;

/**
 * Bytes as `JSON.stringify` left them in `ai.prompt`: a Uint8Array becomes
 * `{"0":137,"1":80,…}` and a Node Buffer `{"type":"Buffer","data":[…]}`.
 */
export function bytesFromJson(value: unknown): Uint8Array | undefined {
  if (isPlainObject(value) && value.type === 'Buffer' && Array.isArray(value.data)) {
    return toBytes(value.data);
  }
  if (!isPlainObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length === 0 || keys.length > MAX_JSON_BYTES) return undefined;
  const values: unknown[] = new Array<unknown>(keys.length);
  for (let index = 0; index < keys.length; index++) {
    // Typed arrays serialize their indices in order, 0…n-1: anything else is not bytes.
    if (keys[index] !== String(index)) return undefined;
    values[index] = value[index];
  }
  return toBytes(values);
}

function toBytes(values: unknown[]): Uint8Array | undefined {
  if (values.length > MAX_JSON_BYTES) return undefined;
  const bytes = new Uint8Array(values.length);
  for (let index = 0; index < values.length; index++) {
    const byte = values[index];
    if (typeof byte !== 'number' || byte < 0 || byte > 255 || !Number.isInteger(byte)) {
      return undefined;
    }
    bytes[index] = byte;
  }
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + chunk));
  }
  return btoa(binary);
}

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Media data in any shape the AI SDK records (base64 string, URL string, serialized bytes,
 * AI SDK 7's tagged `{type: 'data' | 'url', …}`) as a URL: `data:` URLs for inline data, so
 * the redaction stage recognises and replaces them.
 */
export function mediaUrl(data: unknown, mediaType: string | undefined): string | undefined {
  const mime = mediaType && mediaType.includes('/') ? mediaType : 'application/octet-stream';
  if (typeof data === 'string') {
    if (data === '') return undefined;
    return URL_SCHEME.test(data) ? data : `data:${mime};base64,${data}`;
  }
  if (isPlainObject(data)) {
    if (data.type === 'url' && typeof data.url === 'string') return data.url;
    if (data.type === 'data' && 'data' in data) return mediaUrl(data.data, mediaType);
  }
  const bytes = bytesFromJson(data);
  return bytes ? `data:${mime};base64,${bytesToBase64(bytes)}` : undefined;
}
