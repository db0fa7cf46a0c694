import { encodeTracesJson, spanToJson } from '../otlp/encode-json';
import { redactEvent, utf8Length } from '../redact/redact-event';
import type { AiEvent, SpanRecord } from '../types';
import { MAX_REQUEST_BYTES, type ResolvedConfig } from './config';
import type { OutgoingRequest } from './http-sender';
import { redactSpan } from './redact-span';
import { runToEnd, type Steps } from '../util/sliced';

/** Room for the envelope around the items of one request. */
const ENVELOPE_BYTES = 1024;

export interface PreparedRequests {
  requests: OutgoingRequest[];
  /** Items too large to send even after truncation. */
  dropped: number;
}

const encoder = new TextEncoder();

/** Pack pre-serialized items into requests of at most `maxItems` items and `itemLimit` bytes. */
function pack<T>(
  items: Array<{ item: T; bytes: number }>,
  maxItems: number,
  itemLimit: number,
): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const { item, bytes: size } of items) {
    if (current.length && (current.length >= maxItems || bytes + size + 1 > itemLimit)) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size + 1;
  }
  if (current.length) groups.push(current);
  return groups;
}

/** Bytes one item may take in a request of `maxRequestBytes`, and its truncation target. */
function itemLimits(maxRequestBytes: number): { itemLimit: number; maxStringLength: number } {
  const itemLimit = Math.max(1024, maxRequestBytes - ENVELOPE_BYTES);
  return { itemLimit, maxStringLength: Math.min(16 * 1024, Math.floor(itemLimit / 4)) };
}

/**
 * PostHog capture batches (`{api_key, batch}`), split so no request holds more than the batch
 * size or `maxRequestBytes` (4 MiB; smaller for a page-unload flush). An event too large alone
 * is truncated further; if that is not enough it is dropped and counted, never the batch
 * around it.
 */
export function eventRequests(
  events: readonly AiEvent[],
  config: ResolvedConfig,
  maxRequestBytes: number = MAX_REQUEST_BYTES,
): PreparedRequests {
  return runToEnd(eventRequestSteps(events, config, maxRequestBytes));
}

/** `eventRequests` in steps: yields after each event serialized and each body assembled. */
export function* eventRequestSteps(
  events: readonly AiEvent[],
  config: ResolvedConfig,
  maxRequestBytes: number = MAX_REQUEST_BYTES,
): Steps<PreparedRequests> {
  const batch = new EventBatchEncoder(config, maxRequestBytes);
  for (const event of events) {
    batch.add(event);
    yield;
  }
  return yield* batch.requestSteps();
}

/**
 * Capture batches built one event at a time: each event is encoded as soon as it is mapped,
 * so its objects die young instead of being copied by every young-generation GC of the
 * export (100 events of 50 KB messages are megabytes of strings).
 */
export class EventBatchEncoder {
  // Each event is encoded once: its byte length comes from the encoding (no separate UTF-8
  // count) and the bodies are assembled from the encoded events.
  private readonly serialized: Array<{ item: Uint8Array; bytes: number }> = [];
  private dropped = 0;
  private readonly itemLimit: number;
  private readonly maxStringLength: number;

  constructor(
    private readonly config: ResolvedConfig,
    maxRequestBytes: number = MAX_REQUEST_BYTES,
  ) {
    ({ itemLimit: this.itemLimit, maxStringLength: this.maxStringLength } =
      itemLimits(maxRequestBytes));
  }

  /** Encode one event; one too large even after truncation is dropped and counted. */
  add(event: AiEvent): void {
    const itemLimit = this.itemLimit;
    let encoded = encoder.encode(JSON.stringify(event));
    if (encoded.byteLength > itemLimit) {
      encoded = encoder.encode(
        JSON.stringify(
          redactEvent(event, {
            maxEventBytes: Math.floor(itemLimit / 2),
            maxStringLength: this.maxStringLength,
          }),
        ),
      );
      if (encoded.byteLength > itemLimit) {
        this.dropped++;
        return;
      }
    }
    this.serialized.push({ item: encoded, bytes: encoded.byteLength });
  }

  /** The request bodies of the events added, one step per body. */
  *requestSteps(): Steps<PreparedRequests> {
    const head = encoder.encode(`{"api_key":${JSON.stringify(this.config.token)},"batch":[`);
    const requests: OutgoingRequest[] = [];
    for (const batch of pack(this.serialized, this.config.maxBatchSize, this.itemLimit)) {
      requests.push({
        body: joinBytes(head, batch, BATCH_TAIL),
        headers: { 'content-type': 'application/json' },
        items: batch.length,
      });
      yield;
    }
    return { requests, dropped: this.dropped };
  }
}

const COMMA = 0x2c;
const BATCH_TAIL = encoder.encode(']}');

/** `head`, the items separated by commas, `tail`: one copy into one buffer. */
function joinBytes(head: Uint8Array, items: readonly Uint8Array[], tail: Uint8Array): Uint8Array {
  let length = head.byteLength + tail.byteLength + Math.max(0, items.length - 1);
  for (const item of items) length += item.byteLength;
  const body = new Uint8Array(length);
  body.set(head, 0);
  let offset = head.byteLength;
  items.forEach((item, index) => {
    if (index > 0) body[offset++] = COMMA;
    body.set(item, offset);
    offset += item.byteLength;
  });
  body.set(tail, offset);
  return body;
}

/** OTLP/JSON requests of at most the batch size and `maxRequestBytes`, spans redacted like events. */
export function spanRequests(
  spans: readonly SpanRecord[],
  config: ResolvedConfig,
  privacyMode: boolean,
  maxRequestBytes: number = MAX_REQUEST_BYTES,
): PreparedRequests {
  return runToEnd(spanRequestSteps(spans, config, privacyMode, maxRequestBytes));
}

/** `spanRequests` in steps: yields after each span redacted and each body encoded. */
export function* spanRequestSteps(
  spans: readonly SpanRecord[],
  config: ResolvedConfig,
  privacyMode: boolean,
  maxRequestBytes: number = MAX_REQUEST_BYTES,
): Steps<PreparedRequests> {
  const { itemLimit, maxStringLength } = itemLimits(maxRequestBytes);
  let dropped = 0;
  const measured: Array<{ item: SpanRecord; bytes: number }> = [];
  const encoded = new Map<SpanRecord, string>();
  for (const original of spans) {
    let span = redactSpan(original, { privacyMode });
    let json = JSON.stringify(spanToJson(span));
    let bytes = utf8Length(json);
    if (bytes > itemLimit) {
      span = redactSpan(original, { privacyMode, maxStringLength });
      json = JSON.stringify(spanToJson(span));
      bytes = utf8Length(json);
      if (bytes > itemLimit) {
        dropped++;
        yield;
        continue;
      }
    }
    encoded.set(span, json);
    measured.push({ item: span, bytes: bytes + utf8Length(JSON.stringify(span.resource)) });
    yield;
  }
  const requests: OutgoingRequest[] = [];
  for (const batch of pack(measured, config.maxBatchSize, itemLimit)) {
    requests.push({
      body: encoder.encode(encodeTracesJson(batch, encoded)),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${config.token}` },
      items: batch.length,
    });
    yield;
  }
  return { requests, dropped };
}
