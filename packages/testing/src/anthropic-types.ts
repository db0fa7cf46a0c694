import type { MockFault, RecordedRequest } from './types';

/** Options for {@link startMockAnthropic}. */
export interface MockAnthropicOptions {
  /** Interface to bind. Defaults to `127.0.0.1` (loopback only). */
  host?: string;
  /** Port to bind. Defaults to `0` (a free port chosen by the OS). */
  port?: number;
  /** When set, requests without `x-api-key: <apiKey>` (or `Authorization: Bearer`) get a 401. */
  apiKey?: string;
  /**
   * A `cache_control` breakpoint caches its prompt prefix only from this many tokens on, like
   * the API's minimum cacheable length. Defaults to 1024.
   */
  cacheMinTokens?: number;
  /** Delay before every response, in milliseconds. Defaults to 0. */
  responseDelayMs?: number;
  /** Delay between streamed SSE events, in milliseconds (for time-to-first-token tests). */
  streamChunkDelayMs?: number;
}

/** A scripted failure (or delay) for the next matching requests of the mock Anthropic server. */
export interface MockAnthropicFault extends MockFault {
  /**
   * For a streamed request: answer 200, send `message_start`, then an `error` event with the
   * status's error type (how the API reports `overloaded_error` mid-stream). A request that
   * does not stream gets the plain error response.
   */
  midStream?: boolean;
}

/** A running mock of the Anthropic Messages API. */
export interface MockAnthropicServer {
  /**
   * `http://127.0.0.1:<port>` without a path: pass it as `baseURL` to the Anthropic client,
   * which appends `/v1/messages` itself.
   */
  url: string;
  port: number;
  /** Every request received, in order (faulted ones included). */
  requests: RecordedRequest[];
  /** Answer the next matching request(s) with an error status and/or a delay. */
  inject(fault: MockAnthropicFault): void;
  /** Forget the cached prompt prefixes only (the next identical prefix writes the cache again). */
  clearCache(): void;
  /** Forget recorded requests, pending faults, id counters and the prompt cache. */
  reset(): void;
  close(): Promise<void>;
}
