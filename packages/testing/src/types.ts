import type { IncomingHttpHeaders } from 'node:http';

/** Options for {@link startMockOpenAI}. */
export interface MockOpenAIOptions {
  /** Interface to bind. Defaults to `127.0.0.1` (loopback only). */
  host?: string;
  /** Port to bind. Defaults to `0` (a free port chosen by the OS). */
  port?: number;
  /** When set, requests without `Authorization: Bearer <apiKey>` get a 401. */
  apiKey?: string;
  /** Embedding size when the request gives no `dimensions`. Defaults to 8. */
  embeddingDimensions?: number;
  /** Prompts of at least this many tokens report cached tokens. Defaults to 1024. */
  cacheMinTokens?: number;
  /** Delay before every response, in milliseconds. Defaults to 0. */
  responseDelayMs?: number;
  /** Delay between streamed SSE events, in milliseconds (for time-to-first-token tests). */
  streamChunkDelayMs?: number;
}

/** A request received by the mock OpenAI server. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or `undefined` when the body is empty or not JSON. */
  body: unknown;
  rawBody: string;
  receivedAt: number;
}

/** A scripted failure (or delay) for the next matching requests of the mock OpenAI server. */
export interface MockFault {
  /** HTTP status to answer with. Omit to only delay the request. */
  status?: number;
  /** How many matching requests the fault applies to. Defaults to 1. */
  times?: number;
  /** Response body; defaults to an OpenAI-style `{ error: { message, type, param, code } }`. */
  body?: unknown;
  /** `Retry-After` header value (seconds or an HTTP date). */
  retryAfter?: number | string;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Only match requests whose path ends with this, e.g. `/chat/completions`. */
  path?: string;
}

/** A running mock OpenAI-compatible server. */
export interface MockOpenAIServer {
  /** Base URL ending in `/v1`, to pass as `baseURL` to the OpenAI client. */
  url: string;
  /** `http://127.0.0.1:<port>` without a path. */
  origin: string;
  port: number;
  /** Every request received, in order (faulted ones included). */
  requests: RecordedRequest[];
  /** Answer the next matching request(s) with an error status and/or a delay. */
  inject(fault: MockFault): void;
  /** Forget recorded requests, pending faults and id counters. */
  reset(): void;
  close(): Promise<void>;
}

/** Options for {@link startCaptureServer}. */
export interface CaptureServerOptions {
  host?: string;
  port?: number;
  /** Answer used when no scripted response is queued. Defaults to 200 `{"status":1}`. */
  defaultResponse?: ScriptedResponse;
}

/** A response the capture server sends for one request. */
export interface ScriptedResponse {
  /** Defaults to 200. */
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and Buffers as they are. Defaults to `{"status":1}`. */
  body?: unknown;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Destroy the socket without answering, to simulate a network error. */
  destroySocket?: boolean;
}

/** A request received by the capture server. */
export interface CapturedRequest {
  method: string;
  /** Path without the query string, e.g. `/batch/` or `/i/v0/ai/otel`. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Body bytes exactly as received. */
  rawBody: Buffer;
  /** Body bytes after undoing `content-encoding` (gzip, deflate, br). */
  body: Buffer;
  /** Decoded body as UTF-8 text. */
  text: string;
  /** Parsed body when the content type is JSON and it parses. */
  json: unknown;
  receivedAt: number;
}

/** Decides the response for one captured request; `undefined` falls back to the default. */
export type CaptureResponder = (
  request: CapturedRequest,
) => ScriptedResponse | undefined | Promise<ScriptedResponse | undefined>;

/** A running capture sink. */
export interface CaptureServer {
  /** `http://127.0.0.1:<port>` without a trailing slash. */
  url: string;
  port: number;
  requests: CapturedRequest[];
  /**
   * A function answers every request from now on; an array (or one response) is queued and
   * used one entry per request, before falling back to the function or the default.
   */
  respondWith(responder: CaptureResponder | ScriptedResponse | ScriptedResponse[]): void;
  /**
   * With a number, resolves once that many requests arrived (all requests);
   * with a predicate, resolves with the requests that match once at least one does.
   */
  waitFor(
    countOrPredicate: number | ((request: CapturedRequest) => boolean),
    timeoutMs?: number,
  ): Promise<CapturedRequest[]>;
  /** Forget recorded requests and scripted responses. */
  reset(): void;
  close(): Promise<void>;
}
