import type { SpooledRequest } from './spool';

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const BATCH_KEY = encoder.encode('"batch":[');
const BATCH_TAIL = encoder.encode(']}');

function sameHeaders(a: SpooledRequest, b: SpooledRequest): boolean {
  return JSON.stringify(a.headers) === JSON.stringify(b.headers);
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Where a capture batch body's items start (after `{"api_key":…,"batch":[`), or -1. */
function batchItemsStart(body: Uint8Array): number {
  const at = indexOf(body.subarray(0, 1024), BATCH_KEY);
  const endsRight =
    body.length >= 2 &&
    body[body.length - 2] === BATCH_TAIL[0] &&
    body[body.length - 1] === BATCH_TAIL[1];
  return at >= 0 && endsRight ? at + BATCH_KEY.length : -1;
}

/** Capture batches with the same envelope (same token) as one body, or undefined. */
function mergeCapture(requests: readonly SpooledRequest[]): Uint8Array | undefined {
  const first = requests[0]!.body;
  const start = batchItemsStart(first);
  if (start < 0) return undefined;
  const head = first.subarray(0, start);
  const parts: Uint8Array[] = [];
  for (const { body } of requests) {
    const itemsAt = batchItemsStart(body);
    if (itemsAt !== start || indexOf(body.subarray(0, start), head) !== 0) return undefined;
    const items = body.subarray(start, body.length - 2);
    if (items.length) parts.push(items);
  }
  let length = head.length + BATCH_TAIL.length + Math.max(0, parts.length - 1);
  for (const part of parts) length += part.length;
  const merged = new Uint8Array(length);
  merged.set(head, 0);
  let offset = head.length;
  parts.forEach((part, index) => {
    if (index > 0) merged[offset++] = 0x2c;
    merged.set(part, offset);
    offset += part.length;
  });
  merged.set(BATCH_TAIL, offset);
  return merged;
}

/** OTLP/JSON bodies as one (their `resourceSpans` side by side), or undefined. */
function mergeOtlp(requests: readonly SpooledRequest[]): Uint8Array | undefined {
  const resourceSpans: unknown[] = [];
  for (const { body } of requests) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(decoder.decode(body));
    } catch {
      return undefined;
    }
    const keys = parsed && typeof parsed === 'object' ? Object.keys(parsed) : [];
    const spans = (parsed as { resourceSpans?: unknown }).resourceSpans;
    if (keys.length !== 1 || !Array.isArray(spans)) return undefined;
    resourceSpans.push(...(spans as unknown[]));
  }
  return encoder.encode(JSON.stringify({ resourceSpans }));
}

/**
 * The longest prefix of `requests` (oldest first) that fits one request of at most `maxItems`
 * items and `maxBytes` bytes, merged: the spool writes small records soon after spans end
 * (so a crash loses little) and the server still receives full batches. At least one request;
 * `count` says how many were merged.
 */
export function mergeSpooled(
  requests: readonly SpooledRequest[],
  maxItems: number,
  maxBytes: number,
): { request: SpooledRequest; count: number } {
  const first = requests[0]!;
  let count = 1;
  let items = first.items;
  let bytes = first.body.length;
  while (count < requests.length) {
    const next = requests[count]!;
    if (items + next.items > maxItems || bytes + next.body.length > maxBytes) break;
    if (!sameHeaders(first, next)) break;
    items += next.items;
    bytes += next.body.length;
    count++;
  }
  if (count === 1) return { request: first, count };
  const group = requests.slice(0, count);
  const body =
    'authorization' in first.headers ? mergeOtlp(group) : (mergeCapture(group) ?? mergeOtlp(group));
  if (!body) return { request: first, count: 1 };
  return { request: { body, headers: first.headers, items }, count };
}
