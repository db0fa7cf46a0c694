import type { EventStage } from '../pipeline/spans-to-events';
import type { Integration } from '../integration/define-integration';
import type { AiEvent, Normalizer, SpanRecord } from '../types';
import type { Spool } from './spool';

/** Compresses a request body to gzip (the Node adapters inject `node:zlib` at level 1). */
export type GzipFunction = (data: Uint8Array) => Promise<Uint8Array>;

/** Options of `PostHogSpanProcessor` and `PostHogTraceExporter`. All optional but the token. */
export interface PostHogExportOptions {
  /** Project token (PostHog's docs call it `apiKey`). Env: LLM_ANALYTICS_TOKEN, POSTHOG_API_KEY. */
  apiKey?: string;
  /** Same as `apiKey` (PostHog's newer name). */
  projectToken?: string;
  /** Where events go; its path is kept (trailing slash removed), like posthog-node. Env: LLM_ANALYTICS_HOST, POSTHOG_HOST. Default https://us.i.posthog.com. */
  host?: string;
  /**
   * `events` (default): map spans here and send PostHog capture batches to `{host}/batch/`.
   * `otlp`: send filtered, redacted spans as OTLP/JSON to `{host}/i/v0/ai/otel`; the server maps.
   */
  transport?: 'events' | 'otlp';
  /** Send no message content (inputs, outputs, tool arguments and results). */
  privacyMode?: boolean;
  /** Frameworks to map (the adapters add their own); their normalizers run after yours. */
  integrations?: readonly Integration[];
  /** Your own normalizers: they run first, before the integrations' and the core's. */
  normalizers?: readonly Normalizer[];
  /** Drop AI spans you do not want exported. Runs at export time, never in `span.end()`. */
  shouldExportSpan?: (span: SpanRecord) => boolean;
  /** Edit an event or return null to drop it (events transport). */
  beforeSend?: (event: AiEvent) => AiEvent | null | undefined;
  /** Distinct id for events that name no user. */
  distinctId?: string;
  /** Properties added to every event (the span's own properties win). */
  properties?: Record<string, unknown>;
  /** Pricing stage, e.g. `createPricer()` from `@llm-analytics/core/pricing`. Without it events are priced by the server. */
  price?: EventStage;
  /** Events or spans per request, at most 100 (default 100). */
  maxBatchSize?: number;
  /** How often queued spans are sent, in ms (default 2000). */
  flushIntervalMs?: number;
  /** Spans held at most; beyond it the oldest are dropped and counted (default 2048). */
  maxQueueSize?: number;
  /**
   * Bound on `forceFlush()` and `shutdown()` in ms, across every retry, whatever the server
   * does (default 10000). What is not delivered by then is kept for later (`forceFlush`) or
   * dropped and reported (`shutdown`).
   */
  flushTimeoutMs?: number;
  /**
   * Print setup failures that lose data (no token, invalid host, token refused, host
   * unreachable, events dropped, …) as Node process warnings, at most once a minute each
   * (default true; `node --no-warnings` silences them too). They always go to `diag`.
   */
  warnings?: boolean;
  /** Print one line on stderr per delivered request (default false). */
  debug?: boolean;
  /** Timeout of one HTTP request in ms (default 10000). */
  requestTimeoutMs?: number;
  /** Attempts per request including the first (default 5). */
  maxAttempts?: number;
  /** `batched` (default) or `immediate` (serverless: export each AI span as it ends; await `forceFlush()`). */
  exportMode?: 'batched' | 'immediate';
  /** A custom `fetch` (tests, proxies, edge runtimes). */
  fetch?: typeof fetch;
  /** Gzip request bodies when that makes them smaller (default true). */
  compression?: boolean;
  /**
   * How bodies are gzipped when `compression` is on. Default `CompressionStream` (browsers,
   * edge); the Node adapters pass `node:zlib` at level 1, much cheaper in CPU.
   */
  gzip?: GzipFunction;
  /**
   * How long a finished AI span may wait for the rest of its trace (ms, default 3000), so
   * identity found on any span of the trace lands on every event of it.
   */
  traceWaitMs?: number;
  /**
   * Node: keep requests not yet acknowledged in a durable store (`createFileSpool` from
   * `@llm-analytics/core/node-spool`; the Node adapters' `spoolDir` option) so an outage, a
   * restart or a crash loses none. Processor and exporter. Off by default.
   */
  spool?: Spool;
  /** @internal Base delay of the retry backoff in ms (default 500). */
  retryBaseDelayMs?: number;
  /** @internal Longest wait between attempts in ms (default 30000). */
  retryMaxDelayMs?: number;
}

/** A ready request handed to a synchronous sender (page unload): uncompressed, not yet sent. */
export interface SyncFlushRequest {
  /** Endpoint: `{host}/batch/` (events) or `{host}/i/v0/ai/otel` (otlp). */
  url: string;
  /** `events` bodies carry the token (`{api_key, batch}`); `otlp` needs the `authorization` header. */
  transport: 'events' | 'otlp';
  body: Uint8Array;
  headers: Record<string, string>;
  /** Events or spans in the body. */
  items: number;
}

/**
 * Starts the request before returning true (a `fetch` with `keepalive`, `navigator.sendBeacon`).
 * False hands the request back to the normal, retrying transport.
 */
export type SyncFlushSender = (request: SyncFlushRequest) => boolean;

/** What `PostHogSpanProcessor.flushSync` did, in items (events or spans). */
export interface SyncFlushResult {
  /** Accepted by the sender. */
  sent: number;
  /** Refused by the sender: sent by the normal transport instead. */
  deferred: number;
}
